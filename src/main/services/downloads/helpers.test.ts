import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_RETRY, sleep } from './backoff'
import { ensureFreeSpace } from './diskSpace'
import { errorCode, parseContentRange, parseRetryAfter } from './http'
import { findJournals, readJournal, writeJournal, type Journal } from './journal'
import { unexpectedFailure } from './parts'
import { etaSeconds, SpeedMeter } from './progress'
import { rejection } from '../testing/rejection'

describe('HTTP helpers', () => {
  it('reads Content-Range, and rejects what does not add up', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 })
    expect(parseContentRange('bytes 0-0/*')).toEqual({ start: 0, end: 0, total: null })
    expect(parseContentRange('bytes 10-5/100')).toBeNull()
    expect(parseContentRange('bytes 0-100/100')).toBeNull()
    expect(parseContentRange('bytes */100')).toBeNull()
    expect(parseContentRange(null)).toBeNull()
  })

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('0.5', now)).toBe(500)
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })

  it("finds the socket's code inside fetch's error", () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) })
    expect(errorCode(error)).toBe('ECONNREFUSED')
    expect(errorCode(new Error('plain'))).toBeNull()
  })
})

describe('backoff', () => {
  it('doubles from the base delay, with jitter, up to the cap', () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 }
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 1))).toEqual([100, 200, 400, 800, 1000])
    expect(backoffDelay(3, options, () => 0)).toBe(200)
  })

  it('sleeps until aborted', async () => {
    const controller = new AbortController()
    const waiting = sleep(10_000, controller.signal)
    controller.abort(new Error('stopped'))
    await expect(waiting).rejects.toThrow('stopped')
  })
})

describe('progress', () => {
  it('smooths the speed and tells the time left', () => {
    const meter = new SpeedMeter()
    meter.sample(0, 0)
    meter.sample(1_000_000, 1000)
    expect(meter.bytesPerSecond).toBe(1_000_000)
    meter.sample(1_000_000, 2000) // a stall pulls the speed down gradually, not to zero
    expect(meter.bytesPerSecond).toBeGreaterThan(500_000)
    expect(meter.bytesPerSecond).toBeLessThan(1_000_000)
    expect(etaSeconds(5_000_000, 1_000_000)).toBe(5)
    expect(etaSeconds(5_000_000, 0)).toBeNull()
    expect(etaSeconds(0, 0)).toBe(0)
  })
})

describe('free space', () => {
  it('counts the downloads under way and says the sizes in plain words', async () => {
    const statfs = async () => ({ bavail: 1_000_000n, bsize: 4096n }) // 3.8 GiB
    await ensureFreeSpace({ dir: '/models', what: 'a.gguf', neededBytes: 2e9, reservedBytes: 0, statfs })
    const error = await rejection(ensureFreeSpace({ dir: '/models', what: 'a.gguf', neededBytes: 2e9, reservedBytes: 3e9, statfs }))
    expect(error.code).toBe('disk_full')
    expect(error.message).toBe(
      'There is not enough free space for a.gguf: it needs 1.9 GiB and the models folder (/models) has 3.8 GiB free (2.8 GiB of it is kept for the downloads already under way). ' +
        'Free up 878 MiB, or choose another models folder in Settings → AI Models.',
    )
  })
})

describe('journal', () => {
  it('round-trips, ignores damaged journals, and is found in sub-folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aura-journal-'))
    try {
      const journal: Journal = {
        version: 1,
        repo: 'a/b',
        file: 'Q8_0/m-00001-of-00002.gguf',
        modelId: 'Q8_0/m',
        startedAt: 1,
        parts: [{ file: 'Q8_0/m-00001-of-00002.gguf', url: 'http://hub/x', sizeBytes: 10, sha256: null, confirmedBytes: 4, verified: false }],
      }
      await mkdir(join(dir, 'Q8_0'))
      await writeJournal(join(dir, 'Q8_0/m-00001-of-00002.gguf.part.json'), journal)
      await writeFile(join(dir, 'broken.gguf.part.json'), '{"version": 1, "repo"')
      expect(await findJournals(dir)).toEqual([join(dir, 'Q8_0/m-00001-of-00002.gguf.part.json'), join(dir, 'broken.gguf.part.json')].sort())
      expect(await readJournal(join(dir, 'Q8_0/m-00001-of-00002.gguf.part.json'))).toEqual(journal)
      expect(await readJournal(join(dir, 'broken.gguf.part.json'))).toBeNull()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('unexpectedFailure', () => {
  it('says what happened in words, never the raw error', () => {
    const error = Object.assign(new Error("EIO: i/o error, write '/models/a.gguf.part'"), { code: 'EIO' })
    const shape = unexpectedFailure({ file: 'a.gguf', dir: '/models' }, error)
    expect(shape.code).toBe('download_failed')
    expect(shape.message).toBe('The download of a.gguf stopped unexpectedly. What arrived is kept: resume to try again.')
  })
})
