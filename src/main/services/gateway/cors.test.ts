import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettingsPatchSchema } from '../../../shared/api'
import { webOrigin } from '../../../shared/webOrigin'
import type { Services } from '../createServices'
import { startApiHarness, type ApiHarness } from '../testing/apiHarness'
import type { GatewayServer } from './server'

const LISTED = 'http://localhost:5173'
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null)

/**
 * Web pages the user lists (settings.api.corsOrigins) may call the API from a browser: the real
 * listener on 127.0.0.1, answered by the fake cloud; then a real Chromium on a listed and an unlisted origin.
 */
describe('CORS for the origins the user lists', () => {
  let services: Services
  let server: GatewayServer
  let key: string
  let origins: string[] = [LISTED]

  let harness: ApiHarness
  beforeAll(async () => {
    harness = await startApiHarness({ cloud: ['openai'], gateway: { corsOrigins: () => origins } })
    services = harness.services
    server = harness.server
    key = services.apiKeys.create('web page').key
  })
  afterAll(() => harness.close())

  const preflight = (origin: string, requestHeaders = 'authorization,content-type,x-stainless-os,x-stainless-retry-count,anthropic-version') =>
    fetch(`${server.url}/chat/completions`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders } })

  it('answers the preflight of a listed origin with that origin, the methods and the headers the SDKs send, never credentials', async () => {
    const answer = await preflight(LISTED)
    expect(answer.status).toBe(204)
    expect(answer.headers.get('access-control-allow-origin')).toBe(LISTED)
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
    expect(answer.headers.get('access-control-allow-headers')?.split(', ')).toEqual(['authorization', 'content-type', 'x-stainless-os', 'x-stainless-retry-count', 'anthropic-version'])
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull()
    expect(answer.headers.get('vary')).toMatch(/origin/i)
    // A header no SDK sends is left out: the browser then refuses the request.
    expect((await preflight(LISTED, 'authorization, x-something-else')).headers.get('access-control-allow-headers')).toBe('authorization')
    // A public page calling this computer asks Chromium's private-network question.
    const privateNetwork = await fetch(`${server.url}/models`, { method: 'OPTIONS', headers: { origin: LISTED, 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' } })
    expect(privateNetwork.headers.get('access-control-allow-private-network')).toBe('true')
  })

  it('gives an unlisted origin, and every origin while the list is empty, no CORS header at all', async () => {
    for (const origin of ['http://localhost:5174', 'https://localhost:5173', 'http://evil.example', 'null']) {
      const answer = await preflight(origin)
      expect(answer.headers.get('access-control-allow-origin')).toBeNull()
      expect(answer.headers.get('access-control-allow-headers')).toBeNull()
      const models = await fetch(`${server.url}/models`, { headers: { origin, authorization: `Bearer ${key}` } })
      expect(models.status).toBe(200)
      expect(models.headers.get('access-control-allow-origin')).toBeNull()
    }
    origins = []
    try {
      expect((await preflight(LISTED)).headers.get('access-control-allow-origin')).toBeNull()
      expect((await fetch(`${server.url}/models`, { headers: { origin: LISTED, authorization: `Bearer ${key}` } })).headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      origins = [LISTED]
    }
  })

  it('adds the origin to answers, errors and streamed replies', async () => {
    const models = await fetch(`${server.url}/models`, { headers: { origin: LISTED, authorization: `Bearer ${key}` } })
    expect([models.status, models.headers.get('access-control-allow-origin')]).toEqual([200, LISTED])
    const refused = await fetch(`${server.url}/models`, { headers: { origin: LISTED } })
    expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, LISTED])
    const streamed = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { origin: LISTED, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai:gpt-6.1-terra', stream: true, messages: [{ role: 'user', content: 'Hello' }] }),
    })
    expect(streamed.headers.get('content-type')).toContain('text/event-stream')
    expect(streamed.headers.get('access-control-allow-origin')).toBe(LISTED)
    expect(await streamed.text()).toContain('data: [DONE]')
  })

  it('keeps only exact origins in the setting: scheme, name and port', () => {
    const api = (corsOrigins: string[]) => SettingsPatchSchema.safeParse({ api: { enabled: true, port: 4891, corsOrigins } }).success
    expect(api(['http://localhost:5173', 'https://notes.example', 'http://192.168.1.20:3000'])).toBe(true)
    for (const wrong of ['*', 'localhost:5173', 'http://localhost:5173/', 'http://localhost:5173/app', 'file:///tmp/page.html', 'null', 'HTTP://LOCALHOST:5173']) expect([wrong, api([wrong])]).toEqual([wrong, false])
    // What the page does with what the user types before it saves it.
    expect(['http://localhost:5173/', ' HTTP://LocalHost:5173 ', 'https://notes.example:443/x', 'ftp://x', 'nonsense'].map(webOrigin)).toEqual(['http://localhost:5173', 'http://localhost:5173', 'https://notes.example', null, null])
  })

  describe.skipIf(!chromiumPath)('in a real browser', () => {
    // Skipped where no Chromium is installed (CHROMIUM_PATH or /usr/bin/chromium).
    let browser: Browser
    let pages: Server
    let pageOrigin: string

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
      pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>an app</title>'))
      await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
      pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      await browser?.close()
      await new Promise((resolve) => pages?.close(resolve))
    })

    /** What a page at `origin` gets when it asks the API as the OpenAI SDK would: the reply's text, or the browser's error. */
    const askFrom = async (origin: string) => {
      const page = await browser.newPage()
      try {
        await page.goto(`${origin}/`)
        return await page.evaluate(
          async ({ url, key }) => {
            try {
              const response = await fetch(`${url}/chat/completions`, {
                method: 'POST',
                headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-stainless-lang': 'js', 'x-stainless-retry-count': '0' },
                body: JSON.stringify({ model: 'openai:gpt-6.1-terra', stream: true, messages: [{ role: 'user', content: 'Hello' }] }),
              })
              return `${response.status} ${await response.text()}`
            } catch (error) {
              return `blocked: ${String(error)}`
            }
          },
          { url: server.url, key },
        )
      } finally {
        await page.close()
      }
    }

    it('lets a page on a listed origin read a streamed reply, and blocks one on an unlisted origin', async () => {
      origins = [pageOrigin]
      try {
        const allowed = await askFrom(pageOrigin)
        expect(allowed).toMatch(/^200 data: /)
        expect(allowed).toContain('data: [DONE]')
        // Same page, same host, another port: another origin.
        origins = ['http://127.0.0.1:1']
        expect(await askFrom(pageOrigin)).toMatch(/^blocked: TypeError: Failed to fetch/)
      } finally {
        origins = [LISTED]
      }
    }, 30_000)
  })
})
