/**
 * What the model name an app asks for means. Apps send their own built-in names (Claude Code's
 * `claude-…`, an OpenAI script's `gpt-4o`); the user's rules (`settings.api.modelNames`, first match
 * wins) say where each goes: `auto`, `local` (Auto among the local models) or a model Aura has.
 */
import { AUTO_MODEL_ID, AuraError, type ModelNameRule } from '../../../shared/api'
import { LOCAL_TARGET } from '../../../shared/modelNames'
import { parseCloudModelId } from '../providers'
import type { ListedModel } from './core'

/** Where a request goes: a model (or `auto`), and whether Auto should keep to local models first. */
export interface ModelTarget {
  modelId: string
  preferLocal: boolean
}

/** `*` stands for any characters (none too); the rest is the name itself, case aside. */
export function nameMatches(pattern: string, name: string): boolean {
  const source = pattern
    .trim()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`, 'i').test(name)
}

/**
 * The model `name` stands for: `auto`, a model the list has (`listed`, as the key may see it),
 * `<provider>:<model>` of a provider with a key, else the first rule that matches, else Auto — but a
 * name that points somewhere (a folder path `owner/model`, `<provider>:<model>`) and matches no rule is 404.
 */
export function resolveModelName(name: string, rules: readonly ModelNameRule[], listed: readonly ListedModel[]): ModelTarget {
  const auto = { modelId: AUTO_MODEL_ID, preferLocal: false }
  if (name === AUTO_MODEL_ID) return auto
  if (has(name, listed)) return { modelId: name, preferLocal: false }
  const rule = rules.find((r) => nameMatches(r.pattern, name))
  if (rule) {
    const target = rule.target.trim()
    if (target === AUTO_MODEL_ID) return auto
    if (target === LOCAL_TARGET) return { modelId: AUTO_MODEL_ID, preferLocal: true }
    if (has(target, listed)) return { modelId: target, preferLocal: false }
    throw new AuraError(
      'model_not_found',
      `Aura's model names send “${name}” (rule “${rule.pattern}”) to “${target}”, which Aura does not have (or this app may not use). Change the rule in Aura (Settings → Connect apps → Model names), or use "auto".`,
    )
  }
  if (name.includes('/') || name.includes(':')) {
    throw new AuraError('model_not_found', `Aura has no model “${name}”. Use "auto" (Aura picks), or one of the names GET /v1/models lists.`)
  }
  return auto
}

/** In the list, or a cloud model of a provider the list has (the list names only a provider's known models). */
function has(id: string, listed: readonly ListedModel[]): boolean {
  if (listed.some((m) => m.id === id)) return true
  const cloud = parseCloudModelId(id)
  return cloud !== null && listed.some((m) => m.ownedBy === cloud.provider)
}
