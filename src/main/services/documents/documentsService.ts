/**
 * The documents index as the app sees it (docs/documents.md): collections that follow folders, files
 * added one by one (to a collection or to a chat's own documents), indexing in the background, and
 * the search a chat asks (the Library contract): BM25 and vectors fused by reciprocal rank.
 */
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import {
  AuraError,
  type CollectionInfo,
  type DocumentInfo,
  type DocumentsProgress,
  type DocumentsStatus,
  type InstalledModel,
  type SearchResult,
  type Threads,
} from '../../../shared/api'
import { say, spoken, words, type Words } from '../../../shared/i18n'
import type { InferenceEngine } from '../engine/inferenceEngine'
import { silentLogger, type Logger } from '../ports'
import type { Library, Passage, SearchScope } from './contract'
import { chooseModel, engineEmbedder, type Embedder } from './embedder'
import { readableFiles } from './files'
import { Indexer } from './indexer'
import { problemOf, spokenProblem } from './problems'
import { readDocument, type Reader } from './read'
import { hybridSearch } from './search'
import { DocumentStore, type CollectionRow, type DocumentRow, type ScopeFilter } from './store'
import { watchFolder } from './watch'

/** Where files added without a collection go. */
export const DEFAULT_COLLECTION = 'Documents'
/** A chat's own documents are a collection of this name, not listed among the user's collections. */
export const chatCollection = (conversationId: string): string => `chat:${conversationId}`
const isChatCollection = (name: string): boolean => name.startsWith('chat:')

export interface DocumentsServiceOptions {
  /** The database file (documents.db in the data folder). */
  file: string
  engine: Pick<InferenceEngine, 'embed'>
  models: { list(): Promise<InstalledModel[]> }
  threads: () => Threads
  onProgress?: (progress: DocumentsProgress) => void
  onChange?: (collections: CollectionInfo[]) => void
  /** A file into chunks; the parsers by default. */
  read?: Reader
  logger?: Logger
}

export class DocumentsService implements Library {
  private opened: { store: DocumentStore; indexer: Indexer } | null = null
  private readonly watchers = new Map<number, () => void>()
  private readonly problems = new Map<number, Words>()
  private embedder: Promise<Embedder | null> | null = null
  /** Collections' folders are followed (after `start`). */
  private following = false
  private readonly logger: Logger

  constructor(private readonly options: DocumentsServiceOptions) {
    this.logger = options.logger ?? silentLogger
  }

  /** The database opens on first use: a command that never touches documents never opens it. */
  private open(): { store: DocumentStore; indexer: Indexer } {
    if (this.opened) return this.opened
    const store = new DocumentStore(this.options.file)
    const indexer = new Indexer({
      store,
      read: this.options.read ?? readDocument,
      embedder: () => this.currentEmbedder(),
      onProgress: (progress) => this.options.onProgress?.(progress),
      onRunEnd: () => this.changed(),
      onVectorsDropped: () => this.reindexAll(),
      logger: this.logger,
    })
    this.opened = { store, indexer }
    return this.opened
  }

  private get store(): DocumentStore {
    return this.open().store
  }

  private get indexer(): Indexer {
    return this.open().indexer
  }

  /**
   * Picks up where the last run stopped (folders rescanned and followed, files still queued read). The
   * shells that stay up call it (the desktop app, `aura serve`); one-off commands do not.
   */
  start(): void {
    this.following = true
    for (const collection of this.store.collections()) {
      if (collection.folder) {
        void this.scan(collection)
        this.follow(collection)
      }
    }
    const queued = this.store.documents().filter((doc) => doc.status === 'queued')
    this.enqueueAll(queued)
  }

  /** Installed models changed: another model for documents means every document is embedded again. */
  async modelsChanged(): Promise<void> {
    const before = (await this.embedder?.catch(() => null))?.id ?? null
    this.embedder = null
    const after = (await this.currentEmbedder())?.id ?? null
    if (after !== null && after !== before) this.reindexAll()
  }

  /** The model for documents; none (keyword only) while the installed models cannot be listed — the next change asks again. */
  private currentEmbedder(): Promise<Embedder | null> {
    this.embedder ??= this.options.models.list().then(
      (models) => {
        const model = chooseModel(models)
        return model ? engineEmbedder(this.options.engine, model, this.options.threads) : null
      },
      (error: unknown) => {
        this.logger.warn('documents: cannot list the installed models; searching by keyword', { error: String(error) })
        this.embedder = null
        return null
      },
    )
    return this.embedder
  }

  // ---------------------------------------------------------------- collections

  collections(): CollectionInfo[] {
    const docs = groupBy(this.store.documents())
    return this.store
      .collections()
      .filter((collection) => !isChatCollection(collection.name))
      .map((collection) => this.collectionInfo(collection, docs.get(collection.id)?.docs ?? []))
  }

  async addCollection(name: string, folder: string): Promise<CollectionInfo> {
    const path = resolve(folder)
    const stats = await stat(path).catch(() => null)
    if (!stats?.isDirectory()) throw new AuraError('invalid_input', words('documents.noFolder', { path }))
    if (this.store.collection(name)) throw new AuraError('invalid_input', words('documents.collectionTaken', { name }))
    const collection = this.store.ensureCollection(name, path)
    if (this.following) this.follow(collection)
    await this.scan(collection)
    this.changed()
    return this.collectionInfo(collection, this.store.documents(collection.id))
  }

  removeCollection(name: string): void {
    const collection = this.store.collection(name)
    if (!collection) throw new AuraError('not_found', words('documents.noCollection', { name }))
    this.dropCollection(collection)
    this.changed()
  }

  /** Drops a chat's own documents from the index (the chat was deleted); nothing when it had none. */
  forgetChat(conversationId: string): void {
    const collection = this.store.collection(chatCollection(conversationId))
    if (collection) this.dropCollection(collection)
  }

  private dropCollection(collection: CollectionRow): void {
    this.indexer.cancel(collection.id)
    this.watchers.get(collection.id)?.()
    this.watchers.delete(collection.id)
    this.problems.delete(collection.id)
    this.store.removeCollection(collection.id)
  }

  /** The folder's readable files queued (the unchanged ones are passed over quickly); files gone from it removed. */
  private async scan(collection: CollectionRow): Promise<void> {
    if (!collection.folder) return
    const exists = (await stat(collection.folder).catch(() => null))?.isDirectory()
    if (!exists) {
      this.problems.set(collection.id, words('documents.folderGone', { folder: collection.folder }))
      this.changed()
      return
    }
    this.problems.delete(collection.id)
    const files = await readableFiles(collection.folder)
    const present = new Set(files)
    for (const doc of this.store.documents(collection.id)) {
      if (!present.has(doc.path)) {
        this.indexer.cancel(collection.id, doc.path)
        this.store.removeDocument(doc.id)
      }
    }
    this.queueFiles(collection, files)
  }

  private follow(collection: CollectionRow): void {
    if (!collection.folder || this.watchers.has(collection.id)) return
    const stop = watchFolder(
      collection.folder,
      () => void this.scan(collection).catch((error: unknown) => this.logger.warn('documents: rescanning a folder failed', { error: String(error) })),
      (error) => {
        this.logger.warn('documents: cannot follow a folder', { error: String(error) })
        this.problems.set(collection.id, words('documents.cannotFollow', { folder: collection.folder! }))
      },
    )
    this.watchers.set(collection.id, stop)
  }

  private queueFiles(collection: CollectionRow, paths: readonly string[]): void {
    for (const path of paths) this.store.queue(collection.id, path, basename(path))
    this.indexer.enqueue(collection.id, collection.name, paths)
  }

  // ---------------------------------------------------------------- documents

  /** Files, or every readable file in folders, into a collection (made when new) or a chat's own documents. */
  async add(paths: readonly string[], target: { collection?: string; conversationId?: string }): Promise<DocumentInfo[]> {
    const name = targetName(target) ?? DEFAULT_COLLECTION
    const files: string[] = []
    for (const given of paths) {
      const path = resolve(given)
      const stats = await stat(path).catch(() => null)
      if (!stats) throw new AuraError('invalid_input', words('documents.noPath', { path }))
      // A folder gives its readable files; a file named on its own is tried (the parser words why it cannot be read).
      if (stats.isDirectory()) files.push(...(await readableFiles(path)))
      else files.push(path)
    }
    const collection = this.store.ensureCollection(name)
    this.queueFiles(collection, files)
    this.changed()
    const wanted = new Set(files)
    return this.store.documents(collection.id).filter((doc) => wanted.has(doc.path)).map(documentInfo)
  }

  list(target: { collection?: string; conversationId?: string }): DocumentInfo[] {
    const name = targetName(target)
    if (name === null) return this.store.documents().map(documentInfo)
    const collection = this.store.collection(name)
    return collection ? this.store.documents(collection.id).map(documentInfo) : []
  }

  /** Removes files from one collection or chat, or from all; returns how many were removed. */
  remove(paths: readonly string[], target: { collection?: string; conversationId?: string }): number {
    const name = targetName(target)
    const wanted = new Set(paths.map((path) => resolve(path)))
    const scope = name === null ? null : this.store.collection(name)
    if (name !== null && !scope) return 0
    const docs = this.store.documents(scope?.id).filter((doc) => wanted.has(doc.path))
    for (const doc of docs) {
      this.indexer.cancel(doc.collectionId, doc.path)
      this.store.removeDocument(doc.id)
    }
    if (docs.length > 0) this.changed()
    return docs.length
  }

  status(): Promise<DocumentsStatus> {
    return this.currentEmbedder()
      .catch(() => null)
      .then((embedder) => {
        const { chunks, embedded } = this.store.counts()
        return { modelId: embedder?.id ?? null, chunks, embeddedChunks: embedded }
      })
  }

  /** Resolves once nothing is queued. */
  idle(): Promise<void> {
    return this.indexer.idle()
  }

  // ---------------------------------------------------------------- search

  async search(query: string, scope: SearchScope, limit: number, signal?: AbortSignal): Promise<Passage[]> {
    return (await this.find(query, scope, limit, signal)).passages
  }

  /** The search with how it was done: keyword only, when no vectors could be used, is said so. */
  async find(
    query: string,
    scope: SearchScope & { conversationId?: string },
    limit: number,
    signal?: AbortSignal,
    only?: 'keyword' | 'vector',
  ): Promise<SearchResult> {
    const filter = this.filterOf(scope)
    if (!filter) return { passages: [], retrieval: 'keyword', note: null }
    let vector: number[] | null = null
    let note: string | null = null
    const embedder = await this.currentEmbedder().catch(() => null)
    if (!embedder) note = say('documents.keywordOnly', { why: words('documents.noEmbedder') })
    else if (!this.store.hasVectors()) note = say('documents.keywordOnly', { why: words('documents.preparing') })
    else {
      try {
        vector = (await embedder.embed([query], 'query', signal))[0] ?? null
      } catch (error) {
        signal?.throwIfAborted()
        note = say('documents.keywordOnly', { why: problemOf(error) })
      }
    }
    const { passages, vectorHits } = hybridSearch(this.store, query, vector, filter, limit, only)
    return { passages, retrieval: vectorHits > 0 ? 'hybrid' : 'keyword', note }
  }

  /** The scope as ids and paths; null when it holds nothing. */
  private filterOf(scope: SearchScope & { conversationId?: string }): ScopeFilter | null {
    const names = [...(scope.collections ?? []), ...(scope.conversationId ? [chatCollection(scope.conversationId)] : [])]
    const collections = names.flatMap((name) => this.store.collection(name)?.id ?? [])
    const files = (scope.files ?? []).map((path) => resolve(path))
    if (collections.length === 0 && files.length === 0) return null
    return this.store.coversAll({ collections, files }) ? { all: true } : { all: false, collections, files }
  }

  async dispose(): Promise<void> {
    for (const stop of this.watchers.values()) stop()
    this.watchers.clear()
    if (!this.opened) return
    await this.opened.indexer.dispose()
    this.opened.store.close()
  }

  // ---------------------------------------------------------------- helpers

  private reindexAll(): void {
    this.enqueueAll(this.store.documents())
  }

  private enqueueAll(docs: readonly DocumentRow[]): void {
    for (const [id, group] of groupBy(docs)) this.indexer.enqueue(id, group.name, group.docs.map((doc) => doc.path))
  }

  private collectionInfo(collection: CollectionRow, docs: DocumentRow[]): CollectionInfo {
    const progress = this.indexer.progress(collection.id, collection.name)
    const kept = this.problems.get(collection.id)
    const problem = kept ? spoken(kept) : null
    return {
      name: collection.name,
      folder: collection.folder,
      documents: docs.length,
      failed: docs.filter((doc) => doc.status === 'failed').length,
      chunks: docs.reduce((sum, doc) => sum + doc.chunks, 0),
      status: progress ? 'indexing' : problem ? 'problem' : 'ready',
      problem,
      progress,
    }
  }

  private changed(): void {
    this.options.onChange?.(this.collections())
  }
}

function targetName(target: { collection?: string; conversationId?: string }): string | null {
  if (target.collection && target.conversationId) throw new AuraError('invalid_input', words('documents.collectionOrChat'))
  return target.collection ?? (target.conversationId ? chatCollection(target.conversationId) : null)
}

function documentInfo(doc: DocumentRow): DocumentInfo {
  return {
    path: doc.path,
    title: doc.title,
    collection: doc.collection,
    status: doc.status,
    problem: spokenProblem(doc.problem),
    chunks: doc.chunks,
    sizeBytes: doc.size,
    embedded: doc.embedder !== null,
  }
}

/** Documents by their collection's id. */
function groupBy(docs: readonly DocumentRow[]): Map<number, { name: string; docs: DocumentRow[] }> {
  const byId = new Map<number, { name: string; docs: DocumentRow[] }>()
  for (const doc of docs) {
    const group = byId.get(doc.collectionId) ?? { name: doc.collection, docs: [] }
    group.docs.push(doc)
    byId.set(doc.collectionId, group)
  }
  return byId
}
