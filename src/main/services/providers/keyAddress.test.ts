import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { caller } from '../testing/procedures'

/**
 * A saved key goes only to the address it was saved for (issue 12, item 8): the page changes a
 * base URL, a server's address or the Hub address, and a real listener on another port must never
 * see a saved key or token — until the user confirms the new host or pastes the key again.
 */
describe('keys are bound to the address they were saved for', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  let listener: Server
  let elsewhere: string
  const seen: IncomingHttpHeaders[] = []
  const done: Message[] = []
  const HF_TOKEN = 'hf_abcdefghijklmnopqrstuvwxyz0123'
  const SERVER_KEY = 'gateway-secret-12345678'

  const call = caller(() => services)
  /** Every credential the listener was sent, in any header. */
  const leaked = () => seen.flatMap((headers) => Object.values(headers)).filter((value) => [FAKE_CLOUD_VALID_KEY, HF_TOKEN, SERVER_KEY].some((secret) => String(value).includes(secret)))

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-key-address-'))
    fake = await startFakeCloud()
    listener = createServer((req, res) => {
      seen.push(req.headers)
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"who are you"}}')
    })
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
    elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ dailyBudget: null, monthlyBudget: null, confirmCostAbove: null, providerBaseUrls: { openai: fake.baseUrls.openai } }),
      env: {},
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
  })
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    await new Promise((resolve) => listener.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  it('does not send a saved cloud key to a base URL changed after it was saved — not to test it, not for a reply', async () => {
    await call('keys.set', { provider: 'openai', key: FAKE_CLOUD_VALID_KEY })
    expect(await call('keys.test', { provider: 'openai' })).toMatchObject({ status: 'valid' })

    await call('settings.update', { providerBaseUrls: { openai: `${elsewhere}/v1` } })
    const status = await call('keys.test', { provider: 'openai' })
    const conversation = await call('conversations.create', {})
    const { assistantMessage } = await call('chat.send', { conversationId: conversation.id, text: 'hi', modelId: 'openai:gpt-6.1-terra' })
    await expect.poll(() => done.find((message) => message.id === assistantMessage.id), { timeout: 20_000 }).toBeDefined()
    await call('cloud.models', {})
    expect(leaked()).toEqual([])

    expect(done.find((message) => message.id === assistantMessage.id)!.status).toBe('error')
    expect(status).toMatchObject({ status: 'address_changed', savedFor: new URL(fake.baseUrls.openai).host, last4: FAKE_CLOUD_VALID_KEY.slice(-4) })
    expect(status.message).toContain(`Aura will not send it to ${new URL(elsewhere).host} unless you say so`)
  })

  it('sends it there once the user confirms the new host', async () => {
    expect(await call('keys.confirmAddress', { provider: 'openai' })).toMatchObject({ status: 'untested', savedFor: new URL(elsewhere).host })
    await call('keys.test', { provider: 'openai' })
    expect(leaked()).toEqual([FAKE_CLOUD_VALID_KEY].map((key) => `Bearer ${key}`))
    seen.length = 0
  })

  it('does not send a server’s key to an address changed in the settings', async () => {
    const server = await call('servers.add', { name: 'Gateway', baseUrl: fake.baseUrls.local, key: SERVER_KEY })
    const { servers } = await call('settings.get', {})
    await call('settings.update', { servers: servers.map((entry) => ({ ...entry, baseUrl: `${elsewhere}/v1` })) })
    const status = await call('keys.test', { provider: server.id })
    await call('cloud.models', {})
    expect(leaked()).toEqual([])
    expect(server.key).toMatchObject({ savedFor: new URL(fake.baseUrls.local).host })
    expect(status).toMatchObject({ status: 'address_changed' })
  })

  it('does not send the Hugging Face token to a Hub address changed after it was saved', async () => {
    const saved = await call('hub.setToken', { token: HF_TOKEN })
    await call('settings.update', { hubUrl: elsewhere })
    await call('hub.search', { query: 'llama' }).catch(() => undefined)
    expect(seen.length).toBeGreaterThan(0)
    expect(leaked()).toEqual([])
    expect(saved).toEqual({ configured: true, last4: '0123', problem: null, savedFor: 'huggingface.co' })
    expect(await call('hub.tokenStatus', {})).toEqual({ configured: true, last4: '0123', problem: 'address_changed', savedFor: 'huggingface.co' })

    expect(await call('hub.confirmTokenAddress', {})).toMatchObject({ problem: null, savedFor: new URL(elsewhere).host })
    await call('hub.search', { query: 'llama' }).catch(() => undefined)
    expect(leaked()).toContain(`Bearer ${HF_TOKEN}`)
  })
})
