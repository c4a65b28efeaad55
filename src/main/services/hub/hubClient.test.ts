import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rejection } from '../testing/rejection'
import { TEST_HUB_FILES, TEST_HUB_REPOS, startTestHub, type TestHub } from '../testing/testHub'
import { HubClient, type HubClientOptions } from './hubClient'

let hub: TestHub
beforeAll(async () => {
  hub = await startTestHub()
  await hub.addFile('bartowski/Some-Model-GGUF', 'Some-Model-Q4_K_M.gguf', Buffer.alloc(400, 1))
  await hub.addFile('bartowski/Some-Model-GGUF', 'Some-Model-IQ4_XS.gguf', Buffer.alloc(300, 2))
  await hub.addFile('bartowski/Some-Model-GGUF', 'Some-Model-f16.gguf', Buffer.alloc(900, 3))
  await hub.addFile('bartowski/Some-Model-GGUF', 'mmproj-Some-Model-f16.gguf', Buffer.alloc(100, 4))
  await hub.addFile('bartowski/Some-Model-GGUF', 'Q8_0/Some-Model-Q8_0-00001-of-00002.gguf', Buffer.alloc(500, 5))
  await hub.addFile('bartowski/Some-Model-GGUF', 'Q8_0/Some-Model-Q8_0-00002-of-00002.gguf', Buffer.alloc(200, 6))
  await hub.addFile('bartowski/Some-Model-GGUF', 'BF16/Some-Model-BF16-00001-of-00003.gguf', Buffer.alloc(10, 7))
  await hub.addFile('bartowski/Some-Model-GGUF', 'README.md', Buffer.from('# Some model'))
  await hub.addFile('bartowski/Some-Model-GGUF', 'config.gguf.json', Buffer.from('{}'))
})
afterAll(async () => {
  await hub.close()
})
beforeEach(() => {
  hub.setFaults({})
  hub.clearRequests()
})

const client = (options: Partial<HubClientOptions> = {}) =>
  new HubClient({ hubUrl: () => hub.url, env: {}, retryDelayMs: 1, ...options })

describe('HubClient', () => {
  it('uses AURA_HF_ENDPOINT over the settings URL', () => {
    const withEnv = new HubClient({ hubUrl: () => 'https://huggingface.co', env: { AURA_HF_ENDPOINT: `${hub.url}/` } })
    expect(withEnv.hubUrl()).toBe(hub.url)
    expect(new HubClient({ hubUrl: () => 'https://huggingface.co/', env: {} }).hubUrl()).toBe('https://huggingface.co')
  })

  it('searches GGUF repos', async () => {
    const repos = await client().search('tiny-llama')
    expect(repos.map((r) => r.repo)).toEqual([TEST_HUB_REPOS.stories, TEST_HUB_REPOS.tiny, TEST_HUB_REPOS.sharded, TEST_HUB_REPOS.gated])
    expect(repos[0]).toEqual({ repo: TEST_HUB_REPOS.stories, downloads: 12_345, likes: 42, updatedAt: '2024-06-01T10:00:00.000Z', gated: false })
    expect(repos[3]!.gated).toBe(true)
    const url = new URL(hub.requests[0]!.url, hub.url)
    expect(url.searchParams.getAll('filter')).toEqual(['gguf'])
    expect(await client().search('no such thing')).toEqual([])
  })

  it('lists model files: quants, sizes, split sets as one, no projectors, smallest first', async () => {
    expect(await client().files('bartowski/Some-Model-GGUF')).toEqual([
      { file: 'Some-Model-IQ4_XS.gguf', quant: 'IQ4_XS', sizeBytes: 300, parts: 1 },
      { file: 'Some-Model-Q4_K_M.gguf', quant: 'Q4_K_M', sizeBytes: 400, parts: 1 },
      { file: 'Q8_0/Some-Model-Q8_0-00001-of-00002.gguf', quant: 'Q8_0', sizeBytes: 700, parts: 2 },
      { file: 'Some-Model-f16.gguf', quant: 'F16', sizeBytes: 900, parts: 1 },
    ])
    const sharded = await client().files(TEST_HUB_REPOS.sharded)
    expect(sharded).toHaveLength(1)
    expect(sharded[0]).toMatchObject({ file: TEST_HUB_FILES.sharded[0], quant: 'F32', parts: 3 })
  })

  it('follows the Hub\'s paging of a long listing', async () => {
    const paged = await startTestHub({ empty: true, treePageSize: 2 })
    try {
      for (const name of ['a-Q4_0.gguf', 'b-Q5_0.gguf', 'c-Q8_0.gguf', 'README.md']) await paged.addFile('o/r', name, Buffer.from(name))
      expect((await client({ hubUrl: () => paged.url }).files('o/r')).map((f) => f.file)).toEqual(['a-Q4_0.gguf', 'b-Q5_0.gguf', 'c-Q8_0.gguf'])
      expect(paged.requests.filter((r) => r.url.includes('/tree/main'))).toHaveLength(2)
    } finally {
      await paged.close()
    }
  })

  it('resolves a file with its size and SHA-256 from the tree', async () => {
    const tiny = hub.file(TEST_HUB_REPOS.tiny, TEST_HUB_FILES.tiny)!
    const [source, ...rest] = await client().resolveDownload(TEST_HUB_REPOS.tiny, TEST_HUB_FILES.tiny)
    expect(rest).toEqual([])
    expect(source).toEqual({
      repo: TEST_HUB_REPOS.tiny,
      file: TEST_HUB_FILES.tiny,
      url: hub.resolveUrl(TEST_HUB_REPOS.tiny, TEST_HUB_FILES.tiny),
      sizeBytes: tiny.size,
      sha256: tiny.sha256,
    })
    const res = await fetch(source!.url)
    expect(res.status).toBe(200)
    await res.arrayBuffer()
  })

  it('resolves every part of a split set in order, whichever part is named', async () => {
    const sources = await client().resolveDownload(TEST_HUB_REPOS.sharded, TEST_HUB_FILES.sharded[1])
    expect(sources.map((s) => s.file)).toEqual(TEST_HUB_FILES.sharded)
    for (const source of sources) {
      const info = hub.file(TEST_HUB_REPOS.sharded, source.file)!
      expect(source).toMatchObject({ sizeBytes: info.size, sha256: info.sha256 })
    }
    const missing = await rejection(client().resolveDownload('bartowski/Some-Model-GGUF', 'BF16/Some-Model-BF16-00001-of-00003.gguf'))
    expect(missing.code).toBe('not_found')
  })

  it('falls back to X-Linked-Etag / X-Linked-Size when the tree has no LFS entry', async () => {
    const fake: typeof fetch = async (input, init) => {
      const url = String(input)
      if (url.includes('/tree/main')) return Response.json([{ type: 'file', path: 'm-Q4_K_M.gguf', size: 10 }])
      expect(init?.method).toBe('HEAD')
      return new Response(null, { status: 302, headers: { 'X-Linked-Etag': `"${'ab'.repeat(32)}"`, 'X-Linked-Size': '1234', Location: 'http://cdn/x' } })
    }
    const [source] = await client({ fetch: fake }).resolveDownload('o/r', 'm-Q4_K_M.gguf')
    expect(source).toMatchObject({ sizeBytes: 10, sha256: 'ab'.repeat(32) })
  })

  it('sends the token and asks for one for a gated repo', async () => {
    const noToken = await rejection(client().resolveDownload(TEST_HUB_REPOS.gated, TEST_HUB_FILES.gated))
    expect(noToken.code).toBe('hub_auth_required')
    expect(noToken.message).toMatch(/needs a Hugging Face token/)
    const wrong = await rejection(client({ token: () => 'hf_wrong' }).resolveDownload(TEST_HUB_REPOS.gated, TEST_HUB_FILES.gated))
    expect(wrong.code).toBe('hub_auth_required')
    expect(wrong.message).toMatch(/accept its licence/)
    const withToken = client({ token: () => hub.token })
    expect(withToken.headers()).toEqual({ Authorization: `Bearer ${hub.token}` })
    expect(await withToken.resolveDownload(TEST_HUB_REPOS.gated, TEST_HUB_FILES.gated)).toHaveLength(1)
    expect(client({ token: () => null }).headers()).toEqual({})
  })

  it('asks for a token when the Hub requires one everywhere', async () => {
    hub.setFaults({ requireToken: 'hf_secret' })
    expect((await rejection(client().search('tiny'))).code).toBe('hub_auth_required')
    expect(await client({ token: () => 'hf_secret' }).search('tiny')).not.toHaveLength(0)
  })

  it('says not found for an unknown repo or file', async () => {
    const repo = await rejection(client().files('nobody/nothing'))
    expect(repo).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no model called nobody\/nothing/) })
    const file = await rejection(client().resolveDownload(TEST_HUB_REPOS.tiny, 'nope.gguf'))
    expect(file).toMatchObject({ code: 'not_found', message: expect.stringMatching(/no file called nope.gguf/) })
  })

  it('retries a 5xx burst and a 429, then gives up in plain words', async () => {
    hub.setFaults({ serverErrors: { count: 2, on: 'api' } })
    expect(await client().files(TEST_HUB_REPOS.tiny)).toHaveLength(1)
    hub.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 0, on: 'api' } })
    expect(await client().search('tiny')).not.toHaveLength(0)
    hub.setFaults({ serverErrors: { count: 10, on: 'api' } })
    const busy = await rejection(client().search('tiny'))
    expect(busy).toMatchObject({ code: 'hub_unreachable', message: expect.stringMatching(/having trouble/) })
    expect(hub.requests.filter((r) => r.status === 503)).toHaveLength(2 + 3)
  })

  it('says the Hub is unreachable when nothing answers', async () => {
    const closed = await startTestHub({ empty: true })
    const url = closed.url
    await closed.close()
    const error = await rejection(client({ hubUrl: () => url }).search('tiny'))
    expect(error.code).toBe('hub_unreachable')
    expect(error.message).toBe('Aura could not reach Hugging Face. Check your internet connection and try again.')
  })

  it('times out a Hub that never answers', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
    const error = await rejection(client({ fetch: hang, timeoutMs: 50, retries: 0 }).files('o/r'))
    expect(error).toMatchObject({ code: 'hub_unreachable', data: { reason: 'timeout' } })
  })
})
