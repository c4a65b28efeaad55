import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { downloadFile, fileDownloadInfo, listFiles, listModels, modelInfo } from '@huggingface/hub'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TEST_HUB_FILES, TEST_HUB_REPOS, startTestHub, type TestHub } from './testHub'

let hub: TestHub
beforeAll(async () => {
  hub = await startTestHub()
})
afterAll(async () => {
  await hub.close()
})
beforeEach(() => {
  hub.setFaults({})
  hub.clearRequests()
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const tiny = () => hub.file(TEST_HUB_REPOS.tiny, TEST_HUB_FILES.tiny)!
const get = (path: string, init?: RequestInit) => fetch(`${hub.url}${path}`, init)
const download = (init?: RequestInit) => fetch(hub.resolveUrl(TEST_HUB_REPOS.tiny, TEST_HUB_FILES.tiny), init)

/** Reads a body to the end, or to the error that cut it; returns what arrived. */
async function readAll(res: Response): Promise<{ bytes: Buffer; error: unknown }> {
  const chunks: Uint8Array[] = []
  const reader = res.body!.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
    }
    return { bytes: Buffer.concat(chunks), error: null }
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error }
  }
}

describe('test Hub routes', () => {
  it('lists GGUF repos matching a search, with downloads, likes, lastModified and gated', async () => {
    const res = await get('/api/models?search=TINY-llama&filter=gguf')
    const repos = (await res.json()) as { id: string; downloads: number; likes: number; lastModified: string; gated: unknown }[]
    expect(repos.map((r) => r.id)).toEqual([TEST_HUB_REPOS.stories, TEST_HUB_REPOS.tiny, TEST_HUB_REPOS.sharded, TEST_HUB_REPOS.gated])
    expect(repos[1]).toMatchObject({ downloads: 2000, likes: 7, gated: false })
    expect(repos[3]!.gated).toBe('manual')
    expect(Date.parse(repos[0]!.lastModified)).toBeGreaterThan(0)
    expect(await (await get('/api/models?search=nothing-like-this')).json()).toEqual([])
  })

  it('answers only the fields asked for with expand, besides the ids', async () => {
    const [listed] = (await (await get(`/api/models?search=tiny-llamas&expand=downloads&expand=gated`)).json()) as Record<string, unknown>[]
    expect(Object.keys(listed!).sort()).toEqual(['_id', 'downloads', 'gated', 'id'])
    const info = (await (await get(`/api/models/${TEST_HUB_REPOS.stories}/revision/main?expand=siblings`)).json()) as Record<string, unknown>
    expect(Object.keys(info).sort()).toEqual(['_id', 'id', 'siblings'])
  })

  it('answers model info with siblings, and 404 for an unknown repo', async () => {
    const info = (await (await get(`/api/models/${TEST_HUB_REPOS.stories}`)).json()) as { id: string; siblings: { rfilename: string }[] }
    expect(info.id).toBe(TEST_HUB_REPOS.stories)
    expect(info.siblings.map((s) => s.rfilename)).toEqual(['README.md', 'stories260K.gguf'])
    const missing = await get('/api/models/nobody/nothing')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-error-code')).toBe('RepoNotFound')
  })

  it('lists the tree with sizes and lfs.oid = the SHA-256 of the bytes', async () => {
    const entries = (await (await get(`/api/models/${TEST_HUB_REPOS.tiny}/tree/main?recursive=true`)).json()) as {
      type: string
      path: string
      size: number
      oid: string
      lfs?: { oid: string; size: number }
    }[]
    const gguf = entries.find((e) => e.path === TEST_HUB_FILES.tiny)!
    expect(gguf).toMatchObject({ type: 'file', size: tiny().size, lfs: { oid: tiny().sha256, size: tiny().size } })
    expect(gguf.oid).toMatch(/^[0-9a-f]{40}$/)
    expect(entries.find((e) => e.path === 'README.md')!.lfs).toBeUndefined()
  })

  it('lists folders non-recursively and pages through a Link header', async () => {
    const paged = await startTestHub({ empty: true, treePageSize: 2 })
    try {
      for (const path of ['a.gguf', 'b.gguf', 'sub/c.gguf', 'sub/d.gguf']) await paged.addFile('o/r', path, Buffer.from(path))
      const top = (await (await fetch(`${paged.url}/api/models/o/r/tree/main`)).json()) as { path: string; type: string }[]
      expect(top.map((e) => `${e.type}:${e.path}`)).toEqual(['file:a.gguf', 'file:b.gguf'])
      const first = await fetch(`${paged.url}/api/models/o/r/tree/main?recursive=true`)
      expect(first.headers.get('link')).toMatch(/rel="next"/)
      const files: string[] = []
      for await (const entry of listFiles({ repo: 'o/r', recursive: true, hubUrl: paged.url })) files.push(entry.path)
      expect(files).toEqual(['a.gguf', 'b.gguf', 'sub', 'sub/c.gguf', 'sub/d.gguf'])
    } finally {
      await paged.close()
    }
  })

  it('redirects resolve to the CDN with a signed expiring URL and the linked etag and size', async () => {
    const res = await download({ method: 'HEAD', redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('x-linked-etag')).toBe(`"${tiny().sha256}"`)
    expect(res.headers.get('x-linked-size')).toBe(String(tiny().size))
    const location = new URL(res.headers.get('location')!)
    expect(location.origin).toBe(hub.cdnUrl)
    expect(location.searchParams.get('Signature')).toBeTruthy()
    expect(Number(location.searchParams.get('Expires'))).toBeGreaterThan(Date.now())
    const missing = await get(`/${TEST_HUB_REPOS.tiny}/resolve/main/nope.gguf`, { redirect: 'manual' })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-error-code')).toBe('EntryNotFound')
  })

  it('serves the whole file through the redirect, and ranges as 206', async () => {
    const whole = await download()
    expect(whole.status).toBe(200)
    expect(whole.url.startsWith(hub.cdnUrl)).toBe(true)
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    expect(whole.headers.get('content-length')).toBe(String(tiny().size))
    expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(tiny().sha256)

    const part = await download({ headers: { Range: 'bytes=100-' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-${tiny().size - 1}/${tiny().size}`)
    expect((await part.arrayBuffer()).byteLength).toBe(tiny().size - 100)

    const tail = await download({ headers: { Range: 'bytes=-10' } })
    expect(tail.headers.get('content-range')).toBe(`bytes ${tiny().size - 10}-${tiny().size - 1}/${tiny().size}`)
    await tail.arrayBuffer()
    const beyond = await download({ headers: { Range: `bytes=${tiny().size}-` } })
    expect(beyond.status).toBe(416)
    expect(hub.bytesServed(TEST_HUB_FILES.tiny)).toBe(tiny().size * 2 - 100 + 10)
  })

  it('serves a file from disk without holding it (stream): whole, ranges, drops, throttle and wrong bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aura-hub-stream-'))
    try {
      const bytes = randomBytes(300_000)
      const path = join(dir, 'big.gguf')
      await writeFile(path, bytes)
      const info = await hub.addFile('aura-stream/streamed-GGUF', 'big-Q8_0.gguf', path, { stream: true })
      expect(info).toMatchObject({ size: bytes.length, sha256: sha256(bytes), lfs: true })
      const url = hub.resolveUrl('aura-stream/streamed-GGUF', 'big-Q8_0.gguf')
      expect(sha256((await readAll(await fetch(url))).bytes)).toBe(sha256(bytes))
      const part = await fetch(url, { headers: { Range: 'bytes=100000-100009' } })
      expect(part.status).toBe(206)
      expect((await readAll(part)).bytes).toEqual(bytes.subarray(100_000, 100_010))

      hub.setFaults({ drop: { afterBytes: 70_000 } })
      const dropped = await readAll(await fetch(url))
      expect(dropped.error).toBeTruthy()
      expect(dropped.bytes).toEqual(bytes.subarray(0, 70_000))

      hub.setFaults({ wrongBytes: { times: 1 } })
      const wrong = (await readAll(await fetch(url))).bytes
      expect(wrong.length).toBe(bytes.length)
      expect(wrong.compare(bytes)).not.toBe(0)
      expect(wrong.subarray(0, 150_000)).toEqual(bytes.subarray(0, 150_000))
      expect(wrong[150_000]).toBe(bytes[150_000]! ^ 0xff)
      expect(sha256((await readAll(await fetch(url))).bytes)).toBe(sha256(bytes))

      hub.setFaults({ throttleBytesPerSecond: 100_000 })
      const started = Date.now()
      expect((await readAll(await fetch(url, { headers: { Range: 'bytes=0-29999' } }))).bytes).toEqual(bytes.subarray(0, 30_000))
      expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    } finally {
      hub.removeFile('aura-stream/streamed-GGUF', 'big-Q8_0.gguf')
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('serves small text files straight from the Hub', async () => {
    const res = await get(`/${TEST_HUB_REPOS.tiny}/resolve/main/README.md`)
    expect(res.url.startsWith(hub.url)).toBe(true)
    expect(await res.text()).toMatch(/^---/)
  })

  it('serves added files, from bytes or a path', async () => {
    const info = await hub.addFile('someone/new-GGUF', 'new-Q4_K_M.gguf', Buffer.from('GGUF and more'))
    expect(info).toMatchObject({ size: 13, lfs: true, sha256: sha256(Buffer.from('GGUF and more')) })
    expect(await (await fetch(hub.resolveUrl('someone/new-GGUF', 'new-Q4_K_M.gguf'))).text()).toBe('GGUF and more')
    const repos = (await (await get('/api/models?search=someone&filter=gguf')).json()) as { id: string }[]
    expect(repos.map((r) => r.id)).toEqual(['someone/new-GGUF'])
    hub.removeFile('someone/new-GGUF', 'new-Q4_K_M.gguf')
    expect((await fetch(hub.resolveUrl('someone/new-GGUF', 'new-Q4_K_M.gguf'))).status).toBe(404)
  })

  it('serves the split set and stories260K', async () => {
    for (const part of TEST_HUB_FILES.sharded) expect(hub.file(TEST_HUB_REPOS.sharded, part)!.size).toBeGreaterThan(0)
    const stories = await fetch(hub.resolveUrl(TEST_HUB_REPOS.stories, TEST_HUB_FILES.stories))
    expect(Buffer.from(await stories.arrayBuffer()).subarray(0, 4).toString()).toBe('GGUF')
  })
})

describe('test Hub with @huggingface/hub', () => {
  it('works with listModels, modelInfo, listFiles, fileDownloadInfo and downloadFile', async () => {
    const found = []
    for await (const model of listModels({ search: { query: 'tiny', tags: ['gguf'] }, hubUrl: hub.url })) found.push(model)
    expect(found.map((m) => m.name)).toContain(TEST_HUB_REPOS.stories)
    expect(found.find((m) => m.name === TEST_HUB_REPOS.gated)!.gated).toBe('manual')

    const info = await modelInfo({ name: TEST_HUB_REPOS.stories, hubUrl: hub.url, additionalFields: ['filePaths'] })
    expect(info.name).toBe(TEST_HUB_REPOS.stories)
    expect(info.filePaths).toContain(TEST_HUB_FILES.stories)

    const files = []
    for await (const file of listFiles({ repo: TEST_HUB_REPOS.tiny, recursive: true, hubUrl: hub.url })) files.push(file)
    expect(files.find((f) => f.path === TEST_HUB_FILES.tiny)!.lfs!.oid).toBe(tiny().sha256)

    const download = await fileDownloadInfo({ repo: TEST_HUB_REPOS.tiny, path: TEST_HUB_FILES.tiny, hubUrl: hub.url })
    expect(download).toMatchObject({ size: tiny().size, etag: `"${tiny().sha256}"` })
    const blob = await downloadFile({ repo: TEST_HUB_REPOS.tiny, path: TEST_HUB_FILES.tiny, hubUrl: hub.url })
    expect(sha256(new Uint8Array(await blob!.arrayBuffer()))).toBe(tiny().sha256)

    const gated = downloadFile({ repo: TEST_HUB_REPOS.gated, path: TEST_HUB_FILES.gated, hubUrl: hub.url })
    await expect(gated).rejects.toMatchObject({ statusCode: 401 })
    const withToken = await downloadFile({ repo: TEST_HUB_REPOS.gated, path: TEST_HUB_FILES.gated, hubUrl: hub.url, accessToken: hub.token })
    expect(withToken!.size).toBeGreaterThan(0)
  })
})

describe('test Hub faults', () => {
  it('drops the connection after N bytes, the given number of times', async () => {
    hub.setFaults({ drop: { afterBytes: 1000, times: 2 } })
    // A response shorter than the drop point is served whole and does not use up a drop.
    expect((await readAll(await download({ headers: { Range: 'bytes=0-99' } }))).bytes.length).toBe(100)
    for (let i = 0; i < 2; i++) {
      const { bytes, error } = await readAll(await download())
      expect(error).toBeTruthy()
      expect(bytes.length).toBe(1000)
    }
    const { bytes, error } = await readAll(await download())
    expect(error).toBeNull()
    expect(sha256(bytes)).toBe(tiny().sha256)
    expect(hub.requests.filter((r) => r.fault === 'drop')).toHaveLength(2)
  })

  it('drops at seeded random offsets, the same ones every run', async () => {
    const offsets = async () => {
      hub.setFaults({ drop: { times: 3, seed: 42 } })
      const cut: number[] = []
      for (let i = 0; i < 3; i++) cut.push((await readAll(await download())).bytes.length)
      return cut
    }
    const first = await offsets()
    expect(await offsets()).toEqual(first)
    expect(new Set(first).size).toBe(3)
    for (const at of first) {
      expect(at).toBeGreaterThan(0)
      expect(at).toBeLessThan(tiny().size)
    }
  })

  it('resumes with Range after a drop, transferring the file about once', async () => {
    hub.setFaults({ drop: { afterBytes: 5000, times: 3 } })
    const chunks: Buffer[] = []
    let received = 0
    while (received < tiny().size) {
      const res = await download({ headers: { Range: `bytes=${received}-` } })
      const { bytes } = await readAll(res)
      chunks.push(bytes)
      received += bytes.length
    }
    expect(sha256(Buffer.concat(chunks))).toBe(tiny().sha256)
    expect(hub.bytesServed()).toBe(tiny().size)
  })

  it('answers a burst of 5xx, then serves', async () => {
    hub.setFaults({ serverErrors: { count: 2, status: 502 } })
    expect((await download()).status).toBe(502)
    expect((await download()).status).toBe(502)
    expect((await download()).status).toBe(200)
    hub.setFaults({ serverErrors: { count: 1, on: 'api' } })
    expect((await download()).status).toBe(200)
    expect((await get('/api/models')).status).toBe(503)
  })

  it('answers 429 with Retry-After', async () => {
    hub.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 3 } })
    const limited = await download()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect((await download()).status).toBe(200)
  })

  it('sends a body shorter than its Content-Length', async () => {
    hub.setFaults({ shortBody: { missingBytes: 100 } })
    const res = await download()
    expect(res.headers.get('content-length')).toBe(String(tiny().size))
    const { bytes, error } = await readAll(res)
    expect(bytes.length).toBe(tiny().size - 100)
    expect(error).toBeTruthy()
  })

  it('serves wrong bytes: same size, different SHA-256 from lfs.oid', async () => {
    hub.setFaults({ wrongBytes: {} })
    const { bytes } = await readAll(await download())
    expect(bytes.length).toBe(tiny().size)
    expect(sha256(bytes)).not.toBe(tiny().sha256)
  })

  it('limits file faults to the files named', async () => {
    hub.setFaults({ wrongBytes: {}, files: [`${TEST_HUB_REPOS.stories}/${TEST_HUB_FILES.stories}`] })
    expect(sha256((await readAll(await download())).bytes)).toBe(tiny().sha256)
  })

  it('requires a token: 401 without, 403 with a wrong one', async () => {
    hub.setFaults({ requireToken: 'hf_secret' })
    expect((await get('/api/models')).status).toBe(401)
    expect((await download()).status).toBe(401)
    expect((await download({ headers: { Authorization: 'Bearer hf_wrong' } })).status).toBe(403)
    expect((await download({ headers: { Authorization: 'Bearer hf_secret' } })).status).toBe(200)
  })

  it('asks for a token for a gated repo only at resolve', async () => {
    const url = hub.resolveUrl(TEST_HUB_REPOS.gated, TEST_HUB_FILES.gated)
    const denied = await fetch(url)
    expect(denied.status).toBe(401)
    expect(denied.headers.get('x-error-code')).toBe('GatedRepo')
    expect((await fetch(url, { headers: { Authorization: 'Bearer hf_other' } })).status).toBe(403)
    expect((await fetch(url, { headers: { Authorization: `Bearer ${hub.token}` } })).status).toBe(200)
    expect((await get(`/api/models/${TEST_HUB_REPOS.gated}/tree/main`)).status).toBe(200)
  })

  it('expires signed CDN URLs, so the client must resolve again', async () => {
    hub.setFaults({ signedUrlTtlMs: 50 })
    const location = (await download({ redirect: 'manual' })).headers.get('location')!
    expect((await fetch(location, { headers: { Range: 'bytes=0-9' } })).status).toBe(206)
    await new Promise((resolve) => setTimeout(resolve, 80))
    const expired = await fetch(location)
    expect(expired.status).toBe(403)
    expect(await expired.text()).toMatch(/expired/)
    expect((await download()).status).toBe(200)
    const tampered = new URL(location)
    tampered.searchParams.set('Expires', String(Date.now() + 60_000))
    expect((await fetch(tampered)).status).toBe(403)
  })

  it('throttles the CDN so progress can be watched', async () => {
    hub.setFaults({ throttleBytesPerSecond: 100_000 })
    const started = Date.now()
    const res = await download({ headers: { Range: 'bytes=0-29999' } })
    expect((await readAll(res)).bytes.length).toBe(30_000)
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
  })
})
