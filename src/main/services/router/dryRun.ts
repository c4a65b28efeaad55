/**
 * What `aura route --dry-run` assumes when it decides without looking at this computer: a small and
 * a larger local model installed and running well, and every cataloged cloud model keyed and within
 * budget — unless the flags say otherwise.
 */
import { DEFAULT_SETTINGS } from '../../../shared/api'
import { CATALOG_DATA } from '../catalog/catalogData'
import { CLOUD_CATALOG } from '../providers/catalog'
import { cloudModelId } from '../providers/modelId'
import type { CloudOption, LocalOption, PolicyInput } from './types'

/** Real catalog entries: a ~3B laptop model and an ~8B all-rounder. */
export const DRY_RUN_FAST_MODEL = 'llama-3.2-3b'
export const DRY_RUN_QUALITY_MODEL = 'qwen3-8b'

function catalogLocal(id: string): LocalOption {
  const entry = CATALOG_DATA.find((candidate) => candidate.id === id)
  if (!entry) throw new Error(`The dry run's local model ${id} is not in the catalog`)
  return {
    id: entry.id,
    name: entry.name,
    parameters: entry.parameters,
    sizeBytes: entry.quants[0]?.sizeBytes ?? 0,
    // As the app would load it with default settings.
    contextTokens: Math.min(DEFAULT_SETTINGS.contextSize, entry.contextLength),
    fit: 'runs_well',
  }
}

export const DRY_RUN_LOCAL: readonly LocalOption[] = [catalogLocal(DRY_RUN_FAST_MODEL), catalogLocal(DRY_RUN_QUALITY_MODEL)]

export const DRY_RUN_CLOUD: readonly CloudOption[] = CLOUD_CATALOG.map((model) => ({
  id: cloudModelId(model.provider, model.model),
  name: model.name,
  provider: model.provider,
  strength: model.strength,
  capabilities: [...model.capabilities],
  contextWindow: model.contextWindow,
  price: { inputPerMTokens: model.price.inputPerMTokens, outputPerMTokens: model.price.outputPerMTokens },
}))

const NOT_LIMITED: ReadonlySet<string> = new Set()

export function dryRunInput(text: string, flags: { privacy?: boolean; offline?: boolean }, options: { maxTokens?: number } = {}): PolicyInput {
  return {
    request: { text, history: [] },
    mode: flags.privacy ? 'local_only' : 'auto',
    maxTokens: options.maxTokens ?? DEFAULT_SETTINGS.maxTokens,
    preferQuality: DEFAULT_SETTINGS.preferQuality,
    local: [...DRY_RUN_LOCAL],
    fastModelId: null,
    qualityModelId: null,
    cloud: [...DRY_RUN_CLOUD],
    autoCloudModelId: null,
    conditions: { offline: flags.offline ?? false, budget: 'ok', rateLimited: NOT_LIMITED },
  }
}
