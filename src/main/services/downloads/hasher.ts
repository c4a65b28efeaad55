import { createHash, type Hash } from 'node:crypto'
import { Worker } from 'node:worker_threads'

/**
 * A SHA-256 fed in order, computed off the main thread: the bytes a download wrote go to one
 * shared worker (their ArrayBuffers transferred, not copied), so hashing runs in parallel with
 * reading the socket and writing the file instead of taking a share of the main thread.
 * Where no worker can be started it hashes in place, with the same interface.
 */
export interface StreamHash {
  /** Bytes given to {@link update} so far. */
  readonly bytes: number
  /**
   * Hashes these bytes after the ones given before. Takes them over: their memory may be moved to
   * the worker (the views are then empty), so the caller must be done with them.
   */
  update(chunks: readonly Uint8Array[]): void
  /** Resolves once at most `maxPendingBytes` of the bytes given are still waiting to be hashed. */
  drain(maxPendingBytes?: number): Promise<void>
  /** The hex digest of every byte given; ends the hash. */
  digest(): Promise<string>
  /** Ends the hash without a digest (it no longer matches the file). */
  dispose(): void
}

/** A hash in the shared worker, or in place when the worker cannot run here. */
export function createStreamHash(): StreamHash {
  const worker = HashWorker.shared()
  return worker ? worker.open() : new InlineHash()
}

/** The hex SHA-256 of `chunks` through {@link createStreamHash} (for tests and one-off checks). */
export async function hashChunks(chunks: readonly Uint8Array[]): Promise<string> {
  const hash = createStreamHash()
  hash.update(chunks)
  return hash.digest()
}

class InlineHash implements StreamHash {
  private hash: Hash | null = createHash('sha256')
  bytes = 0

  update(chunks: readonly Uint8Array[]): void {
    const hash = this.live()
    for (const chunk of chunks) {
      hash.update(chunk)
      this.bytes += chunk.byteLength
    }
  }

  drain(): Promise<void> {
    return Promise.resolve()
  }

  digest(): Promise<string> {
    try {
      const digest = this.live().digest('hex')
      this.hash = null
      return Promise.resolve(digest)
    } catch (error) {
      return Promise.reject(error as Error)
    }
  }

  dispose(): void {
    this.hash = null
  }

  private live(): Hash {
    if (!this.hash) throw new Error('This hash has ended')
    return this.hash
  }
}

/** The worker's side: one node:crypto Hash per id, updated in the order the messages come. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const hashes = new Map()
const hashFor = (id) => {
  let hash = hashes.get(id)
  if (!hash) hashes.set(id, (hash = createHash('sha256')))
  return hash
}
parentPort.on('message', (message) => {
  if (message.op === 'update') {
    const hash = hashFor(message.id)
    for (const chunk of message.chunks) hash.update(chunk)
    parentPort.postMessage({ op: 'ack', id: message.id, bytes: message.bytes })
  } else if (message.op === 'digest') {
    const digest = hashFor(message.id).digest('hex')
    hashes.delete(message.id)
    parentPort.postMessage({ op: 'digest', id: message.id, digest })
  } else if (message.op === 'drop') {
    hashes.delete(message.id)
  }
})
`

type FromWorker = { op: 'ack'; id: number; bytes: number } | { op: 'digest'; id: number; digest: string }

interface Waiter {
  resolve: () => void
  reject: (error: Error) => void
  maxPending: number
}

/** The main thread's side of one hash in the worker. */
class WorkerHash implements StreamHash {
  bytes = 0
  /** Bytes the worker has hashed. */
  hashed = 0
  ended = false
  failure: Error | null = null
  waiters: Waiter[] = []
  digestPromise: { resolve: (digest: string) => void; reject: (error: Error) => void } | null = null

  constructor(
    private readonly owner: HashWorker,
    readonly id: number,
  ) {}

  update(chunks: readonly Uint8Array[]): void {
    this.check()
    let size = 0
    for (const chunk of chunks) size += chunk.byteLength
    if (size === 0) return
    this.bytes += size
    this.owner.post({ op: 'update', id: this.id, bytes: size }, chunks)
  }

  drain(maxPendingBytes = 0): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.bytes - this.hashed <= maxPendingBytes) return Promise.resolve()
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject, maxPending: maxPendingBytes }))
  }

  digest(): Promise<string> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.ended) return Promise.reject(new Error('This hash has ended'))
    this.ended = true
    return new Promise((resolve, reject) => {
      this.digestPromise = { resolve, reject }
      this.owner.post({ op: 'digest', id: this.id })
    })
  }

  dispose(): void {
    if (this.ended) return
    this.ended = true
    this.owner.drop(this)
  }

  /** The worker hashed `bytes` more. */
  acked(bytes: number): void {
    this.hashed += bytes
    const pending = this.bytes - this.hashed
    this.waiters = this.waiters.filter((waiter) => {
      if (pending > waiter.maxPending) return true
      waiter.resolve()
      return false
    })
  }

  fail(error: Error): void {
    this.failure = error
    for (const waiter of this.waiters) waiter.reject(error)
    this.waiters = []
    this.digestPromise?.reject(error)
    this.digestPromise = null
  }

  private check(): void {
    if (this.failure) throw this.failure
    if (this.ended) throw new Error('This hash has ended')
  }
}

/**
 * One worker thread for every download's hash. It keeps the process alive only while it has work
 * (a download waiting for a digest), so an idle Aura, or a CLI that is done, exits as usual.
 */
class HashWorker {
  private static instance: HashWorker | null = null
  /** Set when a worker cannot be started here: hash in place from then on. */
  private static unavailable = false

  static shared(): HashWorker | null {
    if (HashWorker.unavailable) return null
    if (!HashWorker.instance) {
      try {
        HashWorker.instance = new HashWorker(new Worker(WORKER_SOURCE, { eval: true, name: 'aura-sha256' }))
      } catch {
        HashWorker.unavailable = true
        return null
      }
    }
    return HashWorker.instance
  }

  private readonly hashes = new Map<number, WorkerHash>()
  private nextId = 1
  /** Messages the worker will answer (updates, digests); the worker is ref'd while any is out. */
  private outstanding = 0
  /** The worker has answered once: it can run here (if it dies before that, hash in place from then on). */
  private answered = false

  private constructor(private readonly worker: Worker) {
    worker.unref()
    worker.on('message', (message: FromWorker) => this.receive(message))
    worker.on('error', (error) => this.lost(error))
    worker.on('exit', (code) => this.lost(new Error(`The hashing worker stopped (exit code ${code})`)))
  }

  open(): WorkerHash {
    const hash = new WorkerHash(this, this.nextId++)
    this.hashes.set(hash.id, hash)
    return hash
  }

  post(message: Record<string, unknown>, chunks: readonly Uint8Array[] = []): void {
    const { transfer, sendable } = transferable(chunks)
    if (chunks.length > 0) message.chunks = sendable
    if (this.outstanding++ === 0) this.worker.ref()
    try {
      this.worker.postMessage(message, transfer)
    } catch (error) {
      // Memory that cannot be moved (it never should happen): send copies instead.
      if (chunks.length === 0) throw error
      message.chunks = sendable.map((chunk) => new Uint8Array(chunk))
      this.worker.postMessage(message)
    }
  }

  drop(hash: WorkerHash): void {
    this.hashes.delete(hash.id)
    this.worker.postMessage({ op: 'drop', id: hash.id })
  }

  private receive(message: FromWorker): void {
    this.answered = true
    if (--this.outstanding === 0) this.worker.unref()
    const hash = this.hashes.get(message.id)
    if (!hash) return
    if (message.op === 'ack') hash.acked(message.bytes)
    else {
      this.hashes.delete(message.id)
      hash.digestPromise?.resolve(message.digest)
      hash.digestPromise = null
    }
  }

  /** The worker died: every hash in it is lost (their downloads fail and rehash from disk on resume). */
  private lost(error: Error): void {
    if (HashWorker.instance === this) HashWorker.instance = null
    if (!this.answered) HashWorker.unavailable = true
    for (const hash of this.hashes.values()) hash.fail(error)
    this.hashes.clear()
    void this.worker.terminate().catch(() => {})
  }
}

/**
 * The ArrayBuffers to move to the worker. A chunk that is a whole ArrayBuffer of its own (what
 * fetch gives) moves as it is; a view into a bigger or shared buffer is copied first, so nothing
 * else ever loses memory it still uses.
 */
function transferable(chunks: readonly Uint8Array[]): { transfer: ArrayBuffer[]; sendable: Uint8Array[] } {
  const transfer: ArrayBuffer[] = []
  const seen = new Set<ArrayBufferLike>()
  const sendable = chunks.map((chunk) => {
    const whole = chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
    const own = whole && !seen.has(chunk.buffer) ? chunk : new Uint8Array(chunk)
    seen.add(own.buffer)
    transfer.push(own.buffer as ArrayBuffer)
    return own
  })
  return { transfer, sendable }
}
