import type { Settings } from './api/domain'

type Defaults = Pick<Settings, 'contextSize' | 'temperature' | 'modelDefaults'>

/**
 * A model's context size and temperature: its own defaults (set in the chat's model picker) over
 * the settings'. A chat's own temperature (from its assistant) and an API request's still come first.
 */
export function modelDefaultsOf(settings: Defaults, modelId: string): { contextSize: number; temperature: number } {
  const own = settings.modelDefaults[modelId]
  return { contextSize: own?.contextSize ?? settings.contextSize, temperature: own?.temperature ?? settings.temperature }
}
