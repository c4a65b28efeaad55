import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useApp } from './app'

// Just the address bar (the tests run in Node).
vi.stubGlobal('window', { location: { hash: '' } })

describe('addresses: each view has its own', () => {
  beforeEach(() => {
    window.location.hash = ''
    useApp.setState({ view: 'chat', settingsPage: 'models', sidebarOpen: false })
  })

  it('opening a settings page puts it in the address, and back to chat too', () => {
    useApp.getState().openSettings('routing')
    expect(window.location.hash).toBe('#/settings/routing')
    useApp.getState().openChat()
    expect(window.location.hash).toBe('#/')
    // Settings again: the page seen last.
    useApp.getState().openSettings()
    expect(window.location.hash).toBe('#/settings/routing')
  })

  it('shows what an address says (back, forward, a reload, a pasted link)', () => {
    useApp.getState().followAddress('#/settings/cloud-keys')
    expect(useApp.getState()).toMatchObject({ view: 'settings', settingsPage: 'cloud-keys' })
    useApp.setState({ sidebarOpen: true })
    useApp.getState().followAddress('#/')
    expect(useApp.getState()).toMatchObject({ view: 'chat', settingsPage: 'cloud-keys', sidebarOpen: false })
    // Anything else (an old link, the access token's fragment) is the chat.
    useApp.getState().followAddress('#token=abc')
    expect(useApp.getState().view).toBe('chat')
    useApp.getState().followAddress('')
    expect(useApp.getState().view).toBe('chat')
  })
})
