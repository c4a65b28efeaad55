import { create } from 'zustand'
import type { Connection } from '../api'
import { call, errorMessage, getClient } from '../lib/client'

/**
 * Settings → Privacy: every request Aura sent over the network (from `network.connections`, the
 * newest first), kept current by `network.connected` while the page is open.
 */
interface PrivacyStore {
  connections: Connection[] | null
  error: string | null
  load(): Promise<void>
  /** The page is shown: load, then follow new connections (returns the function to call when it is gone). */
  watch(): () => void
}

let generation = 0

export const usePrivacy = create<PrivacyStore>((set, get) => ({
  connections: null,
  error: null,

  async load() {
    const mine = ++generation
    try {
      const connections = await call('network.connections', {})
      if (mine === generation) set({ connections, error: null })
    } catch (error) {
      if (mine === generation) set({ error: errorMessage(error) })
    }
  },

  watch() {
    const off = getClient().on('network.connected', (connection) => {
      // Before the first list arrives, the list itself will hold it.
      if (get().connections === null) return
      generation++ // a list still on its way is older than this
      set((s) => ({ connections: [connection, ...(s.connections ?? [])] }))
    })
    void get().load()
    return off
  },
}))
