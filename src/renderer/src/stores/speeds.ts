import { create } from 'zustand'
import type { ModelSpeed } from '../api'
import { call } from '../lib/client'

interface SpeedsStore {
  speeds: ModelSpeed[]
  /** Reads the speeds measured so far (the model picker asks each time it opens). */
  load(): Promise<void>
}

/** How fast each model wrote on this computer (the usage ledger's replies). */
export const useSpeeds = create<SpeedsStore>((set) => ({
  speeds: [],
  async load() {
    try {
      set({ speeds: await call('usage.speeds', {}) })
    } catch {
      // Speeds are a hint: without them the picker shows the rest.
    }
  },
}))
