import WebSocket from 'ws'
import { WIRE_PATH, wireProtocols, type WireServerMessage } from '../../../shared/api'

export interface KnockOptions {
  /** The access token to present on the handshake (none when absent). */
  token?: string | null
  /** Defaults to the host's own origin, as its page sends. */
  origin?: string | null
  headers?: Record<string, string>
  maxPayload?: number
}

/**
 * How the host answered a WebSocket: `in` once it answered a request on it (so it really lets this
 * client in), `closed` with the close code it sent, or `refused` with the HTTP status of the
 * handshake. `ms` is from the first byte sent to that answer.
 */
export type Knock = ({ in: WebSocket } | { closed: number } | { refused: number }) & { ms: number }

/** Opens a WebSocket to the host on 127.0.0.1 as Aura's page does, and asks it `app.info`. */
export function knock(port: number, options: KnockOptions = {}): Promise<Knock> {
  const started = performance.now()
  const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin
  const headers = { ...(origin === null ? {} : { Origin: origin }), ...options.headers }
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WIRE_PATH}`, wireProtocols(options.token ?? null), { headers, maxPayload: options.maxPayload })
    const done = (outcome: { in: WebSocket } | { closed: number } | { refused: number }) => resolve({ ...outcome, ms: performance.now() - started })
    ws.once('open', () => ws.send(JSON.stringify({ type: 'request', id: 0, procedure: 'app.info', input: {} })))
    ws.once('message', () => done({ in: ws }))
    ws.once('close', (code) => done({ closed: code }))
    ws.once('unexpected-response', (_request, response) => {
      done({ refused: response.statusCode ?? 0 })
      ws.terminate()
    })
    ws.on('error', (error) => {
      if (!/Unexpected server response|closed before the connection/.test(error.message)) reject(error)
    })
  })
}

/** Sends one request on an open socket and resolves with its response. */
export function ask(ws: WebSocket, id: number, procedure: string, input: unknown): Promise<WireServerMessage> {
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as WireServerMessage
      if (message.type === 'response' && message.id === id) {
        ws.off('message', listener)
        resolve(message)
      }
    }
    ws.on('message', listener)
    ws.send(JSON.stringify({ type: 'request', id, procedure, input }))
  })
}
