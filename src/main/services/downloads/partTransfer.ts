import { constants, createReadStream } from 'node:fs'
import { open, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { formatBytes } from '../../../shared/units'
import type { HubFileSource } from '../hub/types'
import { backoffDelay, sleep, type RetryOptions } from './backoff'
import { PartWriteError, streamToPart } from './bodyWriter'
import { createStreamHash, type StreamHash } from './hasher'
import { errorCode, isRetryableStatus, parseContentRange, parseRetryAfter } from './http'
import type { JournalPart } from './journal'

/** What the downloader keeps in memory about a part between attempts (and across pause/resume). */
export interface PartRuntime {
  /** SHA-256 of the first `hashedBytes` bytes of the `.part`; null when it must be computed again. */
  hash: StreamHash | null
  hashedBytes: number
  /** The signed CDN URL the Hub redirected to last: reused for retries until it expires (403/410). */
  cdnUrl: string | null
  /** Bytes received so far, including a batch not yet written: what the progress bar shows. */
  live: { bytes: number }
}

export function newRuntime(confirmedBytes: number): PartRuntime {
  return { hash: null, hashedBytes: 0, cdnUrl: null, live: { bytes: confirmedBytes } }
}

/** Forgets the runtime's hash (it no longer matches the file, or the download is gone). */
export function dropHash(runtime: PartRuntime): void {
  runtime.hash?.dispose()
  runtime.hash = null
}

export interface PartContext {
  repo: string
  part: JournalPart
  runtime: PartRuntime
  /** The `.part` file. */
  path: string
  signal: AbortSignal
  fetch: typeof fetch
  /** Sent to the Hub only; a signed CDN URL carries its own permission, and the token stays home. */
  hubHeaders: () => Record<string, string>
  /** Asks the Hub again for this part (its signed URL expired, or the file looks different). */
  resolve: () => Promise<HubFileSource>
  retry: RetryOptions
  stallTimeoutMs: number
  /** Sync the file and save the journal about this often while streaming. */
  checkpoint: { bytes: number; ms: number }
  batchBytes: number
  now: () => number
  /** Saves the journal with this part's bytes known to be on disk. */
  saveJournal: (confirmedBytes: number) => Promise<void>
  /** The last byte is in: the final check begins. */
  onVerifying: () => void
  /** Waiting to try again (why, and until when, ms); null once the wait is over. */
  onRetry?: (retry: { reason: RetryReason; at: number } | null) => void
}

export type RetryReason = 'connection_lost' | 'server_error' | 'no_data'

/** Every retry failed on the network: the caller pauses and tries again later. */
export class OfflineError extends Error {
  constructor(override readonly cause: unknown) {
    super('offline')
    this.name = 'OfflineError'
  }
}

type Problem = { kind: 'network'; error: unknown } | { kind: 'status'; status: number } | { kind: 'protocol'; reason: string }

type AttemptResult =
  | { kind: 'complete' }
  /** Try again from where the file ends, after a wait (the server's Retry-After, or backoff). */
  | { kind: 'retry'; problem: Problem; delayMs?: number }
  /** Ask the Hub again: the signed URL expired, or the file's size looks different. */
  | { kind: 'reresolve'; reason: string }
  /** The server answered a Range request with other bytes: start this part over. */
  | { kind: 'restart'; reason: string }

const STALLED = 'stalled'

/** Re-resolving without a byte received in between this many times means the link will not work. */
const MAX_RERESOLVES = 3

/**
 * Downloads one part into its `.part` file until every byte is in and its SHA-256 matches.
 * Resolves when verified; throws AuraError (checksum_mismatch, disk_full, hub_auth_required,
 * download_failed), OfflineError when the network stays away, or the signal's reason when stopped.
 */
export async function downloadPart(ctx: PartContext): Promise<void> {
  const { part } = ctx
  if (part.verified) return
  let failures = 0
  let reresolves = 0
  for (;;) {
    ctx.signal.throwIfAborted()
    await alignHash(ctx)
    if (part.confirmedBytes >= part.sizeBytes) return verify(ctx)
    const before = part.confirmedBytes
    const result = await attempt(ctx)
    if (part.confirmedBytes > before) {
      // Bytes arrived: the budget is for failures in a row, so a long download survives many drops.
      failures = 0
      reresolves = 0
    }
    switch (result.kind) {
      case 'complete':
        break
      case 'reresolve':
        if (++reresolves > MAX_RERESOLVES) {
          throw new AuraError('download_failed', words('downloads.serverRefusing', { file: part.file, reason: result.reason }))
        }
        try {
          await refresh(ctx)
        } catch (error) {
          if (!(error instanceof AuraError) || error.code !== 'hub_unreachable') throw error
          failures = await backOff(ctx, failures, { kind: 'network', error })
        }
        break
      case 'restart':
        await restartPart(ctx)
        failures = await backOff(ctx, failures, { kind: 'protocol', reason: result.reason })
        break
      case 'retry':
        failures = await backOff(ctx, failures, result.problem, result.delayMs)
        break
    }
  }
}

/** Counts a failure and waits before the next attempt; throws when the budget is spent. */
async function backOff(ctx: PartContext, failures: number, problem: Problem, delayMs?: number): Promise<number> {
  const count = failures + 1
  if (count > ctx.retry.attempts) {
    if (problem.kind === 'network') throw new OfflineError(problem.error)
    if (problem.kind === 'protocol') {
      throw new AuraError('download_failed', words('downloads.wrongPart', { file: ctx.part.file, reason: problem.reason }), { reason: problem.reason })
    }
    throw new AuraError(
      'download_failed',
      words('downloads.hubErrors', { status: problem.status, file: ctx.part.file }),
      { status: problem.status },
    )
  }
  const wait = delayMs === undefined ? backoffDelay(count, ctx.retry) : Math.min(delayMs, ctx.retry.maxRetryAfterMs)
  ctx.onRetry?.({ reason: reasonOf(problem), at: ctx.now() + wait })
  try {
    await sleep(wait, ctx.signal)
  } finally {
    ctx.onRetry?.(null)
  }
  return count
}

/** What the user is told while waiting: the connection dropped, the server erred, or nothing came. */
function reasonOf(problem: Problem): RetryReason {
  if (problem.kind !== 'network') return 'server_error'
  return problem.error instanceof Error && problem.error.message === STALLED ? 'no_data' : 'connection_lost'
}

async function attempt(ctx: PartContext): Promise<AttemptResult> {
  const { part, runtime } = ctx
  const offset = part.confirmedBytes
  const fromCdn = runtime.cdnUrl !== null
  const headers: Record<string, string> = { ...(fromCdn ? {} : ctx.hubHeaders()), 'accept-encoding': 'identity' }
  if (offset > 0) headers.range = `bytes=${offset}-`

  // A stalled connection (no byte for stallTimeoutMs) counts as dropped.
  const stall = new AbortController()
  const signal = AbortSignal.any([ctx.signal, stall.signal])
  let seen = runtime.live.bytes
  const watchdog = setInterval(() => {
    if (runtime.live.bytes === seen) stall.abort(Object.assign(new Error(STALLED), { code: 'ETIMEDOUT' }))
    seen = runtime.live.bytes
  }, ctx.stallTimeoutMs)
  watchdog.unref()
  try {
    let response: Response
    try {
      response = await ctx.fetch(runtime.cdnUrl ?? part.url, { headers, signal, redirect: 'follow' })
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason
      return { kind: 'retry', problem: { kind: 'network', error: stall.signal.aborted ? stall.signal.reason : error } }
    }
    const viaCdn = fromCdn || response.redirected
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel().catch(() => {})
      return answerFor(ctx, response, viaCdn)
    }
    if (response.redirected) runtime.cdnUrl = response.url

    const range = rangeOf(response, offset, part.sizeBytes)
    if ('kind' in range) {
      await response.body?.cancel().catch(() => {})
      return range
    }
    if (!response.body) return { kind: 'retry', problem: { kind: 'network', error: new Error('empty body') } }
    if (range.start === 0 && offset > 0) await restartPart(ctx) // the server ignored Range: start over cleanly
    const result = await stream(ctx, response.body, range.start, range.end, signal)
    // Told apart from a dropped connection: nothing came at all for stallTimeoutMs.
    return result.kind === 'retry' && stall.signal.aborted ? { kind: 'retry', problem: { kind: 'network', error: stall.signal.reason } } : result
  } finally {
    clearInterval(watchdog)
  }
}

/** What a non-2xx answer means for the download. */
function answerFor(ctx: PartContext, response: Response, viaCdn: boolean): AttemptResult {
  const { status } = response
  if (viaCdn && [401, 403, 404, 410].includes(status)) {
    // A signed CDN URL lives for a limited time: ask the Hub for a fresh one.
    ctx.runtime.cdnUrl = null
    return { kind: 'reresolve', reason: `HTTP ${status}` }
  }
  if (status === 401 || status === 403) {
    throw new AuraError(
      'hub_auth_required',
      words('downloads.needsToken', { file: ctx.part.file, repo: ctx.repo }),
      { status, repo: ctx.repo },
    )
  }
  if (status === 404 || status === 410) {
    throw new AuraError('download_failed', words('downloads.fileGone', { file: ctx.part.file, repo: ctx.repo }), { status })
  }
  if (status === 416) return { kind: 'restart', reason: 'range not satisfiable' }
  if (isRetryableStatus(status)) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), ctx.now())
    return { kind: 'retry', problem: { kind: 'status', status }, delayMs: retryAfter ?? undefined }
  }
  throw new AuraError('download_failed', words('downloads.hubRefused', { file: ctx.part.file, status }), { status })
}

/** Which bytes this 200/206 answer carries, or what to do when they are not the ones asked for. */
function rangeOf(response: Response, offset: number, size: number): { start: number; end: number } | AttemptResult {
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'))
    if (!range || range.start !== offset) return { kind: 'restart', reason: 'unexpected Content-Range' }
    if (range.total !== null && range.total !== size) return { kind: 'reresolve', reason: 'the file size changed' }
    return { start: offset, end: Math.min(size, range.end + 1) }
  }
  const length = response.headers.get('content-length')
  if (length !== null && Number(length) !== size) return { kind: 'reresolve', reason: 'the file size changed' }
  return { start: 0, end: size }
}

async function stream(ctx: PartContext, body: ReadableStream<Uint8Array>, start: number, end: number, signal: AbortSignal): Promise<AttemptResult> {
  const { part, runtime } = ctx
  const hash = runtime.hash
  if (!hash) throw new Error('stream() needs the hash aligned with the file')
  let fh: FileHandle | undefined
  let checkpointing: Promise<void> | null = null
  let lastCheckpoint = { bytes: start, at: ctx.now() }
  try {
    fh = await diskOp(ctx, () => open(ctx.path, constants.O_WRONLY | constants.O_CREAT))
    const handle = fh
    const onWritten = (written: number) => {
      part.confirmedBytes = written
      runtime.hashedBytes = written
      if (checkpointing) return
      const now = ctx.now()
      if (written - lastCheckpoint.bytes < ctx.checkpoint.bytes && now - lastCheckpoint.at < ctx.checkpoint.ms) return
      lastCheckpoint = { bytes: written, at: now }
      // Sync first, so the journal never claims bytes a power cut could lose. Off the hot path.
      checkpointing = handle
        .datasync()
        .then(() => ctx.saveJournal(written))
        .catch(() => {})
        .finally(() => (checkpointing = null))
    }
    let result
    try {
      result = await streamToPart({ body, fh, hash, start, end, batchBytes: ctx.batchBytes, onWritten, live: runtime.live })
    } catch (error) {
      dropHash(runtime) // the hash may now cover bytes the file does not have
      throw error
    }
    runtime.hashedBytes = result.written
    part.confirmedBytes = result.written
    if (checkpointing) await checkpointing
    await diskOp(ctx, () => handle.datasync())
    await ctx.saveJournal(result.written).catch(() => {})
    if (ctx.signal.aborted) throw ctx.signal.reason
    if (result.outcome === 'dropped') return { kind: 'retry', problem: { kind: 'network', error: result.error ?? signal.reason } }
    // A body shorter than it said is a drop; a range that ended early is simply continued.
    if (result.written < part.sizeBytes) return result.written < end ? { kind: 'retry', problem: { kind: 'network', error: new Error('short body') } } : { kind: 'complete' }
    return { kind: 'complete' }
  } catch (error) {
    if (error instanceof PartWriteError) throw diskError(ctx, error.cause)
    throw error
  } finally {
    await fh?.close().catch(() => {})
  }
}

/** Runs a file operation, turning a full disk into the user's words. */
async function diskOp<T>(ctx: PartContext, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    throw diskError(ctx, error)
  }
}

function diskError(ctx: PartContext, error: unknown): unknown {
  const code = errorCode(error)
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    dropHash(ctx.runtime)
    const left = ctx.part.sizeBytes - ctx.part.confirmedBytes
    return new AuraError(
      'disk_full',
      words('downloads.diskFilled', { file: ctx.part.file, size: formatBytes(left) }),
      { neededBytes: left },
    )
  }
  return error
}

/**
 * Makes the in-memory hash cover exactly the bytes at the start of the `.part` (after a restart,
 * or a failed write): the bytes already on disk are hashed again, so the final check is complete.
 */
async function alignHash(ctx: PartContext): Promise<void> {
  const { part, runtime } = ctx
  if (runtime.hash && runtime.hashedBytes === part.confirmedBytes) return
  let size = 0
  try {
    size = (await stat(ctx.path)).size
  } catch {
    // no file yet
  }
  const keep = Math.min(part.confirmedBytes, size, part.sizeBytes)
  if (size > keep) await diskOp(ctx, () => truncate(ctx.path, keep))
  dropHash(runtime)
  const hash = createStreamHash()
  try {
    if (keep > 0) {
      const input = createReadStream(ctx.path, { start: 0, end: keep - 1, highWaterMark: 1 << 20, signal: ctx.signal })
      for await (const chunk of input) {
        hash.update([chunk as Buffer])
        await hash.drain(8 << 20)
      }
    }
  } catch (error) {
    hash.dispose()
    throw error
  }
  part.confirmedBytes = keep
  runtime.hash = hash
  runtime.hashedBytes = keep
  runtime.live.bytes = keep
}

async function restartPart(ctx: PartContext): Promise<void> {
  const { part, runtime } = ctx
  await truncate(ctx.path, 0).catch(() => {})
  part.confirmedBytes = 0
  dropHash(runtime)
  runtime.hash = createStreamHash()
  runtime.hashedBytes = 0
  runtime.live.bytes = 0
}

/** Asks the Hub again; when the file changed there since, this part starts over with the new figures. */
async function refresh(ctx: PartContext): Promise<void> {
  const { part, runtime } = ctx
  runtime.cdnUrl = null
  const source = await ctx.resolve()
  const changed = source.sizeBytes !== part.sizeBytes || (source.sha256 !== null && part.sha256 !== null && source.sha256 !== part.sha256)
  part.url = source.url
  part.sizeBytes = source.sizeBytes
  part.sha256 = source.sha256
  if (changed) await restartPart(ctx)
}

async function verify(ctx: PartContext): Promise<void> {
  const { part, runtime } = ctx
  ctx.onVerifying()
  const hash = runtime.hash
  runtime.hash = null // a digest ends a hash: it cannot be used again
  const digest = await hash?.digest()
  if (part.sha256 !== null && digest !== part.sha256.toLowerCase()) {
    throw new AuraError(
      'checksum_mismatch',
      words('downloads.damaged', { file: part.file }),
      { file: part.file, expected: part.sha256, actual: digest },
    )
  }
  // An empty file never got a first write: make it exist, so it can be renamed into place.
  if (part.sizeBytes === 0) await diskOp(ctx, () => writeFile(ctx.path, ''))
  part.verified = true
  await ctx.saveJournal(part.confirmedBytes).catch(() => {})
}
