import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Connection, Download, Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { watchSockets, type SeenSocket, type SocketWatch } from '../testing/socketWatch'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS, type TestHub } from '../testing/testHub'
import { writeTinyLlama } from '../testing/tinyLlama'
import { caller } from '../testing/procedures'

/**
 * Privacy you can check: Aura's own services, a real local model (llama.cpp, one thread), and every
 * place Aura could reach — a Hub, a cloud with a working key for two providers, an added server —
 * all real servers on 127.0.0.1, so that any request would show as a TCP connection. The watch sees
 * connections below every library (`net.Socket#connect`), independently of Aura's own log.
 */
describe('privacy: what Aura sends over the network', () => {
  let root: string
  let hub: TestHub
  let fake: FakeCloud
  let services: Services | null = null
  let watch: SocketWatch | null = null
  const done: Message[] = []
  const downloads: Download[] = []
  const live: Connection[] = []

  const call = caller(() => services!)
  async function reply(conversationId: string, text: string, modelId: string): Promise<Message> {
    const { assistantMessage } = await call('chat.send', { conversationId, text, modelId })
    await expect.poll(() => done.find((m) => m.id === assistantMessage.id), { timeout: 60_000 }).toBeDefined()
    return done.find((m) => m.id === assistantMessage.id)!
  }

  /** Aura with its own data folder, every cloud address pointed at the fake cloud, a key for OpenAI and Anthropic. */
  async function start(settings: Record<string, unknown>): Promise<void> {
    const dataDir = mkdtempSync(join(root, 'data-'))
    await writeTinyLlama(join(dataDir, 'models', 'tiny.gguf'), { chatTemplate: true, eosBias: 2 })
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir },
      settingsStore: memoryStore({
        threads: 1,
        maxTokens: 12,
        confirmCostAbove: null,
        servers: [{ id: 'lab', name: 'Lab server', baseUrl: fake.baseUrls.local }],
        ...settings,
      }),
      env: {
        AURA_HF_ENDPOINT: hub.url,
        AURA_OPENAI_BASE_URL: fake.baseUrls.openai,
        OPENAI_API_KEY: FAKE_CLOUD_VALID_KEY,
        AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic,
        ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY,
      },
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
      if (event === 'downloads.progress') downloads.push(payload as Download)
      if (event === 'network.connected') live.push(payload as Connection)
    })
    watch = watchSockets()
  }

  /**
   * What a user does in a whole session without asking for anything from the internet: the pages'
   * loads (chat, model list, catalog, settings, keys, usage, privacy), a conversation, a local reply,
   * its regeneration, a cloud model picked by hand, a settings change and the usage export.
   */
  async function localSession(): Promise<{ local: Message; cloud: Message }> {
    await call('app.info', {})
    await call('settings.get', {})
    await call('models.list', {})
    await call('models.fit', { id: 'tiny' })
    await call('hardware.get', {})
    await call('catalog.list', {})
    await call('hub.tokenStatus', {})
    await call('downloads.list', {})
    await call('engine.status', {})
    await call('providers.list', {})
    await call('vault.info', {})
    await call('cloud.models', {})
    await call('usage.meter', {})
    const conversation = await call('conversations.create', {})
    await call('router.preview', { text: 'Design a distributed billing system, compare three architectures step by step', conversationId: conversation.id })
    await reply(conversation.id, 'Hello, little model', 'auto')
    const { assistantMessage } = await call('chat.regenerate', { conversationId: conversation.id, modelId: 'auto' })
    await expect.poll(() => done.find((m) => m.id === assistantMessage.id), { timeout: 60_000 }).toBeDefined()
    const local = done.find((m) => m.id === assistantMessage.id)!
    const cloud = await reply(conversation.id, 'And now from the cloud, please', 'openai:gpt-6.1-terra')
    await call('conversations.list', {})
    await call('conversations.get', { id: conversation.id })
    await call('settings.update', { temperature: 0.5, maxTokens: 16 })
    await call('prices.set', { modelId: 'openai:gpt-6.1-terra', price: { inputPerMTokens: 1, outputPerMTokens: 2 } })
    await call('usage.summary', {})
    await call('usage.export', { format: 'csv' })
    await call('engine.unload', {})
    await call('network.connections', {})
    return { local, cloud }
  }

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aura-privacy-'))
  })
  // New servers for each test: no connection kept alive from an earlier test can hide a new one.
  beforeEach(async () => {
    hub = await startTestHub()
    fake = await startFakeCloud()
  })
  afterEach(async () => {
    watch?.stop()
    watch = null
    await services?.dispose()
    services = null
    done.length = 0
    downloads.length = 0
    live.length = 0
    await fake.close()
    await hub.close()
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('a whole session with Local only on opens no connection at all', { timeout: 120_000 }, async () => {
    // The added server is on the network (a documentation address, TEST-NET-1): Local only may not ask
    // it. (A server on this computer, or one marked private, it may: see router/servers.test.ts.)
    await start({ localOnly: true, servers: [{ id: 'lab', name: 'Lab server', baseUrl: 'http://192.0.2.10:11434/v1' }] })
    const { local, cloud } = await localSession()

    expect(local).toMatchObject({ status: 'done', modelId: 'tiny' })
    // The cloud model picked by hand is refused in plain words, before anything is sent.
    // The cloud model picked by hand is not used: the reply comes from this computer, and says so.
    expect(cloud).toMatchObject({ status: 'done', modelId: 'tiny', route: { mode: 'local_only' } })
    expect(watch!.seen).toEqual([])
    expect(fake.requests).toEqual([])
    expect(hub.requests).toEqual([])
    expect(await call('network.connections', {})).toEqual([])
  })

  it('the same session with Local only off does reach the cloud — the watch would see a leak', { timeout: 120_000 }, async () => {
    await start({ localOnly: false })
    const { cloud } = await localSession()

    expect(cloud).toMatchObject({ status: 'done', modelId: 'openai:gpt-6.1-terra' })
    expect(watch!.hosts()).toEqual([`127.0.0.1:${fake.port}`])
    expect(unlogged(watch!.seen, await call('network.connections', {}))).toEqual([])
  })

  it('every connection of a session that uses the network is in Aura’s own log, with its purpose', async () => {
    await start({ localOnly: false })
    await call('hub.search', { query: 'tiny' })
    await call('hub.files', { repo: TEST_HUB_REPOS.tiny })
    const started = await call('downloads.start', { repo: TEST_HUB_REPOS.tiny, file: TEST_HUB_FILES.tiny })
    await expect.poll(() => downloads.findLast((d) => d.id === started.id)?.state, { timeout: 30_000 }).toBe('done')
    await call('keys.test', { provider: 'anthropic' })
    await call('cloud.models', {})
    const conversation = await call('conversations.create', {})
    expect(await reply(conversation.id, 'Hello cloud', 'anthropic:claude-haiku-5-5')).toMatchObject({ status: 'done' })

    const log = await call('network.connections', {})
    const cdnHost = new URL(hub.cdnUrl).host
    const hubHost = new URL(hub.url).host
    const cloudHost = `127.0.0.1:${fake.port}`
    expect(new Set(watch!.hosts())).toEqual(new Set([hubHost, cdnHost, cloudHost]))
    expect(unlogged(watch!.seen, log)).toEqual([])
    // Each host, for what the user asked.
    const purposes = (host: string) => [...new Set(log.flatMap((c) => (c.host === host || c.redirectedTo === host ? [c.purpose] : [])))].sort()
    expect(purposes(hubHost)).toEqual(['download', 'hub_files', 'hub_search'])
    expect(purposes(cdnHost)).toEqual(['download'])
    expect(purposes(cloudHost)).toEqual(['cloud_reply', 'key_test', 'model_list'])
    expect(log.every((c) => c.status !== null && c.status < 400)).toBe(true)
    // The page's live list saw the same, as it happened.
    expect(live).toEqual([...log].reverse())

    // A request that slipped past the log would be caught: the watch sees it, the log does not.
    const stray = createServer((_req, res) => res.end('hi'))
    await new Promise<void>((listening) => stray.listen(0, '127.0.0.1', listening))
    const { port } = stray.address() as AddressInfo
    await fetch(`http://127.0.0.1:${port}/telemetry`).then((res) => res.text())
    await new Promise((closed) => stray.close(closed))
    expect(unlogged(watch!.seen, log)).toEqual([{ host: '127.0.0.1', port }])
  })
})

/**
 * The connections the watch saw that Aura's log does not account for. Every new connection is opened
 * by one request (a socket then serves more of them: keep-alive), and a redirect's second host is
 * named in its request's entry: so each host gets as many connections as logged requests name it.
 */
function unlogged(seen: SeenSocket[], log: Connection[]): SeenSocket[] {
  const left = new Map<string, number>()
  for (const host of log.flatMap((c) => (c.redirectedTo ? [c.host, c.redirectedTo] : [c.host]))) left.set(host, (left.get(host) ?? 0) + 1)
  return seen.filter(({ host, port }) => {
    const key = `${host}:${port}`
    const count = left.get(key) ?? 0
    left.set(key, count - 1)
    return count <= 0
  })
}
