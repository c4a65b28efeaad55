import type { FileHandle } from 'node:fs/promises'
import type { StreamHash } from './hasher'

/** A write to the `.part` file failed (disk full, permissions); the hash may now be ahead of the file. */
export class PartWriteError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause))
    this.name = 'PartWriteError'
  }
}

export interface StreamResult {
  /** Bytes of the part now written (from the file's start). */
  written: number
  /** complete: every wanted byte arrived; short: the body ended early; dropped: reading failed. */
  outcome: 'complete' | 'short' | 'dropped'
  error?: unknown
}

export interface StreamInput {
  body: ReadableStream<Uint8Array>
  fh: FileHandle
  /** Fed each batch once it is written, so it always covers exactly the bytes in the file. */
  hash: StreamHash
  /** Offset in the part where this body's first byte goes. */
  start: number
  /** Offset just past the last byte wanted from this body. */
  end: number
  /** Bytes gathered before one write: few system calls, little memory. */
  batchBytes: number
  /** After each batch is written (the journal decides whether to save). */
  onWritten: (written: number) => void
  /** Bytes received so far; bumped per chunk for the progress ticker and the stall watchdog. */
  live: { bytes: number }
}

/**
 * The hot loop: chunks are gathered into batches and written with `writev` while the next batches
 * fill; a written batch goes on to the hash (in a worker: its memory is moved there, not copied), so
 * reading, writing and hashing run side by side. Per chunk the loop only counts. A read error
 * (a dropped connection, or our own abort) still writes what arrived before it, so the hash always
 * covers exactly the bytes written and a retry can continue from there.
 */
export async function streamToPart(input: StreamInput): Promise<StreamResult> {
  const { fh, hash, end, batchBytes, onWritten, live } = input
  const reader = input.body.getReader()
  let position = input.start
  let written = input.start
  let batch: Uint8Array[] = []
  let batchSize = 0
  let writeError: unknown = null
  // Batches are written one after another (in order, so `written` only grows), but reading goes on
  // while up to `maxQueued` bytes wait for the disk, and as much again for the hash: a slow write
  // or a busy hashing thread does not hold up the network (nor lets memory grow without bound).
  const maxQueued = 4 * batchBytes
  const queue: { done: Promise<void>; size: number }[] = []
  let queued = 0
  let tail: Promise<void> = Promise.resolve()
  /** Where the next batch goes. */
  let dispatched = input.start

  const dispatch = async (): Promise<void> => {
    if (writeError) throw new PartWriteError(writeError)
    if (batchSize === 0) return
    const buffers = batch
    const size = batchSize
    const at = dispatched
    dispatched += size
    batch = []
    batchSize = 0
    // Never rejects: an unawaited rejected promise would be reported as unhandled.
    tail = tail.then(() =>
      writeError
        ? undefined
        : writeFully(fh, buffers, size, at).then(
            () => {
              // Written: the bytes go on to the hash (after this, `buffers` may be empty views).
              try {
                hash.update(buffers)
              } catch (error) {
                writeError = error // the hashing thread is gone: this download stops (a resume rehashes from disk)
                return
              }
              written = at + size
              onWritten(written)
            },
            (error: unknown) => {
              writeError = error
            },
          ),
    )
    queue.push({ done: tail, size })
    queued += size
    while (queued > maxQueued) await settleOldest()
    await hash.drain(maxQueued)
  }
  const settleOldest = async () => {
    const oldest = queue.shift()
    if (!oldest) return
    await oldest.done
    queued -= oldest.size
  }

  let outcome: StreamResult['outcome'] = 'short'
  let error: unknown
  try {
    while (position < end) {
      const { done, value } = await reader.read()
      if (done) break
      const chunk = position + value.byteLength > end ? value.subarray(0, end - position) : value
      batch.push(chunk)
      batchSize += chunk.byteLength
      position += chunk.byteLength
      live.bytes = position
      if (batchSize >= batchBytes) await dispatch()
    }
    if (position >= end) {
      outcome = 'complete'
      // Anything past `end` is not ours to read; closing lets the socket go.
      reader.cancel().catch(() => {})
    }
  } catch (readError) {
    // A PartWriteError lands here too: the queue is drained below before it is thrown again.
    outcome = 'dropped'
    error = readError
  }
  if (!writeError) await dispatch()
  while (queue.length > 0) await settleOldest()
  if (writeError) throw new PartWriteError(writeError)
  return { written, outcome, error }
}

async function writeFully(fh: FileHandle, buffers: Uint8Array[], size: number, at: number): Promise<void> {
  const { bytesWritten } = await fh.writev(buffers, at)
  if (bytesWritten >= size) return
  // A short write is rare (nearly full disk, signals); finish it the slow way, or surface the error.
  const rest = Buffer.concat(buffers, size).subarray(bytesWritten)
  let offset = 0
  while (offset < rest.byteLength) {
    const { bytesWritten: n } = await fh.write(rest, offset, rest.byteLength - offset, at + bytesWritten + offset)
    if (n === 0) throw Object.assign(new Error('The disk accepted no more bytes'), { code: 'ENOSPC' })
    offset += n
  }
}
