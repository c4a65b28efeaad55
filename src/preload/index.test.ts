/**
 * The preload against a stand-in 'electron' (the real one must never load in tests): the page gets
 * exactly `window.aura = { request, on }` — never ipcRenderer, never an IpcRendererEvent, never a
 * channel of its choosing (Electron's security checklist, items 17 and 20).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { AuraBridge } from '../shared/api/client'

type Listener = (event: unknown, ...args: unknown[]) => void

const electron = vi.hoisted(() => {
  const state = {
    exposed: [] as [string, unknown][],
    invokes: [] as unknown[][],
    listeners: new Map<string, Listener[]>(),
  }
  return {
    state,
    module: {
      contextBridge: {
        exposeInMainWorld(key: string, api: unknown) {
          state.exposed.push([key, api])
        },
      },
      ipcRenderer: {
        invoke(...args: unknown[]) {
          state.invokes.push(args)
          return Promise.resolve({ ok: true, data: null })
        },
        on(channel: string, listener: Listener) {
          state.listeners.set(channel, [...(state.listeners.get(channel) ?? []), listener])
        },
      },
    },
  }
})
vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

/** What main would send: the IpcRendererEvent carries `sender`, which must never reach the page. */
const fromMain = (name: unknown, payload: unknown) => {
  const ipcEvent = { sender: { send() {}, invoke() {} }, ports: [] }
  for (const listener of electron.state.listeners.get('aura:event') ?? []) listener(ipcEvent, name, payload)
}

describe('the preload (src/preload/index.ts)', () => {
  let aura: AuraBridge

  beforeAll(async () => {
    await import('./index')
    aura = electron.state.exposed[0]![1] as AuraBridge
  })

  it('exposes one object, window.aura, with only request and on — both plain functions', () => {
    expect(electron.state.exposed.map(([key]) => key)).toEqual(['aura'])
    expect(Object.keys(aura).sort()).toEqual(['on', 'request'])
    expect(typeof aura.request).toBe('function')
    expect(typeof aura.on).toBe('function')
    const values: unknown[] = Object.values(aura)
    expect(values).not.toContain(electron.module.ipcRenderer)
    expect(values).not.toContain(electron.module.ipcRenderer.invoke)
    expect(values).not.toContain(electron.module.ipcRenderer.on)
  })

  it('sends every request over the one request channel; the page cannot pick a channel', async () => {
    await expect(aura.request('app.info', { a: 1 })).resolves.toEqual({ ok: true, data: null })
    await aura.request('aura:event', 'x')
    expect(electron.state.invokes).toEqual([
      ['aura:request', 'app.info', { a: 1 }],
      ['aura:request', 'aura:event', 'x'],
    ])
  })

  it('listens on the one event channel and hands listeners only the payload, never the IPC event', () => {
    expect([...electron.state.listeners.keys()]).toEqual(['aura:event'])
    const received: unknown[][] = []
    const stop = aura.on('downloads.progress', (...args: unknown[]) => received.push(args))
    fromMain('downloads.progress', { percent: 5 })
    fromMain('chats.token', { text: 'other event' })
    fromMain(42, { not: 'a name' })
    expect(received).toEqual([[{ percent: 5 }]])

    stop()
    fromMain('downloads.progress', { percent: 6 })
    expect(received).toHaveLength(1)
  })

  it('keeps delivering when one listener throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const received: unknown[] = []
    const stopBad = aura.on('app.notice', () => {
      throw new Error('boom')
    })
    const stopGood = aura.on('app.notice', (payload) => received.push(payload))
    fromMain('app.notice', 'hi')
    expect(received).toEqual(['hi'])
    expect(error).toHaveBeenCalledTimes(1)
    stopBad()
    stopGood()
    error.mockRestore()
  })

  it('refuses a listener that is not a function', () => {
    expect(() => aura.on('app.notice', 'not a function' as never)).toThrow(TypeError)
  })
})
