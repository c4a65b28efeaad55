import { SettingsSchema, type Notice, type Settings, type SettingsPatch } from '../../../shared/api'
import { say } from '../../../shared/i18n'
import type { KeyValueStore } from '../ports'

type Key = keyof Settings
const keys = Object.keys(SettingsSchema.shape) as Key[]

/**
 * Settings validated field by field: a field that is missing or invalid (hand-edited, from an
 * older version) falls back to its default and the user is told once; the rest is kept.
 *
 * The store is the truth, shared with other processes (the desktop app, `aura serve`, the CLI): an
 * update is a patch applied to what is stored now, under the store's lock, and a change another
 * process made is read again the next time settings are asked for.
 */
export class SettingsService {
  private current!: Settings
  private stamp: string | undefined

  constructor(
    private readonly store: KeyValueStore,
    notify: (notice: Notice) => void,
  ) {
    const reset = this.exclusive(() => {
      const { settings, reset } = validate(store.read())
      if (reset.length > 0) store.write(settings)
      this.current = settings
      return reset
    })
    if (reset.length > 0) {
      notify({
        level: 'warning',
        message: say('settings.reset', { names: reset.join(', ') }),
      })
    }
  }

  get(): Settings {
    const stamp = this.store.stamp?.()
    if (stamp === this.stamp) return this.current
    try {
      this.current = validate(this.store.read()).settings
      this.stamp = stamp
    } catch {
      // Unreadable this moment (a hand edit half saved): keep what we had, read again next time.
    }
    return this.current
  }

  update(patch: SettingsPatch): Settings {
    return this.exclusive(() => {
      // Applied to what is stored now, not to this process's copy: another process's change stays.
      this.current = SettingsSchema.parse({ ...validate(this.store.read()).settings, ...patch })
      this.store.write(this.current)
      return this.current
    })
  }

  private exclusive<T>(work: () => T): T {
    const locked = () => {
      const result = work()
      this.stamp = this.store.stamp?.()
      return result
    }
    return this.store.exclusive ? this.store.exclusive(locked) : locked()
  }
}

/** Every field of `stored` that is valid, defaults for the rest, and the names of those reset. */
function validate(stored: Record<string, unknown>): { settings: Settings; reset: string[] } {
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
  return { settings: settings as Settings, reset }
}
