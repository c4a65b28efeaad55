import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect as netConnect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WIRE_PATH, type WireServerMessage } from '../../shared/api'
import { createServices, type Services } from '../services/createServices'
import { memoryStore } from '../services/testing/memoryStore'
import { CLOSE_TOO_BIG, MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, startHost, type Host } from './server'
import { TokenThrottle } from './throttle'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  ms: number
}

function get(port: number, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers, method: 'GET' }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, ms: performance.now() - started }))
    })
    request.on('error', reject)
    request.end(body)
  })
}

function connect(port: number, headers: Record<string, string>): Promise<{ ws: WebSocket; ms: number } | { refused: number; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WIRE_PATH}`, { headers, maxPayload: 64 * 1024 * 1024 })
    ws.once('open', () => resolve({ ws, ms: performance.now() - started }))
    ws.once('unexpected-response', (_request, response) => resolve({ refused: response.statusCode ?? 0, ms: performance.now() - started }))
    ws.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error)
    })
  })
}

function ask(ws: WebSocket, id: number, procedure: string, input: unknown): Promise<WireServerMessage> {
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

describe('TokenThrottle', () => {
  it('lets a few wrong tokens through at once, then doubles the delay up to the cap, and forgets a quiet address', () => {
    let now = 0
    const throttle = new TokenThrottle({ freeFailures: 2, baseDelayMs: 100, maxDelayMs: 500, maxPending: 10, forgetAfterMs: 1000, now: () => now })
    const delays = Array.from({ length: 7 }, () => throttle.failed('a'))
    expect(delays).toEqual([0, 0, 100, 200, 400, 500, 500])
    expect(throttle.failed('b')).toBe(0) // per address
    for (let i = 0; i < 5; i++) throttle.release('a')
    now += 1001
    expect(throttle.failures('a')).toBe(0)
    expect(throttle.failed('a')).toBe(0)
  })

  it('refuses an address that already has all its slowed answers waiting', () => {
    const throttle = new TokenThrottle({ freeFailures: 0, baseDelayMs: 100, maxPending: 2 })
    expect(throttle.refusal('a')).toBe(0)
    throttle.failed('a')
    throttle.failed('a')
    expect(throttle.refusal('a')).toBeGreaterThan(0)
    expect(throttle.refusal('b')).toBe(0)
    throttle.release('a')
    expect(throttle.refusal('a')).toBe(0)
  })
})

/** An answer not held back (the first slowed answer waits 300 ms). */
const FAST = 250

describe('the host, hardened', () => {
  let dir: string
  let services: Services
  let host: Host
  let cookie: string
  let origin: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-hardening-'))
    const rendererDir = join(dir, 'renderer')
    mkdirSync(rendererDir, { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Aura</title>')
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: join(dir, 'data') }, settingsStore: memoryStore() })
    host = await startHost({ services, rendererDir, throttle: { freeFailures: 3, baseDelayMs: 300, maxDelayMs: 1200, maxPending: 2 } })
    origin = `http://127.0.0.1:${host.port}`
    cookie = `aura_token_${host.port}=${new URL(host.url).searchParams.get('token')}`
  })
  afterAll(async () => {
    await host.close()
    await services.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('slows down repeated wrong tokens (growing delay, capped) without slowing the right token', async () => {
    const wrong: Reply[] = []
    for (let i = 0; i < 7; i++) wrong.push(await get(host.port, `/?token=wrong-${i}`))
    expect(wrong.map((reply) => reply.status)).toEqual([401, 401, 401, 429, 429, 429, 429])
    for (const reply of wrong.slice(0, 3)) expect(reply.ms).toBeLessThan(FAST)
    // 300, 600, 1200, 1200 (the cap)
    expect(wrong[3]!.ms).toBeGreaterThanOrEqual(290)
    expect(wrong[4]!.ms).toBeGreaterThanOrEqual(590)
    expect(wrong[5]!.ms).toBeGreaterThanOrEqual(1190)
    expect(wrong[6]!.ms).toBeGreaterThanOrEqual(1190)
    expect(wrong[6]!.ms).toBeLessThan(2400)
    expect(wrong[6]!.headers['retry-after']).toBe('2')

    // The right token's holder is not slowed: the url token, the cookie, the WebSocket.
    const trade = await get(host.port, new URL(host.url).pathname + new URL(host.url).search)
    expect(trade.status).toBe(303)
    expect(trade.ms).toBeLessThan(FAST)
    const page = await get(host.port, '/', { Cookie: cookie })
    expect(page.status).toBe(200)
    expect(page.ms).toBeLessThan(FAST)
    const opened = await connect(host.port, { Origin: origin, Cookie: cookie })
    expect('ws' in opened && opened.ms < FAST).toBe(true)
    if ('ws' in opened) opened.ws.close()

    // A wrong cookie on the WebSocket counts too, and is slowed the same way.
    const wrongSocket = await connect(host.port, { Origin: origin, Cookie: `aura_token_${host.port}=wrong` })
    expect(wrongSocket).toMatchObject({ refused: 429 })
    expect(wrongSocket.ms).toBeGreaterThanOrEqual(1190)
  })

  it('refuses a flood of wrong tokens at once, without looking at them, once its slots are full', async () => {
    const waiting = [get(host.port, '/?token=flood-1'), get(host.port, '/?token=flood-2')]
    // Both held (at the cap, 1.2 s) by the time the third one comes.
    await new Promise((resolve) => setTimeout(resolve, 400))
    const flooded = await get(host.port, '/?token=flood-3')
    expect(flooded.status).toBe(429)
    expect(flooded.ms).toBeLessThan(FAST)
    expect(Number(flooded.headers['retry-after'])).toBeGreaterThan(0)
    expect((await Promise.all(waiting)).map((reply) => reply.status)).toEqual([429, 429])
    // The flood over, the right token gets straight in.
    const page = await get(host.port, '/', { Cookie: cookie })
    expect(page.status).toBe(200)
    expect(page.ms).toBeLessThan(FAST)
  })

  it('closes a socket whose message is over the limit with 1009, and serves the others on', async () => {
    const big = await connect(host.port, { Origin: origin, Cookie: cookie })
    const other = await connect(host.port, { Origin: origin, Cookie: cookie })
    if (!('ws' in big) || !('ws' in other)) throw new Error('refused')
    const closed = new Promise<{ code: number; reason: string }>((resolve) => big.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
    big.ws.on('error', () => undefined)
    big.ws.send(JSON.stringify({ type: 'request', id: 1, procedure: 'router.preview', input: { text: 'x'.repeat(MAX_MESSAGE_BYTES) } }))
    expect((await closed).code).toBe(CLOSE_TOO_BIG)
    expect(await ask(other.ws, 1, 'app.info', {})).toMatchObject({ result: { ok: true } })

    // The largest legitimate input still fits, even written entirely as JSON escapes (~1.2 MB).
    const longest = '\u0001'.repeat(200_000)
    const frame = JSON.stringify({ type: 'request', id: 2, procedure: 'router.preview', input: { text: `a${longest.slice(1)}` } })
    expect(Buffer.byteLength(frame)).toBeGreaterThan(1_000_000)
    const reply = await ask(other.ws, 2, 'router.preview', { text: `a${longest.slice(1)}` })
    expect(reply).toMatchObject({ type: 'response', id: 2 })
    expect(reply.type === 'response' && !reply.result.ok ? reply.result.error.code : 'ok').not.toBe('invalid_input')
    other.ws.close()
  })

  it('refuses request heads over the limit (431) and request bodies (413)', async () => {
    expect((await get(host.port, '/', { Cookie: cookie, 'X-Padding': 'x'.repeat(MAX_HEADER_BYTES) })).status).toBe(431)
    expect((await get(host.port, '/', { Cookie: cookie, 'Content-Length': '5' }, 'hello')).status).toBe(413)
    expect((await get(host.port, '/', { Cookie: cookie })).status).toBe(200)
    // An oversized handshake is refused the same way, before any upgrade.
    const answer = await new Promise<string>((resolve) => {
      const socket = netConnect(host.port, '127.0.0.1', () => {
        socket.write(`GET ${WIRE_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Padding: ${'x'.repeat(MAX_HEADER_BYTES)}\r\n\r\n`)
      })
      let text = ''
      socket.on('data', (chunk) => (text += chunk.toString()))
      socket.on('close', () => resolve(text))
      socket.on('error', () => resolve(text))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 431/)
  })
})
