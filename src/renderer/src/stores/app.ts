import { create } from 'zustand'
import type { AppInfo, EngineStatus } from '../api'

export type View = 'chat' | 'settings'

interface AppStore {
  info: AppInfo | null
  /** null until the first answer; a message when Aura could not start talking to its services. */
  bootError: string | null
  engine: EngineStatus | null
  view: View
  settingsPage: string
  /** Narrow windows: the sidebar slides over the chat. */
  sidebarOpen: boolean
  openSettings(page?: string): void
  openChat(): void
  setSidebarOpen(open: boolean): void
}

export const useApp = create<AppStore>((set) => ({
  info: null,
  bootError: null,
  engine: null,
  view: 'chat',
  settingsPage: 'models',
  sidebarOpen: false,
  openSettings(page) {
    set((s) => ({ view: 'settings', settingsPage: page ?? s.settingsPage, sidebarOpen: false }))
  },
  openChat() {
    set({ view: 'chat', sidebarOpen: false })
  },
  setSidebarOpen(open) {
    set({ sidebarOpen: open })
  },
}))
