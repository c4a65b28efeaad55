import { CLOSE_NO_ACCESS, wireProtocols } from '../../../shared/api/wire'
import type { AuraBridge, Envelope, WireClientMessage, WireServerMessage } from '../api'

/**
 * `connecting`: first attempt; `open`: live; `reconnecting`: lost (or never reached) and retrying;
 * `refused`: the host turned this page away (no access token, or one from an earlier run of Aura).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused'

export interface WsBridgeOptions {
  url: string
  /** The access token, presented on every handshake; null when the page has none. */
  token: string | null
  onStateChange?: (state: ConnectionState) => void
  /** Backoff between attempts: min·2^n (± 20 % jitter), capped at max. */
  minDelayMs?: number
  maxDelayMs?: number
  /** For tests. */
  WebSocketImpl?: typeof WebSocket
}

export interface WsBridge extends AuraBridge {
  readonly state: ConnectionState
  /** Try again now instead of waiting for the next backoff step. */
  reconnectNow(): void
  close(): void
}

type Resolve = (result: Envelope<unknown>) => void

const lostConnection: Envelope<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: 'The connection to Aura was lost before it answered. Please try again.',
  },
}

const noAccess: Envelope<never> = {
  ok: false,
  error: {
    code: 'unauthorized',
    message: 'This page needs Aura’s access link. Open the address Aura printed when it started (it ends in #token=…).',
  },
}

/**
 * The browser-mode bridge: speaks wire.ts over one WebSocket to the host (same origin), presenting
 * the access token on each handshake. Requests made while the socket is not open wait in a queue;
 * requests already sent when the socket drops are answered with an error (they may or may not have
 * run, so they are never re-sent). Reconnects with backoff for as long as the page lives, unless
 * the host turns it away: then every request is answered with what to do, and it stops.
 */
export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const { url, token, onStateChange, minDelayMs = 500, maxDelayMs = 10_000 } = options
  const WS = options.WebSocketImpl ?? WebSocket

  let socket: WebSocket | null = null
  let state: ConnectionState = 'connecting'
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let closed = false
  /** What a request gets once the bridge has stopped. */
  let stoppedAnswer: Envelope<never> = lostConnection
  let nextId = 1

  const queued: { message: WireClientMessage; resolve: Resolve }[] = []
  const inFlight = new Map<number, Resolve>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  const setState = (next: ConnectionState): void => {
    if (state === next) return
    state = next
    onStateChange?.(next)
  }

  const send = (message: WireClientMessage, resolve: Resolve): void => {
    inFlight.set(message.id, resolve)
    try {
      socket!.send(JSON.stringify(message))
    } catch {
      inFlight.delete(message.id)
      resolve(lostConnection)
    }
  }

  const flush = (): void => {
    while (queued.length > 0 && socket?.readyState === WS.OPEN) {
      const next = queued.shift()!
      send(next.message, next.resolve)
    }
  }

  const emit = (event: string, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload)
      } catch (error) {
        console.error(`Aura: a listener for "${event}" failed`, error)
      }
    }
  }

  const onMessage = (raw: unknown): void => {
    if (typeof raw !== 'string') return
    let message: WireServerMessage
    try {
      message = JSON.parse(raw) as WireServerMessage
    } catch {
      return
    }
    if (message.type === 'response') {
      const resolve = inFlight.get(message.id)
      if (resolve) {
        inFlight.delete(message.id)
        resolve(message.result)
      }
    } else if (message.type === 'event') {
      emit(message.event, message.payload)
    }
  }

  const scheduleReconnect = (): void => {
    if (closed || timer) return
    const base = Math.min(maxDelayMs, minDelayMs * 2 ** attempt)
    const delay = Math.round(base * (0.8 + Math.random() * 0.4))
    attempt += 1
    timer = setTimeout(() => {
      timer = null
      connect()
    }, delay)
  }

  const connect = (): void => {
    if (closed) return
    let ws: WebSocket
    try {
      ws = new WS(url, wireProtocols(token))
    } catch {
      setState('reconnecting')
      scheduleReconnect()
      return
    }
    socket = ws
    ws.onopen = () => {
      if (socket !== ws) return
      attempt = 0
      setState('open')
      flush()
    }
    ws.onmessage = (event) => {
      if (socket === ws) onMessage(event.data)
    }
    ws.onclose = (event) => {
      if (socket !== ws) return
      if (event.code === CLOSE_NO_ACCESS) return turnedAway()
      socket = null
      for (const resolve of inFlight.values()) resolve(lostConnection)
      inFlight.clear()
      if (closed) return
      setState('reconnecting')
      scheduleReconnect()
    }
    // An error is always followed by a close; the close handler does the work.
    ws.onerror = () => {}
  }

  const stop = (answer: Envelope<never>): void => {
    closed = true
    stoppedAnswer = answer
    if (timer) clearTimeout(timer)
    timer = null
    const ws = socket
    socket = null
    ws?.close()
    for (const resolve of inFlight.values()) resolve(answer)
    inFlight.clear()
    for (const { resolve } of queued.splice(0)) resolve(answer)
  }

  /** Retrying cannot help: only the printed address can. */
  const turnedAway = (): void => {
    stop(noAccess)
    setState('refused')
  }

  connect()

  return {
    get state() {
      return state
    },
    request(procedure, input) {
      return new Promise<Envelope<unknown>>((resolve) => {
        if (closed) {
          resolve(stoppedAnswer)
          return
        }
        const message: WireClientMessage = { type: 'request', id: nextId++, procedure, input }
        if (socket?.readyState === WS.OPEN) send(message, resolve)
        else queued.push({ message, resolve })
      })
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
    reconnectNow() {
      if (closed || state === 'open') return
      if (timer) clearTimeout(timer)
      timer = null
      attempt = 0
      if (!socket || socket.readyState === WS.CLOSED || socket.readyState === WS.CLOSING) connect()
    },
    close() {
      stop(lostConnection)
    },
  }
}

/** The host's WebSocket endpoint on this page's own origin. */
export function sameOriginWireUrl(wirePath: string, location: Location = window.location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${location.host}${wirePath}`
}
