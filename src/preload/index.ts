// The page's only door to main: window.aura = { request, on }. No logic, no ipcRenderer exposed.
import { contextBridge, ipcRenderer } from 'electron'
import type { AuraBridge } from '../shared/api/client'
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../shared/channels'

const listeners = new Map<string, Set<(payload: unknown) => void>>()

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload)
    } catch (error) {
      console.error(error) // one failing listener must not starve the others
    }
  }
})

const aura: AuraBridge = {
  request: (procedure, input) => ipcRenderer.invoke(REQUEST_CHANNEL, procedure, input),
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('aura.on(event, listener)')
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set.add(listener))
    return () => void set.delete(listener)
  },
}

contextBridge.exposeInMainWorld('aura', aura)
