import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WIRE_PATH, type WireServerMessage } from '../../shared/api'
import { createServices, type Services } from '../services/createServices'
import { memoryStore } from '../services/testing/memoryStore'
import { startHost, type Host } from './server'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    request.on('error', reject)
    request.end()
  })
}

/** Opens a WebSocket and says whether the host let it in (and the HTTP status when refused). */
function connect(port: number, headers: Record<string, string>): Promise<{ ws: WebSocket } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WIRE_PATH}`, { headers })
    ws.once('open', () => resolve({ ws }))
    ws.once('unexpected-response', (_request, response) => resolve({ refused: response.statusCode ?? 0 }))
    ws.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error)
    })
  })
}

describe('the host', () => {
  let dir: string
  let services: Services
  let host: Host
  let cookie: string
  let origin: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-host-'))
    const rendererDir = join(dir, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Aura</title>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("aura")')
    writeFileSync(join(dir, 'secret.txt'), 'not for the page')
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: join(dir, 'data') }, settingsStore: memoryStore() })
    host = await startHost({ services, rendererDir })
    origin = `http://127.0.0.1:${host.port}`
  })
  afterAll(async () => {
    await host.close()
    await services.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('listens on loopback and prints a url that carries a long random token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[\\w-]{32}$`))
  })

  it('refuses pages without the token or with a wrong one', async () => {
    expect((await get(host.port, '/')).status).toBe(401)
    expect((await get(host.port, '/?token=wrong')).status).toBe(401)
    expect((await get(host.port, '/', { Cookie: `aura_token_${host.port}=wrong` })).status).toBe(401)
  })

  it('trades the token in the url for a cookie, then serves the page with a strict CSP', async () => {
    const first = await get(host.port, new URL(host.url).pathname + new URL(host.url).search)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const setCookie = String(first.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    cookie = setCookie.split(';')[0]!
    const page = await get(host.port, '/', { Cookie: cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Aura</title>')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/)
    expect((await get(host.port, '/assets/app.js', { Cookie: cookie })).headers['content-type']).toMatch(/javascript/)
  })

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%5csecret.txt']) {
      const reply = await get(host.port, path, { Cookie: cookie })
      expect(reply.status, path).toBe(404)
      expect(reply.body).not.toContain('not for the page')
    }
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(host.port, '/', { Cookie: cookie, Host: `evil.example:${host.port}` })).status).toBe(403)
  })

  it('refuses a WebSocket without the token', async () => {
    expect(await connect(host.port, { Origin: origin })).toEqual({ refused: 403 })
    expect(await connect(host.port, { Origin: origin, Cookie: `aura_token_${host.port}=wrong` })).toEqual({ refused: 403 })
  })

  it('refuses a WebSocket from a foreign Origin, or with none, even with the token', async () => {
    expect(await connect(host.port, { Origin: 'https://evil.example', Cookie: cookie })).toEqual({ refused: 403 })
    expect(await connect(host.port, { Origin: `http://127.0.0.1:${host.port + 1}`, Cookie: cookie })).toEqual({ refused: 403 })
    expect(await connect(host.port, { Cookie: cookie })).toEqual({ refused: 403 })
  })

  it('answers requests and forwards events over an authorised WebSocket', async () => {
    const opened = await connect(host.port, { Origin: origin, Cookie: cookie })
    if (!('ws' in opened)) throw new Error(`refused: ${opened.refused}`)
    const { ws } = opened
    const messages: WireServerMessage[] = []
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as WireServerMessage))
    const response = (id: number) =>
      new Promise<WireServerMessage>((resolve) => {
        const check = () => {
          const found = messages.find((message) => message.type === 'response' && message.id === id)
          if (found) resolve(found)
          else setTimeout(check, 5)
        }
        check()
      })

    ws.send(JSON.stringify({ type: 'request', id: 1, procedure: 'app.info', input: {} }))
    expect(await response(1)).toMatchObject({ type: 'response', id: 1, result: { ok: true, data: { shell: 'host', version: '0.0.0-test' } } })

    ws.send(JSON.stringify({ type: 'request', id: 2, procedure: 'conversations.get', input: { id: 42 } }))
    expect(await response(2)).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } })

    ws.send(JSON.stringify({ type: 'request', id: 3, procedure: 'settings.update', input: { threads: 1 } }))
    expect(await response(3)).toMatchObject({ result: { ok: true, data: { threads: 1 } } })

    // A reply with a model that is not installed: the error arrives as an event, in plain words.
    ws.send(JSON.stringify({ type: 'request', id: 4, procedure: 'conversations.create', input: {} }))
    const created = await response(4)
    const conversationId = created.type === 'response' && created.result.ok ? (created.result.data as { id: string }).id : ''
    ws.send(JSON.stringify({ type: 'request', id: 5, procedure: 'chat.send', input: { conversationId, text: 'Hello there', modelId: 'not-installed' } }))
    expect(await response(5)).toMatchObject({ result: { ok: true, data: { userMessage: { content: 'Hello there' } } } })
    const chatEvents = () => messages.flatMap((message) => (message.type === 'event' && /^(chat|conversations)\./.test(message.event) ? [message.event] : []))
    await expect.poll(chatEvents).toEqual(['conversations.updated', 'chat.done', 'conversations.updated'])
    // The failed request is in the usage ledger, and the meter was sent.
    expect(messages.some((message) => message.type === 'event' && message.event === 'usage.updated')).toBe(true)
    const done = messages.find((message) => message.type === 'event' && message.event === 'chat.done')
    expect(done).toMatchObject({ payload: { conversationId, message: { status: 'error', error: { code: 'model_not_found' } } } })

    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send('this is not json')
    expect(await closed).toBe(1003)
  })
})
