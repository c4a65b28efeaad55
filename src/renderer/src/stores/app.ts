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
  /** Narrow windows: the chat list is open over the page (for a moment, never remembered). */
  sidebarOpen: boolean
  /** Wide windows: the user hid the chat list (a setting, see lib/appearance.ts). */
  sidebarCollapsed: boolean
  openSettings(page?: string): void
  openChat(): void
  setSidebarOpen(open: boolean): void
  /** Shows what the address says (`#/`, `#/settings/<page>`): on start, back and forward. */
  followAddress(hash: string): void
}

/** Each view has its own address, so back, forward and a reload keep the user's place. */
export function addressOf(view: View, settingsPage: string): string {
  return view === 'settings' ? `#/settings/${settingsPage}` : '#/'
}

function go(view: View, settingsPage: string): void {
  const address = addressOf(view, settingsPage)
  if (window.location.hash !== address) window.location.hash = address
}

export const useApp = create<AppStore>((set, get) => ({
  info: null,
  bootError: null,
  engine: null,
  view: 'chat',
  settingsPage: 'models',
  sidebarOpen: false,
  sidebarCollapsed: false,
  openSettings(page) {
    set((s) => ({ view: 'settings', settingsPage: page ?? s.settingsPage, sidebarOpen: false }))
    go('settings', get().settingsPage)
  },
  openChat() {
    set({ view: 'chat', sidebarOpen: false })
    go('chat', get().settingsPage)
  },
  setSidebarOpen(open) {
    set({ sidebarOpen: open })
  },
  followAddress(hash) {
    const page = /^#\/settings\/([\w-]+)/.exec(hash)?.[1]
    set(page ? { view: 'settings', settingsPage: page, sidebarOpen: false } : { view: 'chat', sidebarOpen: false })
  },
}))
