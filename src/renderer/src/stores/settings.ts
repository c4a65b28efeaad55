import { create } from 'zustand'
import type { Settings, SettingsPatch } from '../api'
import { call, errorMessage } from '../lib/client'
import { useCatalog } from './catalog'
import { useModels } from './models'

interface SettingsStore {
  settings: Settings | null
  error: string | null
  load(): Promise<void>
  /** Saves a change; resolves to an error message, or null when saved. */
  update(patch: SettingsPatch): Promise<string | null>
}

export const useSettings = create<SettingsStore>((set) => ({
  settings: null,
  error: null,
  async load() {
    try {
      set({ settings: await call('settings.get', {}), error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  },
  async update(patch) {
    try {
      set({ settings: await call('settings.update', patch) })
      // How models fit depends on the context size.
      if (patch.contextSize !== undefined) {
        void useModels.getState().refresh()
        if (useCatalog.getState().loaded) void useCatalog.getState().loadCatalog()
      }
      return null
    } catch (error) {
      return errorMessage(error)
    }
  },
}))
