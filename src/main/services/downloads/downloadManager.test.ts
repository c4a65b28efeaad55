import { createHash, randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DownloadSchema } from '../../../shared/api'
import { HubClient } from '../hub'
import { downloadEvents } from '../testing/downloadEvents'
import { rejection } from '../testing/rejection'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS, type TestHub } from '../testing/testHub'
import { DownloadManager, type DownloadManagerOptions, type InstalledDownload } from './downloadManager'

const REPO = 'aura-test/big-GGUF'
const MiB = 1024 * 1024

let hub: TestHub
let big: Buffer
let medium: Buffer
beforeAll(async () => {
  hub = await startTestHub()
  big = randomBytes(6 * MiB)
  medium = randomBytes(2 * MiB)
  await hub.addFile(REPO, 'big-Q4_K_M.gguf', big)
  await hub.addFile(REPO, 'medium-Q4_K_M.gguf', medium)
  await hub.addFile(REPO, 'other-Q8_0.gguf', randomBytes(2 * MiB))
  await hub.addFile(REPO, 'third-Q2_K.gguf', randomBytes(2 * MiB))
})
afterAll(async () => {
  await hub.close()
})

let dir: string
let managers: DownloadManager[]
beforeEach(async () => {
  hub.setFaults({})
  hub.clearRequests()
  dir = await mkdtemp(join(tmpdir(), 'aura-downloads-'))
  managers = []
})
afterEach(async () => {
  await Promise.all(managers.map((m) => m.dispose()))
  await rm(dir, { recursive: true, force: true })
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A manager on `dir` talking to the test Hub through the real HubClient, with short waits. */
function setup(options: Partial<DownloadManagerOptions> & { token?: string; hubUrl?: () => string } = {}) {
  const { events, emit, until, settled } = downloadEvents(20_000)
  const installed: InstalledDownload[] = []
  const hubClient = new HubClient({ hubUrl: options.hubUrl ?? (() => hub.url), env: {}, retryDelayMs: 1, token: () => options.token ?? null })
  const manager = new DownloadManager({
    hub: hubClient,
    modelsDir: () => dir,
    emit,
    onInstalled: (item) => installed.push(item),
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
    offlineRetryMs: 200,
    stallTimeoutMs: 3000,
    progressIntervalMs: 50,
    ...options,
  })
  managers.push(manager)
  return { manager, events, installed, until, settled }
}

async function filesIn(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).map(String).sort()
}

describe('DownloadManager', () => {
  it('downloads a file: progress, verified SHA-256, atomic rename, nothing else left behind', async () => {
    const { manager, events, installed, settled } = setup()
    const started = await manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    expect(['queued', 'downloading']).toContain(started.state)
    expect(started).toMatchObject({ repo: REPO, file: 'big-Q4_K_M.gguf', modelId: 'big-Q4_K_M', totalBytes: big.length })

    const done = await settled(started.id)
    expect(done).toMatchObject({ state: 'done', receivedBytes: big.length, error: null })
    expect(sha256(await readFile(join(dir, 'big-Q4_K_M.gguf')))).toBe(sha256(big))
    expect(await filesIn(dir)).toEqual(['big-Q4_K_M.gguf'])
    expect(installed).toEqual([expect.objectContaining({ modelId: 'big-Q4_K_M', path: join(dir, 'big-Q4_K_M.gguf') })])
    const states = events.map((e) => e.state).filter((s, i, all) => s !== all[i - 1])
    expect(states).toEqual(['queued', 'downloading', 'verifying', 'done'])
    for (const event of events) expect(DownloadSchema.parse(event)).toEqual(event)
    expect(hub.bytesServed('big-Q4_K_M.gguf')).toBe(big.length)
    expect(manager.list()).toEqual([expect.objectContaining({ id: started.id, state: 'done' })])

    // Already installed at the Hub's size: nothing is downloaded again.
    hub.clearRequests()
    const again = await setup().manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    expect(again.state).toBe('done')
    expect(hub.bytesServed()).toBe(0)
  })

  it('sends progress about four times a second, plus every change of state', async () => {
    hub.setFaults({ throttleBytesPerSecond: 2 * MiB }) // about a second
    const { manager, events, settled } = setup({ progressIntervalMs: 250 })
    const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    await settled(id)
    const progress = events.filter((e, i) => e.state === 'downloading' && events[i - 1]?.state === 'downloading')
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress.length).toBeLessThanOrEqual(6)
    const last = progress.at(-1)!
    expect(last.bytesPerSecond).toBeGreaterThan(0.5 * MiB)
    expect(last.bytesPerSecond).toBeLessThan(4 * MiB)
    expect(last.etaSeconds).toBeLessThanOrEqual(4)
  })

  it('survives three dropped connections and transfers the file about once', async () => {
    hub.setFaults({ drop: { times: 3, seed: 7 } })
    const { manager, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    expect(await settled(id)).toMatchObject({ state: 'done' })
    expect(sha256(await readFile(join(dir, 'big-Q4_K_M.gguf')))).toBe(sha256(big))
    const cdn = hub.requests.filter((r) => r.server === 'cdn')
    expect(cdn.filter((r) => r.fault === 'drop')).toHaveLength(3)
    expect(cdn.slice(1).every((r) => r.range?.startsWith('bytes='))).toBe(true)
    expect(hub.bytesServed('big-Q4_K_M.gguf')).toBeLessThan(1.3 * big.length)
  })

  it('while its connection is lost it says so and when it tries again — no speed falling to 0', async () => {
    const { manager, until, settled } = setup({ retry: { attempts: 6, baseDelayMs: 2000, maxDelayMs: 4000 } })
    hub.setFaults({ drop: { afterBytes: 512 * 1024, times: 2 }, files: ['medium-Q4_K_M.gguf'] })
    const started = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    const waiting = await until((d) => d.stall?.retry?.reason === 'connection_lost')
    expect(DownloadSchema.parse(waiting)).toEqual(waiting)
    expect(waiting).toMatchObject({ state: 'downloading', bytesPerSecond: 0, etaSeconds: null })
    expect(waiting.stall!.retry!.inSeconds).toBeGreaterThanOrEqual(1)
    expect(waiting.stall!.retry!.inSeconds).toBeLessThanOrEqual(2)
    expect(waiting.receivedBytes).toBeGreaterThan(0)
    const done = await settled(started.id)
    expect(done.state).toBe('done')
    expect(done.stall).toBeUndefined()
  })

  it('a connection with no data says for how long; one silent past the stall limit is tried again, and says so', async () => {
    // One byte every 5 s: quiet between bytes, and past a 2 s stall limit.
    hub.setFaults({ throttleBytesPerSecond: 0.2, files: ['third-Q2_K.gguf'] })
    const quiet = setup({ stallTimeoutMs: 20_000 })
    const slow = await quiet.manager.start({ repo: REPO, file: 'third-Q2_K.gguf' })
    const silent = await quiet.until((d) => (d.stall?.quietSeconds ?? 0) >= 3)
    expect(silent).toMatchObject({ state: 'downloading', bytesPerSecond: 0, etaSeconds: null, stall: { retry: null } })
    await quiet.manager.cancel(slow.id)

    const stalling = setup({ stallTimeoutMs: 2000, retry: { attempts: 6, baseDelayMs: 1000, maxDelayMs: 2000 } })
    const started = await stalling.manager.start({ repo: REPO, file: 'third-Q2_K.gguf' })
    const retrying = await stalling.until((d) => d.stall?.retry?.reason === 'no_data')
    expect(retrying.stall!.quietSeconds).toBeGreaterThanOrEqual(1)
    hub.setFaults({})
    expect((await stalling.settled(started.id)).state).toBe('done')
  })

  it('treats a body shorter than its Content-Length as a drop', async () => {
    hub.setFaults({ shortBody: { times: 2 } })
    const { manager, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    expect(await settled(id)).toMatchObject({ state: 'done' })
    expect(sha256(await readFile(join(dir, 'medium-Q4_K_M.gguf')))).toBe(sha256(medium))
    expect(hub.bytesServed('medium-Q4_K_M.gguf')).toBeLessThan(1.3 * medium.length)
  })

  it('resumes after the app was closed mid-download, from its .part, without downloading again', async () => {
    hub.setFaults({ throttleBytesPerSecond: 12 * MiB })
    const first = setup()
    const { id } = await first.manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    await first.until((d) => d.id === id && d.receivedBytes > 2 * MiB)
    await first.manager.dispose()
    expect(await filesIn(dir)).toEqual(['big-Q4_K_M.gguf.part', 'big-Q4_K_M.gguf.part.json'])
    const journal = JSON.parse(await readFile(join(dir, 'big-Q4_K_M.gguf.part.json'), 'utf8'))
    expect(journal).toMatchObject({ repo: REPO, file: 'big-Q4_K_M.gguf', parts: [{ sizeBytes: big.length, sha256: sha256(big) }] })
    const kept = journal.parts[0].confirmedBytes as number
    expect(kept).toBeGreaterThan(2 * MiB)

    hub.setFaults({})
    const second = setup()
    const restored = await second.manager.restore()
    expect(restored).toEqual([expect.objectContaining({ id, state: 'paused', receivedBytes: kept, totalBytes: big.length })])
    hub.clearRequests()
    await second.manager.resume(id)
    expect(await second.settled(id)).toMatchObject({ state: 'done' })
    expect(sha256(await readFile(join(dir, 'big-Q4_K_M.gguf')))).toBe(sha256(big))
    const cdn = hub.requests.filter((r) => r.server === 'cdn')
    expect(cdn[0]?.range).toBe(`bytes=${kept}-`)
    expect(hub.bytesServed()).toBe(big.length - kept)
    expect(await filesIn(dir)).toEqual(['big-Q4_K_M.gguf'])
  })

  it('starting a file that has a .part from an earlier run resumes it (aura pull after Ctrl+C)', async () => {
    hub.setFaults({ throttleBytesPerSecond: 12 * MiB })
    const first = setup()
    const { id } = await first.manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    await first.until((d) => d.id === id && d.receivedBytes > 1 * MiB)
    const paused = await first.manager.pause(id)
    expect(paused.state).toBe('paused')
    await first.manager.dispose()

    hub.setFaults({})
    hub.clearRequests()
    const second = setup()
    const again = await second.manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    expect(again.id).toBe(id)
    expect(await second.settled(id)).toMatchObject({ state: 'done' })
    expect(hub.bytesServed()).toBe(big.length - paused.receivedBytes)
  })

  it('rejects wrong bytes: nothing stays on disk, nothing is installed, the message says so plainly', async () => {
    hub.setFaults({ wrongBytes: {} })
    const { manager, events, installed, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    const failed = await settled(id)
    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('checksum_mismatch')
    expect(failed.error?.message).toMatch(/damaged on the way.*Aura deleted it; try again/)
    expect(await filesIn(dir)).toEqual([])
    expect(installed).toEqual([])

    // Trying again (the Hub is fine now) starts over and succeeds.
    hub.setFaults({})
    const since = events.length
    await manager.resume(id)
    expect(await settled(id, since)).toMatchObject({ state: 'done', receivedBytes: medium.length })
    expect(sha256(await readFile(join(dir, 'medium-Q4_K_M.gguf')))).toBe(sha256(medium))
  })

  it('refuses before starting when the models folder lacks the room (injected statfs)', async () => {
    // 1 MiB free in 4 KiB blocks: less than the 6 MiB file.
    const { manager } = setup({ statfs: async () => ({ bavail: 256, bsize: 4096 }) })
    const error = await rejection(manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' }))
    expect(error.code).toBe('disk_full')
    expect(error.message).toMatch(/not enough free space for big-Q4_K_M\.gguf: it needs 22 MiB and the models folder .* has 1 MiB free\. Free up 21 MiB/)
    expect(manager.list()).toEqual([])
    expect(await filesIn(dir)).toEqual([])
    expect(hub.bytesServed()).toBe(0)
  })

  it('waits out a burst of 5xx answers, and honours a 429 Retry-After', async () => {
    hub.setFaults({ serverErrors: { count: 3, status: 503, on: 'cdn' } })
    const first = setup()
    const a = await first.manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    expect(await first.settled(a.id)).toMatchObject({ state: 'done' })
    expect(hub.requests.filter((r) => r.fault === 'server_error')).toHaveLength(3)

    hub.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 1, on: 'cdn' } })
    const second = setup()
    const startedAt = Date.now()
    const b = await second.manager.start({ repo: REPO, file: 'other-Q8_0.gguf' })
    expect(await second.settled(b.id)).toMatchObject({ state: 'done' })
    const cdn = hub.requests.filter((r) => r.server === 'cdn' && r.file === 'other-Q8_0.gguf')
    expect(cdn.map((r) => r.fault)).toEqual(['rate_limited', null])
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950)
  })

  it('waits out a burst of 5xx on the Hub calls that start a download (the listing, then resolve), as it does for the file', async () => {
    // HubClient (retryDelayMs 1) tries each call 3 times; a burst of 4 outlasts that, not the downloader.
    for (const on of ['api', 'resolve'] as const) {
      hub.setFaults({ serverErrors: { count: 4, status: 503, on } })
      hub.clearRequests()
      const { manager, settled } = setup()
      const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
      expect(await settled(id), on).toMatchObject({ state: 'done' })
      expect(hub.requests.filter((r) => r.fault === 'server_error'), on).toHaveLength(4)
      await manager.cancel(id)
      await rm(join(dir, 'medium-Q4_K_M.gguf'), { force: true })
    }
  })

  it('stops a start on an endless run of 5xx from the Hub with a plain message, after the same number of tries as a file', async () => {
    hub.setFaults({ serverErrors: { count: 1000, status: 502, on: 'resolve' } })
    const { manager } = setup()
    const error = await rejection(manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' }))
    expect(error).toMatchObject({ code: 'hub_unreachable', message: 'Hugging Face is having trouble right now. Try again in a few minutes.' })
    // 1 + 4 tries (the downloader's budget), each of which HubClient tried 3 times.
    expect(hub.requests.filter((r) => r.fault === 'server_error')).toHaveLength(15)
    expect(manager.list()).toEqual([])
  })

  it('does not retry a start the Hub refused for good (no such file)', async () => {
    const { manager } = setup()
    const error = await rejection(manager.start({ repo: REPO, file: 'nothing-Q4_K_M.gguf' }))
    expect(error.code).toBe('not_found')
    expect(hub.requests.filter((r) => r.server === 'hub')).toHaveLength(1)
  })

  it('gives up on an endless run of 5xx with a plain message, keeping what arrived', async () => {
    hub.setFaults({ serverErrors: { count: 1000, status: 500, on: 'cdn' } })
    const { manager, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    const failed = await settled(id)
    expect(failed.error).toMatchObject({ code: 'download_failed', message: expect.stringMatching(/kept answering with an error \(HTTP 500\)/) })
    expect(hub.requests.filter((r) => r.server === 'cdn')).toHaveLength(5) // the first try and 4 retries
  })

  it('asks the Hub again when the signed CDN URL has expired, and continues from where it was', async () => {
    // URLs live 100 ms; the drop after 1 MiB comes at about 250 ms, so the retry finds its URL expired.
    hub.setFaults({ signedUrlTtlMs: 100, throttleBytesPerSecond: 4 * MiB, drop: { afterBytes: 1 * MiB } })
    const { manager, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    expect(await settled(id)).toMatchObject({ state: 'done' })
    expect(sha256(await readFile(join(dir, 'medium-Q4_K_M.gguf')))).toBe(sha256(medium))
    const cdn = hub.requests.filter((r) => r.server === 'cdn')
    expect(cdn.map((r) => r.fault)).toEqual(['drop', 'expired', null])
    expect(cdn[2]?.range).toBe(`bytes=${1 * MiB}-`)
    // Asked the Hub again: a second resolve (redirect) after the expired one.
    expect(hub.requests.filter((r) => r.server === 'hub' && r.method === 'GET' && r.url.includes('/resolve/'))).toHaveLength(2)
    expect(cdn.filter((r) => r.status !== 403).reduce((sum, r) => sum + r.bytesSent, 0)).toBe(medium.length)
  })

  it('restarts cleanly when a server ignores Range', async () => {
    hub.setFaults({ drop: { afterBytes: 1 * MiB } })
    // A proxy that drops the Range header: the server answers 200 with the whole file.
    const noRange: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers)
      headers.delete('range')
      return fetch(input, { ...init, headers })
    }
    const { manager, settled } = setup({ fetch: noRange })
    const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    expect(await settled(id)).toMatchObject({ state: 'done' })
    expect(sha256(await readFile(join(dir, 'medium-Q4_K_M.gguf')))).toBe(sha256(medium))
    expect(hub.requests.filter((r) => r.server === 'cdn').map((r) => r.status)).toEqual([200, 200])
  })

  it('pauses, resumes and cancels', async () => {
    hub.setFaults({ throttleBytesPerSecond: 8 * MiB })
    const { manager, events, until, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    await until((d) => d.id === id && d.receivedBytes > 512 * 1024)
    const paused = await manager.pause(id)
    expect(paused).toMatchObject({ state: 'paused', bytesPerSecond: 0, etaSeconds: null, error: null })
    expect(await filesIn(dir)).toEqual(['big-Q4_K_M.gguf.part', 'big-Q4_K_M.gguf.part.json'])
    const served = hub.bytesServed()

    const since = events.length
    const resumed = await manager.resume(id)
    expect(resumed.state).toBe('downloading')
    const moving = await until((d) => d.id === id && d.receivedBytes > paused.receivedBytes + 512 * 1024, since)
    expect(moving.bytesPerSecond).toBeGreaterThan(0)
    expect(moving.etaSeconds).toBeGreaterThan(0)
    const resumedRange = hub.requests.filter((r) => r.server === 'cdn').at(-1)?.range
    expect(resumedRange).toBe(`bytes=${paused.receivedBytes}-`)

    const canceled = await manager.cancel(id)
    expect(canceled.state).toBe('canceled')
    expect(await settled(id)).toMatchObject({ state: 'canceled' })
    expect(await filesIn(dir)).toEqual([])
    expect(manager.list()).toEqual([])
    expect(hub.bytesServed()).toBeLessThan(served + big.length)
  })

  it('starting the same file twice returns the one download', async () => {
    hub.setFaults({ throttleBytesPerSecond: 8 * MiB })
    const { manager, settled } = setup()
    const [a, b] = await Promise.all([
      manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' }),
      manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' }),
    ])
    const c = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    expect(b.id).toBe(a.id)
    expect(c.id).toBe(a.id)
    expect(manager.list()).toHaveLength(1)
    await settled(a.id)
    expect(hub.bytesServed()).toBe(medium.length)
  })

  it('runs at most two downloads at once; the others wait in the queue', async () => {
    hub.setFaults({ throttleBytesPerSecond: 8 * MiB })
    const { manager, events, settled } = setup({ maxConcurrent: 2 })
    const files = ['medium-Q4_K_M.gguf', 'other-Q8_0.gguf', 'third-Q2_K.gguf']
    const started = []
    for (const file of files) started.push(await manager.start({ repo: REPO, file }))
    expect(started.map((d) => d.state)).toEqual(['downloading', 'downloading', 'queued'])
    for (const d of started) expect(await settled(d.id)).toMatchObject({ state: 'done' })

    // Replay the events: never more than two downloading at the same time.
    const state = new Map<string, string>()
    let most = 0
    for (const e of events) {
      state.set(e.id, e.state)
      most = Math.max(most, [...state.values()].filter((s) => s === 'downloading' || s === 'verifying').length)
    }
    expect(most).toBe(2)
    expect(await filesIn(dir)).toEqual([...files].sort())
  })

  it('downloads still waiting in the queue when Aura closes come back paused', async () => {
    hub.setFaults({ throttleBytesPerSecond: 4 * MiB })
    const first = setup({ maxConcurrent: 1 })
    const a = await first.manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    const b = await first.manager.start({ repo: REPO, file: 'other-Q8_0.gguf' })
    expect(b.state).toBe('queued')
    await first.manager.dispose()
    const restored = await setup().manager.restore()
    expect(restored.map((d) => [d.id, d.state])).toEqual([
      [a.id, 'paused'],
      [b.id, 'paused'],
    ])
  })

  it('refuses a file that is not a GGUF model, before asking the Hub', async () => {
    const { manager } = setup()
    const error = await rejection(manager.start({ repo: TEST_HUB_REPOS.tiny, file: 'README.md' }))
    expect(error).toMatchObject({ code: 'invalid_input', data: { repo: TEST_HUB_REPOS.tiny, file: 'README.md' } })
    expect(error.message).toBe(`README.md is not a model file: Aura downloads GGUF models, whose names end in .gguf. Choose one of the .gguf files in ${TEST_HUB_REPOS.tiny}.`)
    expect(manager.list()).toEqual([])
    expect(await filesIn(dir)).toEqual([])
    expect(hub.requests).toEqual([])
  })

  it('downloads an empty file', async () => {
    await hub.addFile(REPO, 'empty.gguf', new Uint8Array(0))
    const { manager, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'empty.gguf' })
    expect(await settled(id)).toMatchObject({ state: 'done', receivedBytes: 0, totalBytes: 0 })
    expect(await filesIn(dir)).toEqual(['empty.gguf'])
  })

  it('downloads every part of a split model; the model is done when all are verified', async () => {
    const { manager, installed, settled } = setup()
    const first = TEST_HUB_FILES.sharded[0]
    const { id, totalBytes, modelId } = await manager.start({ repo: TEST_HUB_REPOS.sharded, file: first })
    const sizes = TEST_HUB_FILES.sharded.map((file) => hub.file(TEST_HUB_REPOS.sharded, file)!.size)
    expect(totalBytes).toBe(sizes.reduce((a, b) => a + b, 0))
    expect(modelId).toBe('aura-tiny-llama-F32')
    expect(await settled(id)).toMatchObject({ state: 'done', receivedBytes: totalBytes })
    expect(await filesIn(dir)).toEqual([...TEST_HUB_FILES.sharded])
    for (const file of TEST_HUB_FILES.sharded) {
      expect(sha256(await readFile(join(dir, file)))).toBe(hub.file(TEST_HUB_REPOS.sharded, file)!.sha256)
    }
    expect(installed[0]?.paths).toEqual(TEST_HUB_FILES.sharded.map((file) => join(dir, file)))
  })

  it('asks for a token for a gated repo, and keeps the token away from the CDN', async () => {
    const without = setup()
    const error = await rejection(without.manager.start({ repo: TEST_HUB_REPOS.gated, file: TEST_HUB_FILES.gated }))
    expect(error.code).toBe('hub_auth_required')
    expect(without.manager.list()).toEqual([])

    const withToken = setup({ token: hub.token })
    const { id } = await withToken.manager.start({ repo: TEST_HUB_REPOS.gated, file: TEST_HUB_FILES.gated })
    expect(await withToken.settled(id)).toMatchObject({ state: 'done' })
    const cdn = hub.requests.filter((r) => r.server === 'cdn')
    expect(cdn.length).toBeGreaterThan(0)
    expect(cdn.every((r) => r.authorization === null)).toBe(true)
  })

  it('a token the Hub stops accepting mid-download fails with hub_auth_required', async () => {
    // The CDN URL expires, and the Hub now wants a token Aura does not have.
    hub.setFaults({ signedUrlTtlMs: 200, throttleBytesPerSecond: 4 * MiB, drop: { afterBytes: 1 * MiB } })
    const { manager, until, settled } = setup()
    const { id } = await manager.start({ repo: REPO, file: 'medium-Q4_K_M.gguf' })
    await until((d) => d.id === id && d.receivedBytes > 0)
    hub.setFaults({ requireToken: 'hf_new', signedUrlTtlMs: 200 })
    const failed = await settled(id)
    expect(failed.error?.code).toBe('hub_auth_required')
    expect(await filesIn(dir)).toEqual(['medium-Q4_K_M.gguf.part', 'medium-Q4_K_M.gguf.part.json'])
  })

  it('offline: pauses with a plain message, then continues by itself when the Hub is back', async () => {
    const content = randomBytes(2 * MiB)
    const local = await startTestHub({ empty: true, faults: { throttleBytesPerSecond: 4 * MiB } })
    await local.addFile(REPO, 'net-Q4_K_M.gguf', content)
    const ports = { port: Number(new URL(local.url).port), cdnPort: Number(new URL(local.cdnUrl).port) }
    const { manager, until, settled } = setup({ hubUrl: () => local.url })
    const { id } = await manager.start({ repo: REPO, file: 'net-Q4_K_M.gguf' })
    await until((d) => d.id === id && d.receivedBytes > 256 * 1024)
    await local.close()

    const offline = await until((d) => d.id === id && d.state === 'paused')
    expect(offline.error).toMatchObject({ code: 'hub_unreachable', message: expect.stringMatching(/can't reach Hugging Face.*continue by itself/) })

    // Back on the same address (a new CDN signing key, like a real signed URL gone stale).
    const back = await startTestHub({ empty: true, ...ports })
    try {
      await back.addFile(REPO, 'net-Q4_K_M.gguf', content)
      expect(await settled(id)).toMatchObject({ state: 'done' })
      expect(sha256(await readFile(join(dir, 'net-Q4_K_M.gguf')))).toBe(sha256(content))
      // The stale signed URL is refused (403), the Hub asked again, and the rest fetched once.
      const cdn = back.requests.filter((r) => r.server === 'cdn')
      expect(cdn.map((r) => r.status)).toEqual([403, 206])
      expect(cdn[1]).toMatchObject({ range: `bytes=${offline.receivedBytes}-`, bytesSent: content.length - offline.receivedBytes })
    } finally {
      await back.close()
    }
  })
})

/**
 * A real, tiny file system for the disk-full cases. Mounting a tmpfs needs root (the build
 * machines run tests as root); elsewhere these tests skip, and the injected-statfs test above covers the refusal.
 */
const NO_TMPFS = 'could not mount a 3 MiB tmpfs (that needs root)'

describe('on a nearly full disk (a 3 MiB tmpfs)', () => {
  let mountPoint: string | null = null
  beforeAll(async () => {
    const point = await mkdtemp(join(tmpdir(), 'aura-tmpfs-'))
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', point], { stdio: 'ignore' })
      mountPoint = point
    } catch {
      await rm(point, { recursive: true, force: true })
    }
  })
  afterAll(async () => {
    if (!mountPoint) return
    execFileSync('umount', [mountPoint], { stdio: 'ignore' })
    await rm(mountPoint, { recursive: true, force: true })
  })

  it('refuses before starting, reading the real free space', async (context) => {
    if (!mountPoint) return context.skip(NO_TMPFS)
    dir = join(mountPoint, 'refuse')
    await mkdir(dir)
    const { manager } = setup()
    const error = await rejection(manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' }))
    expect(error.code).toBe('disk_full')
    expect(error.message).toMatch(/has 3 MiB free/)
    expect(await filesIn(dir)).toEqual([])
  })

  it('a disk that fills up mid-file fails with disk_full and keeps the .part for later', async (context) => {
    if (!mountPoint) return context.skip(NO_TMPFS)
    dir = join(mountPoint, 'fill')
    await mkdir(dir)
    // Pretend there is room, so the download starts and meets the real limit.
    const { manager, settled } = setup({ statfs: async () => ({ bavail: 1 << 20, bsize: 4096 }) })
    const { id } = await manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    const failed = await settled(id)
    expect(failed.error).toMatchObject({ code: 'disk_full', message: expect.stringMatching(/disk filled up.*free up some space, then resume/) })
    expect(await filesIn(dir)).toEqual(['big-Q4_K_M.gguf.part', 'big-Q4_K_M.gguf.part.json'])
    dir = await mkdtemp(join(tmpdir(), 'aura-downloads-')) // afterEach removes this one
    await rm(join(mountPoint, 'fill'), { recursive: true, force: true })
  })
})
