import { create } from 'zustand'
import type { Learned } from '../api'
import { i18n } from '../i18n'
import { call, errorMessage } from '../lib/client'

interface LearnedStore {
  learned: Learned | null
  error: string | null
  resetting: boolean
  load(): Promise<void>
  reset(): Promise<void>
}

/** What Auto learned from the user's ratings (Settings → Routing & Budget), and forgetting it. */
export const useLearned = create<LearnedStore>((set) => ({
  learned: null,
  error: null,
  resetting: false,
  async load() {
    try {
      set({ learned: await call('feedback.learned', {}), error: null })
    } catch (error) {
      set({ error: i18n.t('routing.learned.loadFailed', { problem: errorMessage(error) }) })
    }
  },
  async reset() {
    set({ resetting: true })
    try {
      set({ learned: await call('feedback.reset', {}), error: null })
    } catch (error) {
      set({ error: i18n.t('routing.learned.resetFailed', { problem: errorMessage(error) }) })
    } finally {
      set({ resetting: false })
    }
  },
}))
