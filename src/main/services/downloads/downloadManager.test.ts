import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Download } from '../../../shared/api'
import { HubClient } from '../hub'
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
  const events: Download[] = []
  const waiters = new Set<() => void>()
  const installed: InstalledDownload[] = []
  const hubClient = new HubClient({ hubUrl: options.hubUrl ?? (() => hub.url), env: {}, retryDelayMs: 1, token: () => options.token ?? null })
  const manager = new DownloadManager({
    hub: hubClient,
    modelsDir: () => dir,
    emit: (download) => {
      events.push(download)
      for (const wake of waiters) wake()
    },
    onInstalled: (item) => installed.push(item),
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
    offlineRetryMs: 200,
    stallTimeoutMs: 3000,
    progressIntervalMs: 50,
    ...options,
  })
  managers.push(manager)
  /** Resolves with the first event (from now on, or already seen) that matches. */
  /** The first event from index `since` on that matches (already emitted, or when it comes). */
  const until = (match: (d: Download) => boolean, since = 0, timeoutMs = 20_000) =>
    new Promise<Download>((resolve, reject) => {
      const find = () => events.slice(since).find(match)
      const seen = find()
      if (seen) return resolve(seen)
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`timed out; last events: ${JSON.stringify(events.slice(-3))}`))
      }, timeoutMs)
      const check = () => {
        const found = find()
        if (!found) return
        clearTimeout(timer)
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
    })
  const settled = (id: string, since = 0) => until((d) => d.id === id && ['done', 'failed', 'canceled'].includes(d.state), since)
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
    expect(hub.bytesServed('big-Q4_K_M.gguf')).toBe(big.length)
    expect(manager.list()).toEqual([expect.objectContaining({ id: started.id, state: 'done' })])

    // Already installed at the Hub's size: nothing is downloaded again.
    hub.clearRequests()
    const again = await setup().manager.start({ repo: REPO, file: 'big-Q4_K_M.gguf' })
    expect(again.state).toBe('done')
    expect(hub.bytesServed()).toBe(0)
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
    expect(error.message).toMatch(/not enough free space for big-Q4_K_M\.gguf: it needs 23 MB and the models folder .* has 1\.0 MB free\. Free up 22 MB/)
    expect(manager.list()).toEqual([])
    expect(await filesIn(dir)).toEqual([])
    expect(hub.bytesServed()).toBe(0)
  })
})
