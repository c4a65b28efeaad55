import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CLOSE_NO_ACCESS, wireProtocols } from '../../../shared/api/wire'
import { createWsBridge, type ConnectionState } from './wsBridge'

/** Just enough of the browser's WebSocket for the bridge. */
class FakeSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  static all: FakeSocket[] = []

  readyState = FakeSocket.CONNECTING
  sent: unknown[] = []
  onopen: (() => void) | null = null
  onclose: ((event: { code: number }) => void) | null = null
  onerror: (() => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null

  constructor(
    readonly url: string,
    readonly protocols?: string[],
  ) {
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.drop()
  }
  // test helpers
  open() {
    this.readyState = FakeSocket.OPEN
    this.onopen?.()
  }
  drop(code = 1006) {
    this.readyState = FakeSocket.CLOSED
    this.onclose?.({ code })
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
}

const latest = () => FakeSocket.all.at(-1)!

function bridge(states: ConnectionState[] = [], token: string | null = 'secret-token') {
  return createWsBridge({
    url: 'ws://127.0.0.1:1234/ws',
    token,
    onStateChange: (state) => states.push(state),
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    minDelayMs: 100,
    maxDelayMs: 1000,
  })
}

describe('WebSocket bridge', () => {
  beforeEach(() => {
    FakeSocket.all = []
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('queues requests until the socket opens, then answers each by its id', async () => {
    const b = bridge()
    const first = b.request('app.info', {})
    const second = b.request('models.list', {})
    expect(latest().sent).toEqual([])

    latest().open()
    expect(latest().sent).toEqual([
      { type: 'request', id: 1, procedure: 'app.info', input: {} },
      { type: 'request', id: 2, procedure: 'models.list', input: {} },
    ])
    latest().receive({ type: 'response', id: 2, result: { ok: true, data: [] } })
    latest().receive({ type: 'response', id: 1, result: { ok: false, error: { code: 'internal', message: 'no' } } })
    await expect(second).resolves.toEqual({ ok: true, data: [] })
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'no' } })
  })

  it('hands events to their listeners until unsubscribed', () => {
    const b = bridge()
    latest().open()
    const seen: unknown[] = []
    const off = b.on('chat.delta', (payload) => seen.push(payload))
    latest().receive({ type: 'event', event: 'chat.delta', payload: { text: 'a' } })
    latest().receive({ type: 'event', event: 'app.notice', payload: { message: 'x' } })
    off()
    latest().receive({ type: 'event', event: 'chat.delta', payload: { text: 'b' } })
    expect(seen).toEqual([{ text: 'a' }])
  })

  it('answers in-flight requests with an error when the connection drops, and reconnects with backoff', async () => {
    const states: ConnectionState[] = []
    const b = bridge(states)
    latest().open()
    const lost = b.request('chat.send', { conversationId: 'c', text: 'hi', modelId: 'm' })
    latest().drop()
    await expect(lost).resolves.toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(states).toEqual(['open', 'reconnecting'])

    // Asked while down: waits for the next connection, is not lost.
    const later = b.request('app.info', {})
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(150)
    expect(FakeSocket.all).toHaveLength(2)
    latest().drop() // still down: the next wait is longer
    vi.advanceTimersByTime(150)
    expect(FakeSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(200)
    expect(FakeSocket.all).toHaveLength(3)

    latest().open()
    expect(states.at(-1)).toBe('open')
    expect(latest().sent).toEqual([{ type: 'request', id: 2, procedure: 'app.info', input: {} }])
    latest().receive({ type: 'response', id: 2, result: { ok: true, data: 1 } })
    await expect(later).resolves.toEqual({ ok: true, data: 1 })
  })

  it('ignores garbage and responses nobody asked for', () => {
    const b = bridge()
    latest().open()
    latest().onmessage?.({ data: 'not json' })
    latest().receive({ type: 'response', id: 99, result: { ok: true, data: null } })
    expect(b.state).toBe('open')
  })

  it('presents the access token on the handshake itself, never in the address', () => {
    bridge()
    expect(latest().protocols).toEqual(wireProtocols('secret-token'))
    expect(latest().url).not.toContain('secret-token')
  })

  it('stops for good when the host turns it away, and tells every waiting request what to do', async () => {
    const states: ConnectionState[] = []
    const b = bridge(states, null)
    const waiting = b.request('app.info', {})
    latest().open()
    const sent = b.request('models.list', {})
    latest().drop(CLOSE_NO_ACCESS)
    for (const answer of [await waiting, await sent]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/Open the address Aura printed when it started/) } })
    }
    expect(states.at(-1)).toBe('refused')
    b.reconnectNow()
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.all).toHaveLength(1)
    await expect(b.request('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  })

  it('stops for good when closed', async () => {
    const b = bridge()
    latest().open()
    b.close()
    await expect(b.request('app.info', {})).resolves.toMatchObject({ ok: false })
    vi.advanceTimersByTime(10_000)
    expect(FakeSocket.all).toHaveLength(1)
  })
})
