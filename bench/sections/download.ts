/**
 * `download`: Aura's downloader end to end (DownloadManager start → done: resolve through the Hub,
 * the CDN redirect, the `.part` and its journal, SHA-256 verified while streaming, durable and
 * renamed into the models folder) against a plain HTTP read of the same file from the same local
 * server, in alternating runs, medians reported.
 *
 * References, all reading the same bytes through the same redirect:
 * - `plain_mibps`: http.get, the body read and thrown away (the ratio's denominator);
 * - `plain_to_disk_mibps`: the body piped into a file, then fdatasync'd (what any downloader that
 *   keeps the file safe across a power cut must pay before it calls the file done); no hashing;
 * - `plain_to_disk_nosync_mibps`: the same without the sync (the page cache takes it);
 * - `sha256_mibps`: node:crypto SHA-256 on this CPU, in memory, one thread.
 * `*_cpu_ms_per_mib` is the CPU time (this process, all its threads, plus the server's process) a
 * MiB took: on a machine with few cores the server, the client and the kernel share them, so
 * whatever work a path adds shows up in its speed even when it runs on another thread.
 * `aura_main_thread_busy` is the event loop's utilisation during Aura's runs (1 = the main thread
 * never waited): in the app that thread also answers the window.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createHash, randomFillSync } from 'node:crypto'
import { createWriteStream, readFileSync } from 'node:fs'
import { mkdir, open, rm, stat } from 'node:fs/promises'
import { get, type IncomingMessage } from 'node:http'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pipeline } from 'node:stream/promises'
import { DownloadManager } from '../../src/main/services/downloads'
import { HubClient } from '../../src/main/services/hub'
import type { BenchContext, BenchSection } from '../harness'
import { median, round } from '../harness'
import { BENCH_FILE, BENCH_REPO, type BenchHubReady } from '../lib/downloadHub'

const MiB = 1024 * 1024

export const section: BenchSection = {
  name: 'download',
  async run(ctx) {
    const sizeMiB = ctx.smoke ? 8 : 512
    const rounds = ctx.smoke ? 1 : 5
    const source = join(ctx.workDir, 'served', BENCH_FILE)
    ctx.log(`download: writing a ${sizeMiB} MiB file to serve`)
    await writeRandomFile(source, sizeMiB * MiB)
    const hub = await startHub(ctx, source)
    try {
      const resolveUrl = `${hub.url}/${BENCH_REPO}/resolve/main/${BENCH_FILE}`
      const runs: Record<'plain' | 'toDisk' | 'toDiskNoSync' | 'aura', number[]> = { plain: [], toDisk: [], toDiskNoSync: [], aura: [] }
      const cpu: Record<keyof typeof runs, number[]> = { plain: [], toDisk: [], toDiskNoSync: [], aura: [] }
      const busy: Record<keyof typeof runs, number[]> = { plain: [], toDisk: [], toDiskNoSync: [], aura: [] }
      const rate = (ms: number) => sizeMiB / (ms / 1000)
      const measure = async (round: number, warmup: boolean) => {
        const out = join(ctx.workDir, `out-${round}`)
        await mkdir(out, { recursive: true })
        // A B A B: each reference beside Aura in every round, the order turned round every other time.
        const steps: [keyof typeof runs, () => Promise<number>][] = [
          ['plain', () => plainRead(resolveUrl, hub.size)],
          ['aura', () => auraDownload(hub, join(out, 'models'))],
          ['toDisk', () => plainRead(resolveUrl, hub.size, { path: join(out, 'plain.bin'), sync: true })],
          ['toDiskNoSync', () => plainRead(resolveUrl, hub.size, { path: join(out, 'plain-nosync.bin'), sync: false })],
        ]
        if (round % 2 === 1) steps.reverse()
        for (const [key, step] of steps) {
          const cpuBefore = cpuMs(hub.pid)
          const loopBefore = performance.eventLoopUtilization()
          const ms = await step()
          const cpuAfter = cpuMs(hub.pid)
          if (!warmup) runs[key].push(ms)
          if (!warmup) busy[key].push(performance.eventLoopUtilization(loopBefore).utilization)
          if (!warmup && cpuBefore !== null && cpuAfter !== null) cpu[key].push((cpuAfter - cpuBefore) / sizeMiB)
          // Deleting the file also drops its pages still waiting for the disk: the next run starts clean.
          await rm(out, { recursive: true, force: true })
          await mkdir(out, { recursive: true })
        }
        await rm(out, { recursive: true, force: true })
        if (!warmup) ctx.log(`download: round ${round + 1}/${rounds}: ${steps.map(([key]) => `${key} ${Math.round(rate(runs[key].at(-1)!))}`).join(', ')} MiB/s`)
      }
      if (!ctx.smoke) await measure(-1, true)
      for (let i = 0; i < rounds; i++) await measure(i, false)

      const plain = rate(median(runs.plain))
      const aura = rate(median(runs.aura))
      const sha = sha256Rate(ctx.smoke ? 16 : 256)
      const cpuPerMiB = (key: keyof typeof runs) => (cpu[key].length > 0 ? round(median(cpu[key]), 2) : null)
      return {
        ratio: round(aura / plain, 3),
        aura_mibps: round(aura),
        plain_mibps: round(plain),
        plain_to_disk_mibps: round(rate(median(runs.toDisk))),
        plain_to_disk_nosync_mibps: round(rate(median(runs.toDiskNoSync))),
        sha256_mibps: round(sha),
        plain_cpu_ms_per_mib: cpuPerMiB('plain'),
        aura_cpu_ms_per_mib: cpuPerMiB('aura'),
        plain_to_disk_cpu_ms_per_mib: cpuPerMiB('toDisk'),
        aura_main_thread_busy: round(median(busy.aura), 2),
        plain_main_thread_busy: round(median(busy.plain), 2),
        cpus: availableParallelism(),
        size_mib: sizeMiB,
        rounds,
      }
    } finally {
      hub.stop()
    }
  },
}

/** Random bytes (incompressible, nothing to gain from patterns), written 8 MiB at a time. */
async function writeRandomFile(path: string, size: number): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true })
  const fh = await open(path, 'w')
  try {
    const chunk = Buffer.allocUnsafe(8 * MiB)
    for (let at = 0; at < size; at += chunk.length) {
      const piece = chunk.subarray(0, Math.min(chunk.length, size - at))
      randomFillSync(piece)
      await fh.write(piece, 0, piece.length, at)
    }
  } finally {
    await fh.close()
  }
}

interface BenchHub extends BenchHubReady {
  pid: number | undefined
  stop(): void
}

/** CPU milliseconds so far of this process (every thread) plus the server's; null where /proc is not there. */
function cpuMs(serverPid: number | undefined): number | null {
  const own = process.cpuUsage()
  try {
    // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return (own.user + own.system) / 1000 + ticks * 10
  } catch {
    return null
  }
}

/** The test Hub in a child process (its own event loop, as a real server would be). */
async function startHub(ctx: BenchContext, path: string): Promise<BenchHub> {
  const child: ChildProcess = fork(join(ctx.root, 'bench/lib/downloadHub.ts'), [path], {
    cwd: ctx.root,
    execArgv: ['--import', 'jiti/register'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const ready = await new Promise<BenchHubReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as BenchHubReady))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the benchmark's test Hub exited (${code}) before it was ready`)))
  })
  child.removeAllListeners('exit')
  return {
    ...ready,
    pid: child.pid,
    stop: () => {
      if (child.connected) child.disconnect()
      setTimeout(() => child.kill(), 2000).unref()
    },
  }
}

function httpGet(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).once('error', reject))
}

/**
 * The reference: the Hub's redirect followed, then the body read with plain http.get — thrown away,
 * or piped into a file (and then synced when `sync`). Milliseconds.
 */
async function plainRead(resolveUrl: string, size: number, toDisk?: { path: string; sync: boolean }): Promise<number> {
  const started = performance.now()
  const redirect = await httpGet(resolveUrl)
  redirect.resume()
  const location = redirect.headers.location
  if (redirect.statusCode !== 302 || !location) throw new Error(`the test Hub answered ${redirect.statusCode} instead of a redirect`)
  const res = await httpGet(new URL(location, resolveUrl).href)
  if (res.statusCode !== 200) throw new Error(`the test CDN answered ${res.statusCode}`)
  let received = 0
  if (toDisk) {
    await pipeline(res, createWriteStream(toDisk.path, { highWaterMark: MiB }))
    if (toDisk.sync) {
      const fh = await open(toDisk.path, 'r+')
      await fh.datasync()
      await fh.close()
    }
    received = (await stat(toDisk.path)).size
  } else {
    for await (const chunk of res) received += (chunk as Buffer).length
  }
  const ms = performance.now() - started
  if (received !== size) throw new Error(`the plain read got ${received} of ${size} bytes`)
  return ms
}

/** Aura's DownloadManager, start → done, into a fresh models folder. Milliseconds. */
async function auraDownload(hub: BenchHub, modelsDir: string): Promise<number> {
  const hubClient = new HubClient({ hubUrl: () => hub.url, env: {}, retryDelayMs: 1 })
  let settle!: { resolve: () => void; reject: (error: Error) => void }
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  const manager = new DownloadManager({
    hub: hubClient,
    modelsDir: () => modelsDir,
    emit: (download) => {
      if (download.state === 'done') settle.resolve()
      if (download.state === 'failed' || download.error) settle.reject(new Error(`the download failed: ${JSON.stringify(download.error)}`))
    },
  })
  try {
    const started = performance.now()
    await manager.start({ repo: BENCH_REPO, file: BENCH_FILE })
    await finished
    const ms = performance.now() - started
    const { size } = await stat(join(modelsDir, BENCH_FILE))
    if (size !== hub.size) throw new Error(`Aura's download is ${size} bytes, not ${hub.size}`)
    return ms
  } finally {
    await manager.dispose()
  }
}

/** node:crypto SHA-256 over `mib` MiB of random bytes in 1 MiB updates, median of 3: MiB/s. */
function sha256Rate(mib: number): number {
  const data = randomFillSync(Buffer.allocUnsafe(mib * MiB))
  const rates: number[] = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const hash = createHash('sha256')
    for (let at = 0; at < data.length; at += MiB) hash.update(data.subarray(at, at + MiB))
    hash.digest()
    rates.push(mib / ((performance.now() - started) / 1000))
  }
  return median(rates)
}
