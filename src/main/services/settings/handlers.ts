import type { HandlersOf } from '../dispatch'
import type { SettingsService } from './settingsService'

/** Settings; `changed` tells the parts that hold state derived from them (the cost meter). */
export function settingsHandlers(settings: SettingsService, changed: () => void): HandlersOf<'settings'> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const updated = settings.update(patch)
      changed()
      return updated
    },
  }
}
