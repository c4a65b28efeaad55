import { create } from 'zustand'
import type { RouteDecision } from '../api'
import { call, errorMessage } from '../lib/client'

/** Where Auto would send a message and why, or why Aura could not say. */
export type RoutePreview = { decision: RouteDecision } | { error: string }

/**
 * Settings → Routing & Budget's "Try it": a message's route without sending it (`router.preview`).
 * Forgotten when the page closes, as the typed message is.
 */
interface RoutePreviewStore {
  busy: boolean
  /** null until a message is tried. */
  result: RoutePreview | null
  /** Asks where `text` would go; blank text, or a second ask while one is on its way, does nothing. */
  run(text: string): Promise<void>
  /** The page closed: forget the result, and drop an answer still on its way. */
  clear(): void
}

let generation = 0

export const useRoutePreview = create<RoutePreviewStore>((set, get) => ({
  busy: false,
  result: null,

  async run(text) {
    const message = text.trim()
    if (!message || get().busy) return
    const mine = ++generation
    set({ busy: true })
    try {
      const decision = await call('router.preview', { text: message })
      if (mine === generation) set({ result: { decision }, busy: false })
    } catch (error) {
      if (mine === generation) set({ result: { error: errorMessage(error) }, busy: false })
    }
  },

  clear() {
    generation++
    set({ busy: false, result: null })
  },
}))
