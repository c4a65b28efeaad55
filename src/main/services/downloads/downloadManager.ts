import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { AuraError, type AuraErrorShape, type Download, type DownloadStall, type DownloadState } from '../../../shared/api'
import { say, shapeIn, words } from '../../../shared/i18n'
import { isGguf } from '../hub/ggufNames'
import { isHubBusy } from '../hub/hubErrors'
import type { HubFileSource, HubResolver } from '../hub/types'
import { modelIdFor } from '../models/modelInfo'
import { silentLogger, systemClock, type Clock, type Logger } from '../ports'
import { backoffDelay, DEFAULT_RETRY, sleep, type RetryOptions } from './backoff'
import { defaultStatfs, ensureFreeSpace, type StatFs } from './diskSpace'
import { findJournals, journalPath, readJournal, removeJournal, writeJournal, type Journal, type JournalPart } from './journal'
import { allInstalled, checkSources, idFor, isInside, notAModel, partFrom, partOnDisk, partPath, remaining, unexpectedFailure } from './parts'
import { downloadPart, dropHash, newRuntime, OfflineError, type PartRuntime, type RetryReason } from './partTransfer'
import { etaSeconds, SpeedMeter } from './progress'

export interface InstalledDownload {
  modelId: string
  /** The model file (the first part of a split model), now in the models folder. */
  path: string
  /** Every part. */
  paths: string[]
  download: Download
}

export interface DownloadManagerOptions {
  hub: HubResolver
  modelsDir: () => string
  /** Progress (about 4 times a second while downloading) and every change of state. */
  emit: (download: Download) => void
  onInstalled?: (installed: InstalledDownload) => void
  clock?: Clock
  fetch?: typeof fetch
  /** Downloads running at once; the others wait in the queue. */
  maxConcurrent?: number
  retry?: Partial<RetryOptions>
  /** After the network stayed away through every retry: wait this long, then try again by itself. */
  offlineRetryMs?: number
  /** No byte for this long counts as a dropped connection. */
  stallTimeoutMs?: number
  progressIntervalMs?: number
  /** Free-space probe (tests pretend the disk is nearly full). */
  statfs?: StatFs
  logger?: Logger
}

const ACTIVE: ReadonlySet<DownloadState> = new Set(['queued', 'downloading', 'verifying'])
/** Sync the file and save the journal at most this often: cheap, and little is lost to a crash. */
const CHECKPOINT = { bytes: 16 * 1024 * 1024, ms: 2000 }
const BATCH_BYTES = 1024 * 1024

type StopReason = 'pause' | 'cancel' | 'dispose'

interface Entry {
  id: string
  repo: string
  file: string
  modelId: string
  startedAt: number
  state: DownloadState
  error: AuraErrorShape | null
  /** The models folder at start; a download finishes where it began even if the setting changes. */
  dir: string
  parts: JournalPart[]
  runtimes: PartRuntime[]
  speed: SpeedMeter
  /** Restored from a journal: ask the Hub again before continuing (the URL or the file may have changed). */
  needsResolve: boolean
  queuedAt: number
  run: { controller: AbortController; stop: StopReason | null; done: Promise<void> } | null
  retryTimer: NodeJS.Timeout | null
  /** Waiting to try the connection again (inside a run): why, and until when. */
  retry: { reason: RetryReason; at: number } | null
  /** When the received bytes last grew (ms), and to what: a download with no byte for a while says so. */
  lastByte: { at: number; bytes: number }
  /** Journal writes, one after another. */
  journalChain: Promise<void>
}

/**
 * Downloads model files from the Hub into the models folder: a queue (at most `maxConcurrent` at
 * once), pause / resume / cancel, resume after a restart from `.part` files and their journal,
 * SHA-256 verified while streaming, and an atomic rename when every part is in.
 *
 * States: queued → downloading → verifying → done; downloading → paused (by the user, or by
 * itself when offline: `error.code` is hub_unreachable and it retries later) → queued;
 * downloading → failed (checksum_mismatch, disk_full, hub_auth_required, download_failed) →
 * queued on resume; any unfinished state → canceled (its files are removed).
 */
export class DownloadManager {
  private readonly entries = new Map<string, Entry>()
  private readonly starting = new Map<string, Promise<Download>>()
  private readonly clock: Clock
  private readonly fetch: typeof fetch
  private readonly retry: RetryOptions
  private readonly logger: Logger
  private ticker: NodeJS.Timeout | null = null
  private disposed = false
  /** Aborted by dispose: ends the waits of starts that are waiting out a busy Hub. */
  private readonly closing = new AbortController()

  constructor(private readonly options: DownloadManagerOptions) {
    this.clock = options.clock ?? systemClock
    this.fetch = options.fetch ?? globalThis.fetch
    this.retry = { ...DEFAULT_RETRY, ...options.retry }
    this.logger = options.logger ?? silentLogger
  }

  list(): Download[] {
    return [...this.entries.values()].map((entry) => this.snapshot(entry)).sort((a, b) => a.startedAt - b.startedAt)
  }

  /**
   * Starts (or queues) a download. A file already being downloaded returns that download (resumed
   * if it was paused or failed); a file already installed at the Hub's size returns it as done.
   * Throws invalid_input for a file that is not a .gguf, hub_auth_required / hub_unreachable /
   * not_found from the Hub, and disk_full before writing anything when the models folder lacks the room.
   */
  async start(input: { repo: string; file: string; modelId?: string }): Promise<Download> {
    this.assertOpen()
    if (!isGguf(input.file)) throw notAModel(input)
    const id = idFor(input.file)
    const pending = this.starting.get(id)
    if (pending) return pending
    const promise = this.startOnce(id, input).finally(() => this.starting.delete(id))
    this.starting.set(id, promise)
    return promise
  }

  async pause(id: string): Promise<Download> {
    const entry = this.get(id)
    this.clearRetry(entry)
    if (entry.state === 'queued' || (entry.state === 'paused' && entry.error)) this.setState(entry, 'paused', null)
    else if (entry.run) await this.stop(entry, 'pause')
    return this.snapshot(entry)
  }

  async resume(id: string): Promise<Download> {
    this.assertOpen()
    const entry = this.get(id)
    if (entry.state === 'paused' || entry.state === 'failed') this.enqueue(entry)
    return this.snapshot(entry)
  }

  /** Stops the download and removes its `.part` files and journal. An installed model is left alone. */
  async cancel(id: string): Promise<Download> {
    const entry = this.get(id)
    if (entry.state === 'done' || entry.state === 'canceled') return this.snapshot(entry)
    this.clearRetry(entry)
    if (entry.run) await this.stop(entry, 'cancel')
    else await this.discard(entry)
    return this.snapshot(entry)
  }

  /**
   * At app start: lists the downloads a previous run left unfinished (a `.part` file and its
   * journal in the models folder) as paused, ready to resume from where they stopped.
   */
  async restore(): Promise<Download[]> {
    this.assertOpen()
    const dir = resolve(this.options.modelsDir())
    for (const path of await findJournals(dir)) {
      const journal = await readJournal(path)
      if (!journal || journalPath(dir, journal.file) !== path || !journal.parts.every((part) => isInside(dir, part.file))) continue
      const id = idFor(journal.file)
      if (this.entries.has(id)) continue
      const parts = await Promise.all(journal.parts.map((part) => partOnDisk(dir, part)))
      const entry = this.newEntry({ ...journal, dir, parts, state: 'paused' })
      entry.needsResolve = true
      this.entries.set(id, entry)
      this.options.emit(this.snapshot(entry))
    }
    return this.list()
  }

  /** Stops all network work and keeps every `.part` and journal, so the next run resumes. */
  async dispose(): Promise<void> {
    this.disposed = true
    this.closing.abort(closed())
    this.stopTicker()
    const running: Promise<void>[] = []
    for (const entry of this.entries.values()) {
      this.clearRetry(entry)
      if (entry.run) running.push(this.stop(entry, 'dispose'))
    }
    await Promise.all(running)
  }

  // ------------------------------------------------------------------ starting

  private async startOnce(id: string, input: { repo: string; file: string; modelId?: string }): Promise<Download> {
    const existing = this.entries.get(id)
    if (existing && existing.state !== 'canceled') {
      if (existing.repo !== input.repo && existing.state !== 'done') {
        throw new AuraError('busy', words('downloads.alreadyFrom', { file: input.file, repo: existing.repo }))
      }
      if (existing.repo === input.repo) {
        if (existing.state === 'paused' || existing.state === 'failed') return this.resume(id)
        if (existing.state !== 'done' || (await allInstalled(existing.dir, existing.parts))) return this.snapshot(existing)
      }
    }

    const dir = resolve(this.options.modelsDir())
    const sources = checkSources(dir, input, await this.resolvePatiently(input.repo, input.file))
    const modelId = input.modelId ?? modelIdFor(join(dir, input.file), dir)
    const startedAt = this.clock.now()
    if (await allInstalled(dir, sources)) {
      const parts = sources.map((source) => ({ ...partFrom(source), confirmedBytes: source.sizeBytes, verified: true }))
      const entry = this.newEntry({ repo: input.repo, file: input.file, modelId, startedAt, dir, parts, state: 'done' })
      this.entries.set(id, entry)
      return this.snapshot(entry)
    }

    // Bytes from an earlier run count only when the Hub still describes the very same file.
    const journal = await readJournal(journalPath(dir, input.file))
    const parts = await Promise.all(
      sources.map(async (source) => {
        const previous = journal?.repo === input.repo ? journal.parts.find((part) => part.file === source.file) : undefined
        const same = previous && previous.sizeBytes === source.sizeBytes && previous.sha256 === source.sha256
        return same ? partOnDisk(dir, { ...previous, url: source.url }) : partFrom(source)
      }),
    )
    await mkdir(dir, { recursive: true })
    await ensureFreeSpace({ dir, what: input.file, neededBytes: remaining(parts), reservedBytes: this.reserved(dir, null), statfs: this.statfs })
    const entry = this.newEntry({ repo: input.repo, file: input.file, modelId, startedAt, dir, parts, state: 'queued' })
    // Journaled at once: a download still waiting in the queue when Aura closes comes back paused.
    await this.saveJournal(entry)
    this.entries.set(id, entry)
    this.enqueue(entry)
    return this.snapshot(entry)
  }

  private newEntry(input: Pick<Journal, 'repo' | 'file' | 'modelId' | 'startedAt' | 'parts'> & { dir: string; state: DownloadState }): Entry {
    return {
      id: idFor(input.file),
      repo: input.repo,
      file: input.file,
      modelId: input.modelId,
      startedAt: input.startedAt,
      state: input.state,
      error: null,
      dir: input.dir,
      parts: input.parts,
      runtimes: input.parts.map((part) => newRuntime(part.confirmedBytes)),
      speed: new SpeedMeter(),
      needsResolve: false,
      queuedAt: 0,
      run: null,
      retryTimer: null,
      retry: null,
      lastByte: { at: 0, bytes: 0 },
      journalChain: Promise.resolve(),
    }
  }

  // ------------------------------------------------------------------ the queue

  private enqueue(entry: Entry): void {
    this.clearRetry(entry)
    entry.queuedAt = this.clock.now()
    this.setState(entry, 'queued', null)
    this.pump()
  }

  private pump(): void {
    if (this.disposed) return
    let running = [...this.entries.values()].filter((entry) => entry.run).length
    const queued = [...this.entries.values()].filter((entry) => entry.state === 'queued').sort((a, b) => a.queuedAt - b.queuedAt)
    for (const entry of queued) {
      if (running >= (this.options.maxConcurrent ?? 2)) break
      this.launch(entry)
      running++
    }
  }

  private launch(entry: Entry): void {
    const controller = new AbortController()
    entry.speed.reset()
    entry.retry = null
    entry.lastByte = { at: this.clock.now(), bytes: -1 }
    const run: NonNullable<Entry['run']> = { controller, stop: null, done: Promise.resolve() }
    entry.run = run
    this.setState(entry, 'downloading', null)
    this.startTicker()
    run.done = this.execute(entry, controller.signal)
      .catch((error: unknown) => this.settle(entry, run.stop, error))
      .catch((error: unknown) => this.logger.error('download bookkeeping failed', { file: entry.file, error: String(error) }))
      .finally(() => {
        entry.run = null
        this.pump()
      })
  }

  private async stop(entry: Entry, reason: StopReason): Promise<void> {
    const run = entry.run
    if (!run) return
    run.stop ??= reason
    run.controller.abort(new DOMException('The download was stopped', 'AbortError'))
    await run.done
  }

  private async execute(entry: Entry, signal: AbortSignal): Promise<void> {
    if (entry.needsResolve) {
      await this.reconcile(entry)
      entry.needsResolve = false
    }
    await mkdir(entry.dir, { recursive: true })
    const what = entry.file
    await ensureFreeSpace({ dir: entry.dir, what, neededBytes: remaining(entry.parts), reservedBytes: this.reserved(entry.dir, entry), statfs: this.statfs })
    await this.saveJournal(entry)
    for (const [index, part] of entry.parts.entries()) {
      const runtime = entry.runtimes[index] ?? newRuntime(part.confirmedBytes)
      entry.runtimes[index] = runtime
      const last = index === entry.parts.length - 1
      await mkdir(dirname(join(entry.dir, part.file)), { recursive: true })
      await downloadPart({
        repo: entry.repo,
        part,
        runtime,
        path: partPath(entry.dir, part.file),
        signal,
        fetch: this.fetch,
        hubHeaders: () => this.options.hub.headers(),
        resolve: () => this.resolvePart(entry, part.file),
        retry: this.retry,
        stallTimeoutMs: this.options.stallTimeoutMs ?? 30_000,
        checkpoint: CHECKPOINT,
        batchBytes: BATCH_BYTES,
        now: () => this.clock.now(),
        saveJournal: (confirmedBytes) => this.saveJournal(entry, { index, confirmedBytes }),
        onVerifying: () => {
          if (last) this.setState(entry, 'verifying', null)
        },
        onRetry: (retry) => {
          entry.retry = retry
          if (entry.state === 'downloading') this.options.emit(this.snapshot(entry))
        },
      })
    }
    signal.throwIfAborted()
    await this.install(entry)
  }

  /** Every part verified: rename them into place, the first last (it is what the model list looks for). */
  private async install(entry: Entry): Promise<void> {
    if (entry.state !== 'verifying') this.setState(entry, 'verifying', null)
    const paths = entry.parts.map((part) => join(entry.dir, part.file))
    for (const [index, part] of [...entry.parts.entries()].reverse()) await rename(partPath(entry.dir, part.file), paths[index] ?? '')
    await entry.journalChain
    await removeJournal(journalPath(entry.dir, entry.file))
    this.setState(entry, 'done', null)
    this.options.onInstalled?.({ modelId: entry.modelId, path: paths[0] ?? '', paths, download: this.snapshot(entry) })
  }

  /** Why the run ended, turned into the download's next state. */
  private async settle(entry: Entry, stop: StopReason | null, error: unknown): Promise<void> {
    if (stop === 'cancel') return this.discard(entry)
    if (stop === 'pause' || stop === 'dispose') {
      await entry.journalChain
      // Disposing is the app closing: nobody is listening any more.
      if (stop === 'dispose') entry.state = 'paused'
      else this.setState(entry, 'paused', null)
      return
    }
    if (error instanceof OfflineError || (error instanceof AuraError && error.code === 'hub_unreachable')) {
      this.setState(entry, 'paused', {
        code: 'hub_unreachable',
        message: say('downloads.offline'),
      })
      this.scheduleRetry(entry)
      return
    }
    if (error instanceof AuraError) {
      if (error.code === 'checksum_mismatch') await this.dropDamagedPart(entry, error)
      this.setState(entry, 'failed', shapeIn(error))
      return
    }
    this.logger.error('download failed', { file: entry.file, error: String(error) })
    this.setState(entry, 'failed', unexpectedFailure(entry, error))
  }

  /** A damaged part is deleted at once: nothing broken stays on disk. Verified parts of a split model stay. */
  private async dropDamagedPart(entry: Entry, error: AuraError): Promise<void> {
    const file = (error.data as { file?: string } | undefined)?.file
    for (const [index, part] of entry.parts.entries()) {
      if (part.file !== file) continue
      await rm(partPath(entry.dir, part.file), { force: true })
      part.confirmedBytes = 0
      part.verified = false
      const runtime = entry.runtimes[index]
      if (runtime) dropHash(runtime)
      entry.runtimes[index] = newRuntime(0)
    }
    if (entry.parts.some((part) => part.confirmedBytes > 0)) await this.saveJournal(entry)
    else {
      await entry.journalChain
      await removeJournal(journalPath(entry.dir, entry.file))
    }
  }

  /** Removes the download's `.part` files and journal; the download becomes canceled and leaves the list. */
  private async discard(entry: Entry): Promise<void> {
    for (const runtime of entry.runtimes) dropHash(runtime)
    await entry.journalChain
    await Promise.all(entry.parts.map((part) => rm(partPath(entry.dir, part.file), { force: true })))
    await removeJournal(journalPath(entry.dir, entry.file))
    this.setState(entry, 'canceled', null)
    this.entries.delete(entry.id)
  }

  private scheduleRetry(entry: Entry): void {
    this.clearRetry(entry)
    if (this.disposed) return
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = null
      if (entry.state === 'paused' && entry.error?.code === 'hub_unreachable') this.enqueue(entry)
    }, this.options.offlineRetryMs ?? 30_000)
  }

  private clearRetry(entry: Entry): void {
    if (entry.retryTimer) clearTimeout(entry.retryTimer)
    entry.retryTimer = null
  }

  // ------------------------------------------------------------------ the Hub

  /**
   * The Hub's answer for a new download, with the downloader's patience: a busy Hub (a burst of
   * 5xx, a 429) is waited out with the same backoff and budget as the file's own requests (a
   * transfer already re-resolves that way). A refusal (not found, a token needed) or no answer at
   * all is said at once.
   */
  private async resolvePatiently(repo: string, file: string): Promise<HubFileSource[]> {
    for (let failures = 0; ; ) {
      try {
        return await this.options.hub.resolveDownload(repo, file)
      } catch (error) {
        if (!isHubBusy(error) || ++failures > this.retry.attempts) throw error
        await sleep(backoffDelay(failures, this.retry), this.closing.signal)
      }
    }
  }

  private async resolvePart(entry: Entry, file: string): Promise<HubFileSource> {
    const sources = checkSources(entry.dir, entry, await this.options.hub.resolveDownload(entry.repo, entry.file))
    const source = sources.find((candidate) => candidate.file === file)
    if (!source) throw new AuraError('download_failed', words('downloads.partGone', { part: file, file: entry.file, repo: entry.repo }))
    return source
  }

  /** After a restart: the Hub's current figures; a part whose file changed there starts over. */
  private async reconcile(entry: Entry): Promise<void> {
    const sources = checkSources(entry.dir, entry, await this.options.hub.resolveDownload(entry.repo, entry.file))
    entry.parts = sources.map((source) => {
      const previous = entry.parts.find((part) => part.file === source.file)
      const same = previous && previous.sizeBytes === source.sizeBytes && previous.sha256 === source.sha256
      return same ? { ...previous, url: source.url } : partFrom(source)
    })
    for (const runtime of entry.runtimes) dropHash(runtime)
    entry.runtimes = entry.parts.map((part) => newRuntime(part.confirmedBytes))
  }

  // ------------------------------------------------------------------ bookkeeping

  private get statfs(): StatFs {
    return this.options.statfs ?? defaultStatfs
  }

  /** What the other unfinished downloads into `dir` still need. */
  private reserved(dir: string, except: Entry | null): number {
    let bytes = 0
    for (const entry of this.entries.values()) {
      if (entry !== except && entry.dir === dir && ACTIVE.has(entry.state)) bytes += remaining(entry.parts)
    }
    return bytes
  }

  private saveJournal(entry: Entry, synced?: { index: number; confirmedBytes: number }): Promise<void> {
    const journal: Journal = {
      version: 1,
      repo: entry.repo,
      file: entry.file,
      modelId: entry.modelId,
      startedAt: entry.startedAt,
      parts: entry.parts.map((part, index) => (synced?.index === index ? { ...part, confirmedBytes: synced.confirmedBytes } : { ...part })),
    }
    const path = journalPath(entry.dir, entry.file)
    const write = entry.journalChain.then(() => writeJournal(path, journal))
    entry.journalChain = write.catch((error: unknown) => this.logger.warn('could not save a download journal', { path, error: String(error) }))
    return write
  }

  private setState(entry: Entry, state: DownloadState, error: AuraErrorShape | null): void {
    entry.state = state
    entry.error = error
    if (state !== 'downloading') entry.speed.reset()
    this.options.emit(this.snapshot(entry))
  }

  private snapshot(entry: Entry): Download {
    const totalBytes = entry.parts.reduce((sum, part) => sum + part.sizeBytes, 0)
    const receivedBytes = entry.parts.reduce(
      (sum, part, index) => sum + (part.verified ? part.sizeBytes : (entry.runtimes[index]?.live.bytes ?? part.confirmedBytes)),
      0,
    )
    const now = this.clock.now()
    const stall = entry.state === 'downloading' ? stallOf(entry, now) : undefined
    // A speed or a time left would only mislead while nothing arrives.
    const moving = entry.state === 'downloading' && !stall
    const bytesPerSecond = moving ? Math.round(entry.speed.bytesPerSecond) : 0
    return {
      id: entry.id,
      repo: entry.repo,
      file: entry.file,
      modelId: entry.modelId,
      state: entry.state,
      receivedBytes: Math.min(receivedBytes, totalBytes),
      totalBytes,
      bytesPerSecond,
      etaSeconds: moving ? etaSeconds(totalBytes - receivedBytes, bytesPerSecond) : null,
      error: entry.error,
      startedAt: entry.startedAt,
      ...(stall ? { stall } : {}),
    }
  }

  /** One timer for all downloads: progress goes out a few times a second, not once per chunk. */
  private startTicker(): void {
    if (this.ticker) return
    this.ticker = setInterval(() => {
      const moving = [...this.entries.values()].filter((entry) => entry.state === 'downloading')
      if (moving.length === 0 && ![...this.entries.values()].some((entry) => entry.run)) return this.stopTicker()
      const now = this.clock.now()
      for (const entry of moving) {
        const download = this.snapshot(entry)
        if (download.receivedBytes !== entry.lastByte.bytes) {
          // The first tick of a run only takes note: the quiet is counted from the run's start.
          if (entry.lastByte.bytes !== -1) entry.lastByte.at = now
          entry.lastByte.bytes = download.receivedBytes
        }
        entry.speed.sample(download.receivedBytes, now)
        this.options.emit(this.snapshot(entry))
      }
    }, this.options.progressIntervalMs ?? 250)
    this.ticker.unref()
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
  }

  private get(id: string): Entry {
    const entry = this.entries.get(id)
    if (!entry) throw new AuraError('not_found', words('downloads.noSuch'))
    return entry
  }

  private assertOpen(): void {
    if (this.disposed) throw closed()
  }
}

/** After this long without a byte, a download says so instead of showing a speed falling to 0. */
export const QUIET_AFTER_MS = 3000

/** What a download waiting on its connection tells the user; undefined while bytes flow. */
function stallOf(entry: Entry, now: number): DownloadStall | undefined {
  const quietMs = now - entry.lastByte.at
  if (!entry.retry && quietMs < QUIET_AFTER_MS) return undefined
  return {
    quietSeconds: Math.floor(quietMs / 1000),
    retry: entry.retry ? { reason: entry.retry.reason, inSeconds: Math.max(0, Math.ceil((entry.retry.at - now) / 1000)) } : null,
  }
}

function closed(): AuraError {
  return new AuraError('internal', words('downloads.closed'))
}
