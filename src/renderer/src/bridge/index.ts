import type { AuraBridge } from '../api'
import { WIRE_PATH } from '../../../shared/api/wire'
import { reloadOnNewLink, takeAccessToken } from './accessToken'
import { createWsBridge, sameOriginWireUrl, type ConnectionState } from './wsBridge'

export type { ConnectionState } from './wsBridge'

export interface ConnectedBridge {
  bridge: AuraBridge
  kind: 'electron' | 'websocket'
  /** Browser mode only: try to reconnect right away. */
  reconnectNow?: () => void
}

/**
 * `window.aura` when the Electron preload provided it; otherwise (a browser tab served by
 * `aura serve`) a WebSocket to the host on this same origin, with the access token of the printed address.
 */
export function connectBridge(onStateChange: (state: ConnectionState) => void): ConnectedBridge {
  const preload = (window as unknown as { aura?: AuraBridge }).aura
  if (preload && typeof preload.request === 'function' && typeof preload.on === 'function') {
    onStateChange('open')
    return { bridge: preload, kind: 'electron' }
  }
  const ws = createWsBridge({ url: sameOriginWireUrl(WIRE_PATH), token: takeAccessToken(), onStateChange })
  reloadOnNewLink()
  return { bridge: ws, kind: 'websocket', reconnectNow: () => ws.reconnectNow() }
}
