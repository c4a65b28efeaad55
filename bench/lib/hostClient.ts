import WebSocket from 'ws'
import { accessTokenOf, WIRE_PATH, wireProtocols, type Envelope, type WireServerMessage } from '../../src/shared/api'

export interface HostClient {
  /** Resolves with the procedure's envelope. */
  request(procedure: string, input: unknown): Promise<Envelope<unknown>>
  /** Every event the host pushes, with the time it arrived (performance.now()). */
  onEvent(listener: (event: string, payload: unknown, at: number) => void): () => void
  close(): void
}

/**
 * A WebSocket client of Aura's host, as the page is one: the token from the printed address on the
 * handshake, the host's own Origin. `url` is what `aura serve` prints (`http://127.0.0.1:<port>/#token=…`).
 */
export async function connectHost(url: string): Promise<HostClient> {
  const address = new URL(url)
  const ws = new WebSocket(`ws://${address.host}${WIRE_PATH}`, wireProtocols(accessTokenOf(url)), { headers: { Origin: address.origin } })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
    ws.once('unexpected-response', (_request, response) => reject(new Error(`the host refused the WebSocket (${response.statusCode})`)))
  })
  let nextId = 1
  const pending = new Map<number, (result: Envelope<unknown>) => void>()
  const listeners = new Set<(event: string, payload: unknown, at: number) => void>()
  ws.on('message', (data) => {
    const at = performance.now()
    const message = JSON.parse(data.toString()) as WireServerMessage
    if (message.type === 'response') {
      pending.get(message.id)?.(message.result)
      pending.delete(message.id)
    } else if (message.type === 'event') {
      for (const listener of listeners) listener(message.event, message.payload, at)
    }
  })
  return {
    request(procedure, input) {
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        ws.send(JSON.stringify({ type: 'request', id, procedure, input }))
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => ws.close(),
  }
}
