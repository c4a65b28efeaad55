import type { AuraBridge } from '../shared/api/client'

declare global {
  interface Window {
    /**
     * Set by the Electron preload (`request` and `on`, nothing else). Absent in a browser tab
     * served by the host, where the page talks to the WebSocket bridge instead.
     */
    readonly aura?: AuraBridge
  }
}

export {}
