import type { KeyValueStore } from '../ports'

/** A KeyValueStore kept in memory, for tests that do not look at the settings file. */
export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  let value = structuredClone(initial)
  return {
    read: () => structuredClone(value),
    write: (next) => {
      value = structuredClone(next)
    },
  }
}
