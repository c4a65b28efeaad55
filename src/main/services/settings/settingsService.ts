import { SettingsSchema, type Notice, type Settings, type SettingsPatch } from '../../../shared/api'
import type { KeyValueStore } from '../ports'

type Key = keyof Settings
const keys = Object.keys(SettingsSchema.shape) as Key[]

/**
 * Settings validated field by field: a field that is missing or invalid (hand-edited, from an
 * older version) falls back to its default and the user is told once; the rest is kept.
 */
export class SettingsService {
  private current: Settings

  constructor(
    private readonly store: KeyValueStore,
    notify: (notice: Notice) => void,
  ) {
    const stored = store.read()
    const settings: Record<string, unknown> = {}
    const reset: string[] = []
    for (const key of keys) {
      const field = SettingsSchema.shape[key]
      const parsed = field.safeParse(stored[key])
      if (parsed.success) settings[key] = parsed.data
      else {
        settings[key] = field.parse(undefined)
        reset.push(key)
      }
    }
    this.current = settings as Settings
    if (reset.length > 0) {
      notify({
        level: 'warning',
        message: `Some settings were not valid (${reset.join(', ')}) and were reset to their defaults.`,
      })
      this.store.write(this.current)
    }
  }

  get(): Settings {
    return this.current
  }

  update(patch: SettingsPatch): Settings {
    this.current = SettingsSchema.parse({ ...this.current, ...patch })
    this.store.write(this.current)
    return this.current
  }
}
