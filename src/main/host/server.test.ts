import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_NO_ACCESS, type WireServerMessage } from '../../shared/api'
import { createServices } from '../services/createServices'
import { memoryStore } from '../services/testing/memoryStore'
import { startHost, type Host } from './server'
import { startTestHost, type TestHost } from './testing/testHost'
import { knock } from './testing/wireClient'

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

describe('the host', () => {
  let running: TestHost
  let host: Host
  let token: string
  let origin: string

  beforeAll(async () => {
    running = await startTestHost({ files: { 'renderer/assets/app.js': 'console.log("aura")', 'secret.txt': 'not for the page' } })
    ;({ host, token } = running)
    origin = `http://127.0.0.1:${host.port}`
  })
  afterAll(() => running.close())

  it('listens on loopback and prints a link that carries a long random token in its fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[\\w-]{32}$`))
  })

  it('serves the page with a strict CSP', async () => {
    const page = await get(host.port, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Aura</title>')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect((await get(host.port, '/assets/app.js')).headers['content-type']).toMatch(/javascript/)
  })

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%5csecret.txt']) {
      const reply = await get(host.port, path)
      expect(reply.status, path).toBe(404)
      expect(reply.body).not.toContain('not for the page')
    }
  })

  it('answers what it will not serve with a page in words for a browser and JSON for an app, never bare text', async () => {
    const browser = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }
    for (const [path, headers, status] of [
      ['/wire', browser, 404],
      ['/nothing/here', browser, 404],
      ['/', { ...browser, Host: `evil.example:${host.port}` }, 403],
    ] as const) {
      const reply = await get(host.port, path, headers)
      expect(reply.status, path).toBe(status)
      expect(reply.headers['content-type'], path).toMatch(/^text\/html/)
      expect(reply.body).toContain('aura serve --open')
      expect(reply.body).toContain(`http://127.0.0.1:${host.port}/#token=…`)
      expect(reply.body).not.toContain(token)
      expect(reply.headers['content-security-policy']).toMatch(/script-src 'self'/)
    }
    const app = await get(host.port, '/v1/chat/completions', { Accept: 'application/json' })
    expect(app.status).toBe(404)
    expect(app.headers['content-type']).toMatch(/^application\/json/)
    const { error } = JSON.parse(app.body) as { error: { code: string; message: string } }
    expect(error.code).toBe('not_found')
    expect(error.message).toMatch(/not its API.*aura api serve/)
    const script = JSON.parse((await get(host.port, '/wire')).body) as { error: { message: string } }
    expect(script.error.message).toMatch(/#token=…/)
    // Nothing from the request comes back in the page.
    const probe = await get(host.port, '/<script>alert(1)</script>', browser)
    expect(probe.body).not.toContain('<script>')
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(host.port, '/', { Host: `evil.example:${host.port}` })).status).toBe(403)
  })

  it('turns away a WebSocket without the token or with a wrong one, with a close code the page can read', async () => {
    expect(await knock(host.port)).toMatchObject({ closed: CLOSE_NO_ACCESS })
    expect(await knock(host.port, { token: 'wrong' })).toMatchObject({ closed: CLOSE_NO_ACCESS })
  })

  it('refuses a WebSocket from a foreign Origin, or with none, even with the token', async () => {
    expect(await knock(host.port, { token, origin: 'https://evil.example' })).toMatchObject({ refused: 403 })
    expect(await knock(host.port, { token, origin: `http://127.0.0.1:${host.port + 1}` })).toMatchObject({ refused: 403 })
    expect(await knock(host.port, { token, origin: null })).toMatchObject({ refused: 403 })
    expect(await knock(host.port, { token, headers: { Host: `evil.example:${host.port}` } })).toMatchObject({ refused: 403 })
  })

  it('answers requests and forwards events over an authorised WebSocket', async () => {
    const opened = await knock(host.port, { token, origin })
    if (!('in' in opened)) throw new Error(`not let in: ${JSON.stringify(opened)}`)
    const ws = opened.in
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

describe('browser-mode access', () => {
  let running: TestHost
  let host: Host
  let token: string

  beforeAll(async () => {
    running = await startTestHost()
    ;({ host, token } = running)
  })
  afterAll(() => running.close())

  it('a cookie holding the token lets nobody in: other local servers are sent cookies too', async () => {
    const cookie = { Cookie: `aura_token_${host.port}=${token}` }
    expect(await knock(host.port, { headers: cookie })).toMatchObject({ closed: CLOSE_NO_ACCESS })
  })

  it('serves the page to anyone on this computer, with no cookie and no redirect: the files hold no data', async () => {
    for (const path of ['/', `/?token=${token}`, '/?token=wrong']) {
      const reply = await get(host.port, path)
      expect(reply.status, path).toBe(200)
      expect(reply.headers['set-cookie'], path).toBeUndefined()
      expect(reply.body).toContain('<title>Aura</title>')
    }
  })

  it('never redirects, so no address can send the browser to another site', async () => {
    for (const path of ['/.//evil.example/', '//evil.example/', '/.%2F%2Fevil.example/', '/.\\\\evil.example/', '/./\\evil.example/']) {
      const reply = await get(host.port, `${path}?token=${token}`)
      expect(reply.headers.location, path).toBeUndefined()
      expect([200, 404], path).toContain(reply.status)
    }
  })
})

describe('aura serve on another network interface', () => {
  it('is refused with a plain reason: the page would travel unencrypted to anyone on the network', async () => {
    const services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: join(tmpdir(), 'aura-never-written') }, settingsStore: memoryStore() })
    try {
      for (const hostname of ['0.0.0.0', '::', '192.168.1.20', 'my-laptop.local']) {
        await expect(startHost({ services, rendererDir: tmpdir(), hostname }), hostname).rejects.toThrow(/only on this computer.*unencrypted/s)
      }
    } finally {
      await services.dispose()
    }
  })
})
