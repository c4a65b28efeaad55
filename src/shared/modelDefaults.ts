import type { Settings } from './api/domain'

type Defaults = Pick<Settings, 'contextSize' | 'temperature' | 'kvCacheType' | 'modelDefaults'>

export interface ModelDefaults {
  contextSize: number
  temperature: number
  /** Layers on the graphics card; 'auto': as many as the memory estimate fits. */
  gpuLayers: number | 'auto'
  kvCacheType: Settings['kvCacheType']
  /** 'auto': the engine's choice (on where the model supports it, see fit/context.ts). */
  flashAttention: boolean | 'auto'
}

/**
 * A model's context size, temperature and how it is loaded: its own defaults (set in the chat's
 * model picker) over the settings'. A chat's own temperature (from its assistant) and an API
 * request's still come first.
 */
export function modelDefaultsOf(settings: Defaults, modelId: string): ModelDefaults {
  const own = settings.modelDefaults[modelId]
  return {
    contextSize: own?.contextSize ?? settings.contextSize,
    temperature: own?.temperature ?? settings.temperature,
    gpuLayers: own?.gpuLayers ?? 'auto',
    kvCacheType: own?.kvCacheType ?? settings.kvCacheType,
    flashAttention: own?.flashAttention ?? 'auto',
  }
}
