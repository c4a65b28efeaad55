/**
 * Soak: downloads under faults. Every fault is injected into a real download from the test Hub
 * (src/main/services/testing/testHub.ts) through the real HubClient and DownloadManager; after each
 * one the models folder is listed with ModelLibrary: no `.part` file is ever a model, and every
 * listed model has the Hub's exact bytes.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { AuraError, type Download } from '../src/shared/api'
import { DownloadManager, type DownloadManagerOptions } from '../src/main/services/downloads/downloadManager'
import { HubClient } from '../src/main/services/hub'
import { ModelLibrary } from '../src/main/services/models/modelLibrary'
import { downloadEvents } from '../src/main/services/testing/downloadEvents'
import { startTestHub, type TestHub } from '../src/main/services/testing/testHub'
import { encodeTinyLlama, rng } from '../src/main/services/testing/tinyLlama'
import type { SoakContext, SoakFinding, SoakSection } from './harness'

const REPO = 'aura-soak/faults-GGUF'
const MiB = 1024 * 1024
const RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 }

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A message a person can read: a sentence, no raw error codes, no stack. */
export function plainWords(message: string | undefined | null): boolean {
  if (!message || message.length < 20) return false
  return /^[A-Z"“(]/.test(message) && !/\b(undefined|NaN|\[object|ENOSPC|EDQUOT|ECONN\w*|EPIPE|ETIMEDOUT|TypeError|RangeError|SyntaxError)\b|\n\s+at /.test(message)
}

class Tally {
  injected = 0
  passed = 0
  failures: string[] = []
  /** How the right outcomes ended (e.g. completed, stopped: disk_full). */
  outcomes: Record<string, number> = {}
  constructor(
    readonly fault: string,
    readonly expected: string,
  ) {}
  record(problem: string | null, outcome = 'right') {
    this.injected++
    if (problem === null) {
      this.passed++
      this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1
    }
    else if (this.failures.length < 5) this.failures.push(`#${this.injected}: ${problem}`)
  }
  finding(): SoakFinding {
    const finding: SoakFinding & { outcomes: Record<string, number> } = {
      fault: this.fault,
      injected: this.injected,
      passed: this.passed,
      expected: this.expected,
      failures: this.failures,
      outcomes: this.outcomes,
    }
    return finding
  }
}

/** What a judge says: a problem (wrong outcome), or null / `{ok}` naming how it ended rightly. */
type Verdict = string | null | { ok: string }

/** Runs `body`; an exception counts as a wrong outcome with its message. */
async function attempt(tally: Tally, body: () => Promise<Verdict>) {
  let verdict: Verdict
  try {
    verdict = await body()
  } catch (error) {
    verdict = `threw: ${error instanceof Error ? error.message : String(error)}`
  }
  if (verdict !== null && typeof verdict === 'object') tally.record(null, verdict.ok)
  else tally.record(verdict, 'completed with the right SHA-256')
}

interface Served {
  file: string
  bytes: Buffer
  sha256: string
}

function managerOn(hubUrl: string, dir: string, extra: Partial<DownloadManagerOptions> = {}) {
  const { events, emit, until, settled } = downloadEvents(60_000)
  const manager = new DownloadManager({
    hub: new HubClient({ hubUrl: () => hubUrl, env: {}, retryDelayMs: 1, token: () => null }),
    modelsDir: () => dir,
    emit,
    retry: RETRY,
    offlineRetryMs: 200,
    stallTimeoutMs: 5000,
    progressIntervalMs: 50,
    ...extra,
  })
  return { manager, events, until, settled }
}

/**
 * The models folder as Aura's model list sees it: a problem string when a `.part` is listed, or a
 * listed model's bytes differ from the Hub's, or (`expectInstalled`) the model is missing.
 */
async function libraryProblem(dir: string, served: Served, expectInstalled: boolean): Promise<string | null> {
  const models = await new ModelLibrary(() => dir).list()
  for (const model of models) {
    if (/\.part$|\.json$/i.test(model.file)) return `a partial file is listed as a model: ${model.file}`
    const bytes = await readFile(model.file)
    if (sha256(bytes) !== served.sha256) return `${model.file} is listed with wrong bytes (${bytes.length} of ${served.bytes.length})`
    if (model.problem) return `the downloaded model is listed with a problem: ${model.problem}`
  }
  if (expectInstalled && models.length !== 1) return `expected the model to be listed once, found ${models.length}`
  if (!expectInstalled && models.length !== 0) return `nothing should be installed, found ${models.map((m) => m.file).join(', ')}`
  return null
}

async function finishedRight(dir: string, served: Served, download: Download): Promise<string | null> {
  if (download.state !== 'done') return `ended ${download.state}: ${download.error?.code} ${download.error?.message}`
  const bytes = await readFile(join(dir, served.file))
  if (sha256(bytes) !== served.sha256) return 'completed with the wrong SHA-256'
  const left = (await readdir(dir)).filter((name) => name !== served.file)
  if (left.length > 0) return `left behind: ${left.join(', ')}`
  return libraryProblem(dir, served, true)
}

async function stoppedRight(dir: string, served: Served, download: Download, codes: string[]): Promise<string | null> {
  if (download.state !== 'failed') return `expected a stop with ${codes.join('/')}, it ended ${download.state}`
  if (!download.error || !codes.includes(download.error.code)) return `stopped with ${download.error?.code}, expected ${codes.join('/')}`
  if (!plainWords(download.error.message)) return `the message is not plain words: ${download.error.message}`
  if (existsSync(join(dir, served.file))) return 'the model file exists after a failed download'
  return libraryProblem(dir, served, false)
}

/** A fresh models folder for one injection. */
async function freshDir(root: string, name: string): Promise<string> {
  const dir = join(root, name)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  return dir
}

export const section: SoakSection = {
  name: 'downloads',
  async run(ctx: SoakContext): Promise<SoakFinding[]> {
    const n = ctx.small ? 2 : 20
    const kills = ctx.small ? 2 : 50
    // Small: about 1 MiB; full: about 10 MiB (a real GGUF, so a listed model is a usable one).
    const bytes = ctx.small ? encodeTinyLlama({ layers: 2, embedding: 128, feedForward: 256, seed: 3 }) : encodeTinyLlama({ layers: 4, embedding: 256, feedForward: 512, seed: 3 })
    const served: Served = { file: 'soak-Q4_K_M.gguf', bytes, sha256: sha256(bytes) }
    const hub = await startTestHub({ empty: true })
    await hub.addFile(REPO, served.file, bytes)
    const random = rng(20261122)
    const findings: SoakFinding[] = []
    ctx.log(`downloads: ${(bytes.length / MiB).toFixed(1)} MiB file, ${n} of each fault, ${kills} kills`)
    try {
      findings.push(await drops(ctx, hub, served, n, random))
      findings.push(...(await serverErrors(ctx, hub, served, n, random)))
      findings.push(await rateLimits(ctx, hub, served, ctx.small ? 1 : n, random))
      findings.push(await shortBodies(ctx, hub, served, n, random))
      findings.push(await wrongBytes(ctx, hub, served, n))
      findings.push(await diskFull(ctx, hub, served, n, random))
      findings.push(await killed(ctx, hub, served, kills, random))
    } finally {
      await hub.close()
    }
    return findings
  },
}

/** One download in a fresh folder with the hub's faults set; the outcome judged by `judge`. */
async function oneDownload(ctx: SoakContext, hub: TestHub, served: Served, name: string, judge: (dir: string, d: Download, ms: number) => Promise<Verdict>) {
  const dir = await freshDir(ctx.workDir, name)
  const { manager, settled } = managerOn(hub.url, dir)
  try {
    const started = Date.now()
    let download: Download
    try {
      const { id } = await manager.start({ repo: REPO, file: served.file })
      download = await settled(id)
    } catch (error) {
      // Refused before it began (the Hub answering with errors): judged as a stop.
      if (!(error instanceof AuraError)) throw error
      download = { state: 'failed', error: error.toShape(), receivedBytes: 0 } as Download
    }
    return await judge(dir, download, Date.now() - started)
  } finally {
    await manager.dispose()
    await rm(dir, { recursive: true, force: true })
  }
}

async function drops(ctx: SoakContext, hub: TestHub, served: Served, n: number, random: () => number): Promise<SoakFinding> {
  const tally = new Tally('download: connection dropped at a random offset (1–3 times per download)', 'completed with the right SHA-256, resumed with Range; nothing partial listed')
  for (let i = 0; i < n; i++) {
    const times = 1 + Math.floor(random() * 3)
    hub.setFaults({ drop: { times, seed: 1000 + i } })
    hub.clearRequests()
    await attempt(tally, () =>
      oneDownload(ctx, hub, served, `drop-${i}`, async (dir, download) => {
        const wrong = await finishedRight(dir, served, download)
        if (wrong) return wrong
        const dropped = hub.requests.filter((r) => r.server === 'cdn' && r.fault === 'drop').length
        if (dropped !== times) return `expected ${times} drops, the hub dropped ${dropped}`
        const resent = hub.bytesServed(served.file) - served.bytes.length
        if (resent > served.bytes.length * 0.05 + times * 2 * MiB) return `resent ${resent} bytes: the download did not resume from its .part`
        return null
      }),
    )
  }
  ctx.log(`  drops: ${tally.passed}/${tally.injected}`)
  return tally.finding()
}

async function serverErrors(ctx: SoakContext, hub: TestHub, served: Served, n: number, random: () => number): Promise<SoakFinding[]> {
  const burst = new Tally(
    "download: a burst of 1–4 HTTP 5xx answers (500/502/503/504), on the CDN, the Hub's resolve or its file listing",
    'waited them out with backoff and completed with the right SHA-256 (a start included); nothing partial listed',
  )
  const endless = new Tally('download: HTTP 5xx that never ends', 'stopped (download_failed) with a plain message; nothing installed, nothing partial listed')
  const statuses = [500, 502, 503, 504]
  for (let i = 0; i < n; i++) {
    const status = statuses[i % statuses.length]!
    const on = (['cdn', 'download', 'api'] as const)[Math.floor(random() * 3)]!
    hub.setFaults({ serverErrors: { count: 1 + Math.floor(random() * 4), status, on } })
    await attempt(burst, () => oneDownload(ctx, hub, served, `5xx-${i}`, (dir, download) => finishedRight(dir, served, download)))
  }
  for (let i = 0; i < Math.max(1, Math.ceil(n / 2)); i++) {
    hub.setFaults({ serverErrors: { count: 1_000_000, status: statuses[i % statuses.length]!, on: 'cdn' } })
    await attempt(endless, () =>
      oneDownload(ctx, hub, served, `5xx-endless-${i}`, async (dir, download) => (await stoppedRight(dir, served, download, ['download_failed'])) ?? { ok: 'stopped: download_failed' }),
    )
  }
  ctx.log(`  5xx bursts: ${burst.passed}/${burst.injected}; endless 5xx: ${endless.passed}/${endless.injected}`)
  return [burst.finding(), endless.finding()]
}

async function rateLimits(ctx: SoakContext, hub: TestHub, served: Served, n: number, random: () => number): Promise<SoakFinding> {
  const tally = new Tally('download: HTTP 429 with Retry-After (1 s, once or twice)', 'waited at least Retry-After, then completed with the right SHA-256')
  for (let i = 0; i < n; i++) {
    const count = random() < 0.7 ? 1 : 2
    hub.setFaults({ rateLimit: { count, retryAfterSeconds: 1, on: random() < 0.5 ? 'cdn' : 'download' } })
    await attempt(tally, () =>
      oneDownload(ctx, hub, served, `429-${i}`, async (dir, download, ms) => {
        const wrong = await finishedRight(dir, served, download)
        if (wrong) return wrong
        return ms >= count * 950 ? null : `finished after ${ms} ms, before the Retry-After of ${count} s`
      }),
    )
  }
  ctx.log(`  429: ${tally.passed}/${tally.injected}`)
  return tally.finding()
}

async function shortBodies(ctx: SoakContext, hub: TestHub, served: Served, n: number, random: () => number): Promise<SoakFinding> {
  const tally = new Tally('download: body shorter than its Content-Length (1–3 times)', 'treated as a drop: resumed and completed with the right SHA-256')
  for (let i = 0; i < n; i++) {
    const times = 1 + Math.floor(random() * 3)
    const missingBytes = 1 + Math.floor(random() * (served.bytes.length / 2))
    hub.setFaults({ shortBody: { times, missingBytes } })
    await attempt(tally, () => oneDownload(ctx, hub, served, `short-${i}`, (dir, download) => finishedRight(dir, served, download)))
  }
  ctx.log(`  short bodies: ${tally.passed}/${tally.injected}`)
  return tally.finding()
}

async function wrongBytes(ctx: SoakContext, hub: TestHub, served: Served, n: number): Promise<SoakFinding> {
  const tally = new Tally(
    'download: wrong bytes (one byte flipped in transit)',
    'stopped (checksum_mismatch) with a plain message, the damaged file deleted and never listed; a retry completed with the right SHA-256',
  )
  for (let i = 0; i < n; i++) {
    hub.setFaults({ wrongBytes: { times: 1 } })
    await attempt(tally, async () => {
      const dir = await freshDir(ctx.workDir, `wrong-${i}`)
      const { manager, events, settled } = managerOn(hub.url, dir)
      try {
        const { id } = await manager.start({ repo: REPO, file: served.file })
        const failed = await settled(id)
        const wrong = await stoppedRight(dir, served, failed, ['checksum_mismatch'])
        if (wrong) return wrong
        const left = await readdir(dir)
        if (left.length > 0) return `the damaged download left ${left.join(', ')}`
        const since = events.length
        await manager.resume(id)
        return (await finishedRight(dir, served, await settled(id, since))) ?? { ok: 'stopped: checksum_mismatch, then completed on retry' }
      } finally {
        await manager.dispose()
        await rm(dir, { recursive: true, force: true })
      }
    })
  }
  ctx.log(`  wrong bytes: ${tally.passed}/${tally.injected}`)
  return tally.finding()
}

// ------------------------------------------------------------------ the disk filling up

interface SmallDisk {
  dir: string
  how: string
  /** Gives the disk room for the rest. */
  grow(): Promise<void>
  close(): Promise<void>
}

/**
 * A disk that fills up after `limitBytes`: a tmpfs of that size (as downloadManager.test.ts does,
 * needs root), grown by a remount; where mounting is not allowed, writes to `.part` files past the
 * limit fail with ENOSPC (FileHandle.writev/write wrapped for the run; `AURA_SOAK_NO_MOUNT=1` forces this).
 */
async function smallDisk(root: string, name: string, limitBytes: number): Promise<SmallDisk> {
  const point = await freshDir(root, name)
  const kib = Math.max(64, Math.floor(limitBytes / 1024))
  try {
    if (process.env.AURA_SOAK_NO_MOUNT) throw new Error('mounting switched off')
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', point], { stdio: 'ignore' })
    return {
      dir: point,
      how: 'tmpfs',
      grow: async () => void execFileSync('mount', ['-o', 'remount,size=256m', point], { stdio: 'ignore' }),
      close: async () => {
        execFileSync('umount', [point], { stdio: 'ignore' })
        await rm(point, { recursive: true, force: true })
      },
    }
  } catch {
    const probe = await open(join(point, '.probe'), 'w')
    const proto = Object.getPrototypeOf(probe) as Record<string, (...args: unknown[]) => Promise<{ bytesWritten: number }>>
    await probe.close()
    await rm(join(point, '.probe'))
    const original = { writev: proto.writev!, write: proto.write! }
    let left = limitBytes
    const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 })
    const size = (value: unknown) =>
      Array.isArray(value) ? value.reduce((sum: number, b: Uint8Array) => sum + b.byteLength, 0) : ArrayBuffer.isView(value) ? value.byteLength : 0
    const limited = (name: 'writev' | 'write') =>
      async function (this: unknown, ...args: unknown[]) {
        const wanted = size(args[0])
        if (wanted > left) throw full()
        left -= wanted
        return original[name].apply(this, args)
      }
    proto.writev = limited('writev')
    proto.write = limited('write')
    const restore = () => {
      proto.writev = original.writev
      proto.write = original.write
    }
    return { dir: point, how: 'ENOSPC from writes past the limit', grow: async () => restore(), close: async () => {
      restore()
      await rm(point, { recursive: true, force: true })
    } }
  }
}

async function diskFull(ctx: SoakContext, hub: TestHub, served: Served, n: number, random: () => number): Promise<SoakFinding> {
  const tally = new Tally(
    'download: the disk fills up mid-file',
    'stopped (disk_full) with a plain message, the .part kept and never listed; after space was freed, resumed and completed with the right SHA-256',
  )
  hub.setFaults({})
  let how = ''
  for (let i = 0; i < n; i++) {
    // Room for 20–80 % of the file.
    const limit = Math.floor(served.bytes.length * (0.2 + 0.6 * random()))
    const disk = await smallDisk(ctx.workDir, `disk-${i}`, limit)
    how = disk.how
    // Free space is reported as plenty, so the download starts and meets the real limit.
    const { manager, events, settled } = managerOn(hub.url, disk.dir, { statfs: async () => ({ bavail: 1 << 22, bsize: 4096 }) })
    await attempt(tally, async () => {
      const { id } = await manager.start({ repo: REPO, file: served.file })
      const failed = await settled(id)
      const wrong = await stoppedRight(disk.dir, served, failed, ['disk_full'])
      if (wrong) return wrong
      if (!/disk filled up/i.test(failed.error?.message ?? '')) return `the message does not say the disk is full: ${failed.error?.message}`
      if (!existsSync(join(disk.dir, `${served.file}.part`))) return 'the .part was not kept for later'
      await disk.grow()
      const since = events.length
      await manager.resume(id)
      return (await finishedRight(disk.dir, served, await settled(id, since))) ?? { ok: 'stopped: disk_full, then completed after space was freed' }
    })
    await manager.dispose()
    await disk.close()
  }
  ctx.log(`  disk full (${how}): ${tally.passed}/${tally.injected}`)
  return { ...tally.finding(), fault: `${tally.fault} (${how})` }
}

// ------------------------------------------------------------------ SIGKILL mid-download

/**
 * In the child process (run through jiti by {@link spawnChild}): restores the downloads a killed
 * run left, starts the file, prints progress as JSON lines, and exits 0 once it is installed.
 */
export async function downloadChild(args: { hubUrl: string; dir: string; repo: string; file: string }): Promise<void> {
  const { manager } = managerOn(args.hubUrl, args.dir, {
    emit: (download) => process.stdout.write(`${JSON.stringify({ state: download.state, bytes: download.receivedBytes, error: download.error })}\n`),
  })
  await manager.restore()
  const { id } = await manager.start({ repo: args.repo, file: args.file })
  // Progress goes to stdout; the parent reads the final state from there.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      const d = manager.list().find((x) => x.id === id)
      if (d && ['done', 'failed', 'canceled'].includes(d.state)) {
        clearInterval(poll)
        resolve()
      }
    }, 20)
  })
  const final = manager.list().find((x) => x.id === id)
  process.stdout.write(`${JSON.stringify({ final: final?.state, error: final?.error })}\n`)
  await manager.dispose()
  process.exit(final?.state === 'done' ? 0 : 3)
}

const require = createRequire(import.meta.url)

function spawnChild(root: string, args: Parameters<typeof downloadChild>[0]): ChildProcess {
  const jiti = require.resolve('jiti')
  const self = join(root, 'soak/downloads.ts')
  const code = `const { createJiti } = require(${JSON.stringify(jiti)}); const j = createJiti(${JSON.stringify(self)}); j.import(${JSON.stringify(self)}).then((m) => m.downloadChild(JSON.parse(process.argv[1]))).catch((e) => { console.error(e); process.exit(2) })`
  return spawn(process.execPath, ['-e', code, JSON.stringify(args)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
}

interface ChildRun {
  code: number | null
  signal: NodeJS.Signals | null
  lastBytes: number
  final: string | null
  stderr: string
}

/** Runs the child; with `killAt` (a byte offset, or a time for -1) kills it with SIGKILL when it gets there. */
function runChild(root: string, args: Parameters<typeof downloadChild>[0], kill: { atBytes: number } | { afterMs: number } | null): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawnChild(root, args)
    const run: ChildRun = { code: null, signal: null, lastBytes: 0, final: null, stderr: '' }
    let buffered = ''
    let timer: NodeJS.Timeout | null = null
    if (kill && 'afterMs' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs)
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      let nl: number
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        try {
          const message = JSON.parse(line) as { bytes?: number; final?: string }
          if (typeof message.bytes === 'number') run.lastBytes = message.bytes
          if (message.final) run.final = message.final
          if (kill && 'atBytes' in kill && run.lastBytes >= kill.atBytes) child.kill('SIGKILL')
        } catch {
          // not ours
        }
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (run.stderr = (run.stderr + chunk.toString()).slice(-2000)))
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      clearTimeout(guard)
      Object.assign(run, { code, signal })
      resolve(run)
    })
  })
}

async function killed(ctx: SoakContext, hub: TestHub, served: Served, kills: number, random: () => number): Promise<SoakFinding> {
  const tally = new Tally(
    'download: the process killed (SIGKILL) mid-download, then started again',
    'after each kill nothing partial is listed; the restarted process resumed from the .part and completed with the right SHA-256',
  )
  // About 1.5 s per download, so a kill can land anywhere in it.
  hub.setFaults({ throttleBytesPerSecond: Math.ceil(served.bytes.length / 1.5) })
  let chain = 0
  let resumedBytes = 0
  while (tally.injected < kills) {
    const dir = await freshDir(ctx.workDir, `kill-${chain++}`)
    const args = { hubUrl: hub.url, dir, repo: REPO, file: served.file }
    // 1–3 kills on one download, then a run left to finish.
    const times = Math.min(kills - tally.injected, 1 + Math.floor(random() * 3))
    let lastOk = false
    for (let k = 0; k < times; k++) {
      const before = tally.passed
      await attempt(tally, async () => {
        const r = random()
        const kill = r < 0.85 ? { atBytes: Math.floor((r / 0.85) * served.bytes.length) } : { afterMs: Math.floor(random() * 2500) }
        const run = await runChild(ctx.root, args, kill)
        if (run.signal !== 'SIGKILL' && run.final !== 'done') return `the child ended ${run.code}/${run.signal} before the kill: ${run.stderr.slice(-300)}`
        const listed = await libraryProblem(dir, served, existsSync(join(dir, served.file)))
        if (listed) return `after the kill: ${listed}`
        const part = join(dir, `${served.file}.part`)
        if (existsSync(part)) {
          const size = (await stat(part)).size
          if (size > served.bytes.length) return `the .part is longer than the file (${size})`
          resumedBytes += size
        }
        return { ok: 'killed, then resumed to the right SHA-256' }
      })
      lastOk = tally.passed > before
    }
    const rest = await runChild(ctx.root, args, null)
    const finalProblem =
      rest.code !== 0 || rest.final !== 'done'
        ? `the restarted process did not finish: ${rest.code} ${rest.final} ${rest.stderr.slice(-300)}`
        : await finishedRight(dir, served, { state: 'done' } as Download)
    if (finalProblem) {
      // The restart belongs to the last kill of this chain: count it against that one.
      if (lastOk) {
        tally.passed--
        const key = 'killed, then resumed to the right SHA-256'
        tally.outcomes[key] = (tally.outcomes[key] ?? 1) - 1
      }
      if (tally.failures.length < 5) tally.failures.push(`chain ${chain}: ${finalProblem}`)
    }
    await rm(dir, { recursive: true, force: true })
  }
  ctx.log(`  SIGKILL: ${tally.passed}/${tally.injected} (${(resumedBytes / MiB).toFixed(1)} MiB found in .part files after kills)`)
  hub.setFaults({})
  return tally.finding()
}
