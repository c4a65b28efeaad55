/**
 * Indexing in the background: one file at a time, in the order asked, each in its own transaction
 * (so an interrupted run resumes where it stopped: a file's size and time, then its SHA-256, decide
 * whether it is read again). Chunks are embedded in batches, checking between batches whether the
 * work was cancelled. A file that cannot be read is kept with its reason; the others go on.
 */
import { stat } from 'node:fs/promises'
import type { DocumentsProgress } from '../../../shared/api'
import { silentLogger, type Logger } from '../ports'
import type { Embedder } from './embedder'
import { hashFile } from './files'
import { keptProblem } from './problems'
import type { Reader } from './read'
import type { DocumentRow, DocumentStore } from './store'

/** Chunks per call to the engine: small enough to stop soon when cancelled, large enough to cost nothing. */
const EMBED_BATCH = 16
/** Progress events at most this often per collection (and always at the end of a run). */
const PROGRESS_EVERY_MS = 250

interface Job {
  collectionId: number
  collection: string
  path: string
}

/** A collection's run: what was asked since its queue was last empty. */
interface Run {
  done: number
  total: number
  failed: number
  startedAt: number
  file: string | null
  lastEmit: number
}

export interface IndexerOptions {
  store: DocumentStore
  read: Reader
  /** The embedder to use now; null: keyword only. */
  embedder: () => Promise<Embedder | null>
  onProgress: (progress: DocumentsProgress) => void
  /** The vectors' width changed (another model for documents): every document needs embedding again. */
  onVectorsDropped: () => void
  /** A run ended (its collection's counts changed). */
  onRunEnd: (collection: string) => void
  logger?: Logger
  now?: () => number
}

export class Indexer {
  private readonly queue: Job[] = []
  private readonly runs = new Map<number, Run>()
  private current: { job: Job; controller: AbortController } | null = null
  private pumping: Promise<void> | null = null
  private disposed = false
  private readonly logger: Logger
  private readonly now: () => number

  constructor(private readonly options: IndexerOptions) {
    this.logger = options.logger ?? silentLogger
    this.now = options.now ?? Date.now
  }

  /** Queues files of a collection (each at most once). */
  enqueue(collectionId: number, collection: string, paths: readonly string[]): void {
    if (this.disposed) return
    const run = this.runs.get(collectionId) ?? { done: 0, total: 0, failed: 0, startedAt: this.now(), file: null, lastEmit: 0 }
    this.runs.set(collectionId, run)
    const waiting = new Set(this.queue.filter((job) => job.collectionId === collectionId).map((job) => job.path))
    for (const path of paths) {
      if (waiting.has(path)) continue
      waiting.add(path)
      this.queue.push({ collectionId, collection, path })
      run.total++
    }
    this.emit(collectionId, collection, true)
    this.pumping ??= this.pump().finally(() => (this.pumping = null))
  }

  /** Stops a collection's work (it was removed): its queued files are dropped, the file being read is abandoned. */
  cancel(collectionId: number, path?: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i]!
      if (job.collectionId === collectionId && (path === undefined || job.path === path)) this.queue.splice(i, 1)
    }
    const current = this.current
    if (current && current.job.collectionId === collectionId && (path === undefined || current.job.path === path)) current.controller.abort()
    if (path === undefined) this.runs.delete(collectionId)
  }

  progress(collectionId: number, collection: string): DocumentsProgress | null {
    const run = this.runs.get(collectionId)
    return run ? this.progressOf(collection, run) : null
  }

  /** Resolves when every queued file is done (the CLI waits for it; tests too). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.queue.length = 0
    this.current?.controller.abort()
    await this.pumping?.catch(() => {})
  }

  private async pump(): Promise<void> {
    let job: Job | undefined
    while (!this.disposed && (job = this.queue.shift())) {
      const controller = new AbortController()
      this.current = { job, controller }
      const run = this.runs.get(job.collectionId)
      if (run) run.file = job.path
      this.emit(job.collectionId, job.collection, false)
      let failed = false
      try {
        failed = await this.index(job, controller.signal)
      } catch (error) {
        if (!controller.signal.aborted) this.logger.error('documents: indexing a file failed', { error: String(error) })
      } finally {
        this.current = null
      }
      if (!run || this.runs.get(job.collectionId) !== run) continue // cancelled meanwhile
      run.done++
      if (failed) run.failed++
      if (!this.queue.some((next) => next.collectionId === job!.collectionId)) {
        run.file = null
        this.emit(job.collectionId, job.collection, true)
        this.runs.delete(job.collectionId)
        this.options.onRunEnd(job.collection)
      } else this.emit(job.collectionId, job.collection, false)
    }
  }

  /** Reads one file into the index when it changed; true when it could not be read. */
  private async index(job: Job, signal: AbortSignal): Promise<boolean> {
    const { store } = this.options
    const doc = store.document(job.collectionId, job.path)
    if (!doc) return false // removed while it waited
    const stats = await stat(job.path).catch(() => null)
    if (!stats?.isFile()) {
      store.removeDocument(doc.id)
      return false
    }
    const stamp = { size: stats.size, mtimeMs: stats.mtimeMs }
    const embedder = await this.options.embedder().catch(() => null)
    signal.throwIfAborted()
    const sameStamp = doc.status !== 'queued' && doc.size === stamp.size && doc.mtimeMs === stamp.mtimeMs
    if (sameStamp && doc.status === 'failed') return true // the same file, the same reason
    if (doc.status === 'indexed') {
      const same = sameStamp || (await hashFile(job.path, signal)) === doc.hash
      if (same) {
        if (!sameStamp) store.touch(doc.id, stamp.size, stamp.mtimeMs)
        if (embedder && doc.embedder !== embedder.id) await this.embedKept(doc, embedder, signal)
        return false
      }
    }
    try {
      const read = await this.options.read(job.path, signal)
      const hash = await hashFile(job.path, signal)
      const vectors = embedder ? await this.embedAll(read.chunks.map((chunk) => chunk.text), embedder, signal) : null
      signal.throwIfAborted()
      store.saveDocument(doc.id, { title: read.title, hash, ...stamp }, read.chunks, vectors && { embedder: embedder!.id, vectors })
      return false
    } catch (error) {
      if (signal.aborted) throw error
      store.fail(doc.id, keptProblem(error), stamp)
      this.logger.info('documents: a file could not be read', { error: String(error) })
      return true
    }
  }

  /** Vectors for a document's kept chunks, from `embedder` (it came, or changed, after the file was read). */
  private async embedKept(doc: DocumentRow, embedder: Embedder, signal: AbortSignal): Promise<void> {
    const chunks = this.options.store.chunksOf(doc.id)
    const vectors = await this.embedAll(
      chunks.map((chunk) => chunk.text),
      embedder,
      signal,
    )
    signal.throwIfAborted()
    if (vectors) this.options.store.saveVectors(doc.id, embedder.id, chunks.map((chunk) => chunk.id), vectors)
  }

  /** Vectors in batches; null when the model failed (the document is then found by keyword only, and logged). */
  private async embedAll(texts: string[], embedder: Embedder, signal: AbortSignal): Promise<number[][] | null> {
    const vectors: number[][] = []
    try {
      for (let i = 0; i < texts.length; i += EMBED_BATCH) {
        signal.throwIfAborted()
        vectors.push(...(await embedder.embed(texts.slice(i, i + EMBED_BATCH), 'document', signal)))
      }
    } catch (error) {
      if (signal.aborted) throw error
      this.logger.warn('documents: embedding failed; the file is found by keyword only', { error: String(error) })
      return null
    }
    if (vectors.length > 0 && this.options.store.useDimensions(vectors[0]!.length)) this.options.onVectorsDropped()
    return vectors
  }

  private progressOf(collection: string, run: Run): DocumentsProgress {
    const elapsed = this.now() - run.startedAt
    const left = run.total - run.done
    // Time left from the pace so far: per file until a few are done.
    const etaMs = run.done === 0 || left === 0 ? (left === 0 ? 0 : null) : Math.round((elapsed / run.done) * left)
    return { collection, done: run.done, total: run.total, failed: run.failed, etaMs, file: run.file }
  }

  private emit(collectionId: number, collection: string, always: boolean): void {
    const run = this.runs.get(collectionId)
    if (!run) return
    const now = this.now()
    if (!always && now - run.lastEmit < PROGRESS_EVERY_MS) return
    run.lastEmit = now
    this.options.onProgress(this.progressOf(collection, run))
  }
}
