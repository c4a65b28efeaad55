import { realpath } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, relative, sep } from 'node:path'
import type { DiscoveredModel } from '../../../../shared/api'
import { findFiles, type WalkBudget } from '../walk'
import { groupModelFiles, modelStem } from './files'
import { appFolders, type DiscoveryContext } from './folders'
import { listHfCacheModels } from './hfCache'
import { listOllamaModels } from './ollama'

export interface DiscoverOptions {
  /** The user's home folder (os.homedir() by default). */
  home?: string
  /** Where OLLAMA_MODELS, HF_HOME, XDG_*, APPDATA… are read from (process.env by default). */
  env?: Record<string, string | undefined>
  platform?: NodeJS.Platform
  /** Whether Aura already uses this file (imported, or in its models folder); `realFile` has links resolved. */
  isImported?: (file: string, realFile: string) => boolean
  /** Prefix of system-wide folders ('/' by default); tests point it at a temp folder. */
  systemRoot?: string
}

type Source = DiscoveredModel['source']
type Found = Omit<DiscoveredModel, 'imported'>

/** Directory entries each app's folders may cost, so a huge or odd folder cannot stall discovery. */
const ENTRY_BUDGET = 20_000

/** `<root>/a/b/file.gguf` → `a/b/file`; split sets by their base name. */
function relativeName(root: string, file: string): string {
  const dirs = relative(root, file).split(sep)
  dirs.pop()
  return [...dirs, modelStem(basename(file))].join('/')
}

async function scanFolders(
  source: Source,
  roots: readonly string[],
  maxDepth: number,
  name: (root: string, file: string) => string,
  accept?: (fileName: string) => boolean,
): Promise<Found[]> {
  const budget: WalkBudget = { entries: ENTRY_BUDGET }
  const found: Found[] = []
  for (const root of roots) {
    const files = await findFiles(root, { maxDepth, budget, accept })
    for (const model of await groupModelFiles(files)) found.push({ source, name: name(root, model.file), ...model })
  }
  return found
}

/** Jan names a model by its folder (`llamacpp/models/<id>/model.gguf`). */
function janName(root: string, file: string): string {
  const dirs = relative(root, file).split(sep)
  dirs.pop()
  return dirs.length > 0 ? dirs.join('/') : modelStem(basename(file))
}

/** GPT4All writes downloads in progress as `incomplete-<name>.gguf`. */
const gpt4allFile = (name: string) => name.toLowerCase().endsWith('.gguf') && !name.startsWith('incomplete-')

/**
 * GGUF models other apps downloaded — LM Studio, Ollama, Jan, GPT4All and the Hugging Face cache —
 * for the user to use in place. Only reads folder listings and small config files (never a model's
 * contents beyond Ollama's 4-byte magic), bounded in depth and entries; a missing folder is skipped,
 * never an error. The same file reached twice (links) is offered once.
 */
export async function discoverModels(options: DiscoverOptions = {}): Promise<DiscoveredModel[]> {
  const ctx: DiscoveryContext = {
    home: options.home ?? homedir(),
    env: options.env ?? process.env,
    platform: options.platform ?? process.platform,
    systemRoot: options.systemRoot ?? '/',
  }
  const folders = await appFolders(ctx)
  const ollamaBudget: WalkBudget = { entries: ENTRY_BUDGET }
  const hfBudget: WalkBudget = { entries: ENTRY_BUDGET }
  const groups = await Promise.all([
    scanFolders('lm_studio', folders.lmStudio, 4, relativeName),
    (async () => {
      const found: Found[] = []
      for (const dir of folders.ollama) {
        for (const m of await listOllamaModels(dir, ollamaBudget)) found.push({ source: 'ollama', name: m.names.join(', '), file: m.file, sizeBytes: m.sizeBytes })
      }
      return found
    })(),
    scanFolders('jan', folders.jan, 4, janName),
    scanFolders('gpt4all', folders.gpt4all, 2, (_root, file) => modelStem(basename(file)), gpt4allFile),
    (async () => {
      const found: Found[] = []
      for (const dir of folders.hfCache) for (const m of await listHfCacheModels(dir, hfBudget)) found.push({ source: 'hf_cache', ...m })
      return found
    })(),
  ])

  const seen = new Set<string>()
  const result: DiscoveredModel[] = []
  for (const group of groups) {
    group.sort((a, b) => a.name.localeCompare(b.name))
    for (const model of group) {
      const real = await realpath(model.file).catch(() => model.file)
      if (seen.has(real)) continue
      seen.add(real)
      let imported = false
      try {
        imported = options.isImported?.(model.file, real) ?? false
      } catch {
        // a failing check only loses the badge
      }
      result.push({ ...model, imported })
    }
  }
  return result
}
