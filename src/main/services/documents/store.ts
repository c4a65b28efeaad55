/**
 * The documents index on disk: one SQLite file (documents.db in the data folder, WAL) holding
 * collections, documents, their chunks, a full-text index of the chunks (FTS5, ranked by BM25) and
 * their vectors (sqlite-vec's vec0, cosine distance). One file, one transaction per document: a
 * document is either wholly indexed or not at all.
 *
 * Why SQLite and not LanceDB: better-sqlite3 and sqlite-vec together add about 2 MB to the app
 * (LanceDB's Linux binary alone is 61 MB compressed), and FTS5 gives BM25 in the same file.
 */
import Database from 'better-sqlite3'
import * as sqliteVec from 'sqlite-vec'
import { AuraError } from '../../../shared/api/errors'
import { words } from '../../../shared/i18n'
import type { Chunk } from './contract'

/** Raised when the schema on disk is newer than this version of Aura knows. 2: `chunk_vectors` + `chunks_bit`. */
const SCHEMA_VERSION = 2

/**
 * The vector search's first pass takes this many chunks by Hamming distance between 1-bit copies
 * (or k, when more are asked), then ranks them by the exact cosine. 200 keeps the exact
 * top 5 of random 384-dim vectors (store.test.ts) at a fraction of the exact scan's time.
 */
const FIRST_PASS = 200

export interface CollectionRow {
  id: number
  name: string
  folder: string | null
}

export interface DocumentRow {
  id: number
  collectionId: number
  collection: string
  path: string
  title: string
  status: 'queued' | 'indexed' | 'failed'
  problem: string | null
  size: number
  mtimeMs: number
  hash: string | null
  chunks: number
  /** The model the chunks' vectors came from; null: keyword only. */
  embedder: string | null
}

/** A chunk found by a search, with its document. */
export interface FoundChunk extends Chunk {
  id: number
  path: string
  title: string
  collection: string
}

/** Where a search looks: collection ids and file paths (either matches); `all` skips the filter. */
export type ScopeFilter = { all: true } | { all: false; collections: number[]; files: string[] }

export class DocumentStore {
  readonly db: Database.Database
  private dimensions: number | null

  constructor(file: string) {
    this.db = new Database(file)
    sqliteVec.load(this.db)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('synchronous = NORMAL')
    this.migrate()
    // Each term's count of chunks, read by `keyword` (a view of the full-text index: nothing is stored).
    this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunk_terms USING fts5vocab(main, chunks_fts, 'row')")
    const dims = this.meta('dimensions')
    this.dimensions = dims === null ? null : Number(dims)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
    const version = Number(this.meta('schema') ?? 0)
    if (version > SCHEMA_VERSION) {
      throw new AuraError('unavailable', words('documents.newerIndex', { version }))
    }
    if (version === SCHEMA_VERSION) return
    this.db.transaction(() => {
      if (version < 1) this.createTables()
      if (version < 2) this.addBitVectors()
      this.setMeta('schema', String(SCHEMA_VERSION))
    })()
  }

  private createTables(): void {
    this.db.exec(`
      CREATE TABLE collections (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, folder TEXT, created_at INTEGER NOT NULL
      );
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        path TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL, problem TEXT,
        size INTEGER NOT NULL DEFAULT 0, mtime_ms REAL NOT NULL DEFAULT 0, hash TEXT,
        chunks INTEGER NOT NULL DEFAULT 0, embedder TEXT,
        UNIQUE (collection_id, path)
      );
      CREATE INDEX documents_path ON documents(path);
      CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL, text TEXT NOT NULL, page INTEGER, heading TEXT
      );
      CREATE INDEX chunks_document ON chunks(document_id);
      CREATE VIRTUAL TABLE chunks_fts USING fts5(text, heading, content='chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
      CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
        INSERT INTO chunks_fts(rowid, text, heading) VALUES (new.id, new.text, coalesce(new.heading, ''));
      END;
      CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
        INSERT INTO chunks_fts(chunks_fts, rowid, text, heading) VALUES ('delete', old.id, old.text, coalesce(old.heading, ''));
      END;
    `)
  }

  /**
   * Schema 2: the vectors move from schema 1's `chunks_vec` (vec0, scanned whole) to a plain table and
   * get 1-bit copies (nothing is embedded again).
   */
  private addBitVectors(): void {
    const dims = this.meta('dimensions')
    if (dims === null) return
    this.createVectorTables(Number(dims))
    this.db.exec(`INSERT INTO chunk_vectors(id, embedding) SELECT rowid, embedding FROM chunks_vec;
      INSERT INTO chunks_bit(rowid, embedding) SELECT id, vec_quantize_binary(embedding) FROM chunk_vectors;
      DROP TRIGGER IF EXISTS chunks_vec_ad; DROP TABLE chunks_vec`)
  }

  /**
   * The float vectors in a plain table (read by chunk id for the exact re-rank: a vec0 table reads one
   * 1,024-vector block per lookup) and the sign of each of their dimensions in a vec0 `bit[dims]` table
   * (the first pass, by Hamming distance); both deleted with their chunk.
   */
  private createVectorTables(dimensions: number): void {
    this.db.exec(`DROP TRIGGER IF EXISTS chunks_bit_ad; DROP TABLE IF EXISTS chunks_bit; DROP TABLE IF EXISTS chunk_vectors;
      CREATE TABLE chunk_vectors (id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE, embedding BLOB NOT NULL);
      CREATE VIRTUAL TABLE chunks_bit USING vec0(embedding bit[${dimensions}]);
      CREATE TRIGGER chunks_bit_ad AFTER DELETE ON chunks BEGIN DELETE FROM chunks_bit WHERE rowid = old.id; END`)
  }

  private meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
    return row?.value ?? null
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  /**
   * Vectors of `dimensions` from now on. Another width (the model for documents changed) drops the
   * vectors kept so far: every document must be embedded again (its `embedder` is cleared). True then.
   */
  useDimensions(dimensions: number): boolean {
    if (this.dimensions === dimensions) return false
    const had = this.dimensions !== null
    this.db.transaction(() => {
      this.createVectorTables(dimensions)
      this.db.exec('UPDATE documents SET embedder = NULL')
      this.setMeta('dimensions', String(dimensions))
    })()
    this.dimensions = dimensions
    return had
  }

  // ---------------------------------------------------------------- collections

  collections(): CollectionRow[] {
    return this.db.prepare('SELECT id, name, folder FROM collections ORDER BY name').all() as CollectionRow[]
  }

  collection(name: string): CollectionRow | null {
    return (this.db.prepare('SELECT id, name, folder FROM collections WHERE name = ?').get(name) as CollectionRow | undefined) ?? null
  }

  /** The collection named so, made when new (with `folder` when given). */
  ensureCollection(name: string, folder: string | null = null): CollectionRow {
    this.db.prepare('INSERT INTO collections(name, folder, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING').run(name, folder, Date.now())
    return this.collection(name)!
  }

  removeCollection(id: number): void {
    this.db.prepare('DELETE FROM collections WHERE id = ?').run(id)
  }

  // ---------------------------------------------------------------- documents

  private static readonly DOCUMENT = `SELECT d.id, d.collection_id AS collectionId, c.name AS collection, d.path, d.title, d.status, d.problem,
    d.size, d.mtime_ms AS mtimeMs, d.hash, d.chunks, d.embedder FROM documents d JOIN collections c ON c.id = d.collection_id`

  documents(collectionId?: number): DocumentRow[] {
    const sql = `${DocumentStore.DOCUMENT} ${collectionId === undefined ? '' : 'WHERE d.collection_id = ?'} ORDER BY c.name, d.path`
    return this.db.prepare(sql).all(...(collectionId === undefined ? [] : [collectionId])) as DocumentRow[]
  }

  document(collectionId: number, path: string): DocumentRow | null {
    return (this.db.prepare(`${DocumentStore.DOCUMENT} WHERE d.collection_id = ? AND d.path = ?`).get(collectionId, path) as DocumentRow | undefined) ?? null
  }

  /** Lists a file as waiting to be read (kept as it was when already indexed: it stays searchable meanwhile). */
  queue(collectionId: number, path: string, title: string): DocumentRow {
    this.db
      .prepare("INSERT INTO documents(collection_id, path, title, status) VALUES (?, ?, ?, 'queued') ON CONFLICT(collection_id, path) DO NOTHING")
      .run(collectionId, path, title)
    return this.document(collectionId, path)!
  }

  /** The file's chunks (and their vectors, when given) replace what was kept, in one transaction. */
  saveDocument(
    id: number,
    fields: { title: string; size: number; mtimeMs: number; hash: string },
    chunks: readonly Chunk[],
    vectors: { embedder: string; vectors: readonly (readonly number[])[] } | null,
  ): void {
    const insertChunk = this.db.prepare('INSERT INTO chunks(document_id, ordinal, text, page, heading) VALUES (?, ?, ?, ?, ?)')
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM chunks WHERE document_id = ?').run(id)
      const ids = chunks.map((chunk) => Number(insertChunk.run(id, chunk.ordinal, chunk.text, chunk.page ?? null, chunk.heading ?? null).lastInsertRowid))
      if (vectors) this.insertVectors(ids, vectors.vectors)
      this.db
        .prepare("UPDATE documents SET title = ?, size = ?, mtime_ms = ?, hash = ?, status = 'indexed', problem = NULL, chunks = ?, embedder = ? WHERE id = ?")
        .run(fields.title, fields.size, fields.mtimeMs, fields.hash, chunks.length, vectors?.embedder ?? null, id)
    })()
  }

  /** Vectors for a document's kept chunks (the model for documents changed, or came after the file was read). */
  saveVectors(id: number, embedder: string, chunkIds: readonly number[], vectors: readonly (readonly number[])[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM chunk_vectors WHERE id IN (SELECT id FROM chunks WHERE document_id = ?)').run(id)
      this.db.prepare('DELETE FROM chunks_bit WHERE rowid IN (SELECT id FROM chunks WHERE document_id = ?)').run(id)
      this.insertVectors(chunkIds, vectors)
      this.db.prepare('UPDATE documents SET embedder = ? WHERE id = ?').run(embedder, id)
    })()
  }

  private insertVectors(ids: readonly number[], vectors: readonly (readonly number[])[]): void {
    if (ids.length === 0) return
    if (this.dimensions === null) throw new Error('useDimensions first')
    const insert = this.db.prepare('INSERT INTO chunk_vectors(id, embedding) VALUES (?, vec_f32(?))')
    const insertBits = this.db.prepare('INSERT INTO chunks_bit(rowid, embedding) VALUES (?, vec_quantize_binary(?))')
    ids.forEach((chunkId, i) => {
      const vector = new Float32Array(vectors[i]!)
      insert.run(BigInt(chunkId), vector)
      insertBits.run(BigInt(chunkId), vector)
    })
  }

  /** The file is unchanged (same content under a new time): only its stamp moves. */
  touch(id: number, size: number, mtimeMs: number): void {
    this.db.prepare('UPDATE documents SET size = ?, mtime_ms = ? WHERE id = ?').run(size, mtimeMs, id)
  }

  fail(id: number, problem: string, stamp: { size: number; mtimeMs: number }): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM chunks WHERE document_id = ?').run(id)
      this.db.prepare("UPDATE documents SET status = 'failed', problem = ?, chunks = 0, embedder = NULL, size = ?, mtime_ms = ?, hash = NULL WHERE id = ?").run(problem, stamp.size, stamp.mtimeMs, id)
    })()
  }

  removeDocument(id: number): void {
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(id)
  }

  chunksOf(documentId: number): { id: number; text: string }[] {
    return this.db.prepare('SELECT id, text FROM chunks WHERE document_id = ? ORDER BY ordinal').all(documentId) as { id: number; text: string }[]
  }

  counts(): { chunks: number; embedded: number } {
    const chunks = (this.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n
    const embedded = this.dimensions === null ? 0 : (this.db.prepare('SELECT count(*) AS n FROM chunk_vectors').get() as { n: number }).n
    return { chunks, embedded }
  }

  /** Whether any document has vectors (cheap: no count over the vectors). */
  hasVectors(): boolean {
    return this.db.prepare('SELECT 1 FROM documents WHERE embedder IS NOT NULL AND chunks > 0 LIMIT 1').get() !== undefined
  }

  // ---------------------------------------------------------------- search

  /**
   * The best chunks for the words of `query` by BM25, best first. Words in half the chunks or more
   * are searched only when the others find fewer than k: BM25 gives them no weight (FTS5 floors their
   * IDF at 1e-6), so a chunk they alone match ranks below any the others match — yet scoring their
   * matches is most of the work ("the" is in every chunk).
   */
  keyword(query: string, scope: ScopeFilter, k: number): number[] {
    const terms = queryWords(query)
    const weighty = this.weighty(terms)
    const found = weighty.length > 0 ? this.ranked(weighty, scope, k) : []
    if (found.length >= k || weighty.length === terms.length) return found
    return [...new Set([...found, ...this.ranked(terms, scope, k)])].slice(0, k)
  }

  private ranked(terms: readonly string[], scope: ScopeFilter, k: number): number[] {
    const match = ftsQuery(terms)
    // Over everything, FTS5 keeps only the best k while it ranks (`ORDER BY rank LIMIT`); a join would
    // look up every match's chunk and sort them all.
    if (scope.all) {
      const rows = this.db.prepare('SELECT rowid AS id FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?').all(match, k) as { id: number }[]
      return rows.map((row) => row.id)
    }
    const sql = `SELECT c.id FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id
      WHERE chunks_fts MATCH ? AND ${SCOPE_SQL} ORDER BY bm25(chunks_fts) LIMIT ?`
    return (this.db.prepare(sql).all(match, JSON.stringify(scope.collections), JSON.stringify(scope.files), k) as { id: number }[]).map((row) => row.id)
  }

  /** The terms in fewer than half the chunks. */
  private weighty(terms: string[]): string[] {
    const chunks = (this.db.prepare('SELECT coalesce(sum(chunks), 0) AS n FROM documents').get() as { n: number }).n
    const inChunks = this.db.prepare('SELECT doc FROM temp.chunk_terms WHERE term = ?')
    return terms.filter((term) => 2 * ((inChunks.get(term) as { doc: number } | undefined)?.doc ?? 0) < chunks)
  }

  /**
   * The `k` chunks nearest `vector` (cosine), nearest first; none before any vector is kept. Two passes:
   * the `FIRST_PASS` nearest by Hamming distance between 1-bit copies (a scan of 48 bytes a chunk at
   * 384 dimensions, not 1,536), then those ranked by the exact cosine of their float vectors.
   */
  nearest(vector: readonly number[], scope: ScopeFilter, k: number): number[] {
    if (this.dimensions === null || vector.length !== this.dimensions) return []
    const query = new Float32Array(vector)
    const filter = scope.all ? '' : `AND rowid IN (SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE ${SCOPE_SQL})`
    const sql = `SELECT rowid AS id FROM chunks_bit WHERE embedding MATCH vec_quantize_binary(?) AND k = ? ${filter} ORDER BY distance`
    const args: unknown[] = [query, Math.max(FIRST_PASS, k)]
    if (!scope.all) args.push(JSON.stringify(scope.collections), JSON.stringify(scope.files))
    const firstPass = (this.db.prepare(sql).all(...args) as { id: number | bigint }[]).map((row) => Number(row.id))
    const exact = `SELECT id FROM chunk_vectors WHERE id IN (SELECT value FROM json_each(?)) ORDER BY vec_distance_cosine(embedding, ?) LIMIT ?`
    return (this.db.prepare(exact).all(JSON.stringify(firstPass), query, k) as { id: number }[]).map((row) => row.id)
  }

  found(ids: readonly number[]): Map<number, FoundChunk> {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.ordinal, c.text, c.page, c.heading, d.path, d.title, k.name AS collection FROM chunks c
         JOIN documents d ON d.id = c.document_id JOIN collections k ON k.id = d.collection_id
         WHERE c.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as (Omit<FoundChunk, 'page' | 'heading'> & { page: number | null; heading: string | null })[]
    return new Map(
      rows.map(({ page, heading, ...row }) => [row.id, { ...row, ...(page !== null && { page }), ...(heading !== null && { heading }) }]),
    )
  }

  /** True when the scope holds every document (no filter needed, which keeps the vector search at its fastest). */
  coversAll(scope: { collections: number[]; files: string[] }): boolean {
    const total = (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
    const inScope = (
      this.db.prepare(`SELECT count(*) AS n FROM documents d WHERE ${SCOPE_SQL}`).get(JSON.stringify(scope.collections), JSON.stringify(scope.files)) as { n: number }
    ).n
    return inScope === total
  }
}

const SCOPE_SQL = '(d.collection_id IN (SELECT value FROM json_each(?)) OR d.path IN (SELECT value FROM json_each(?)))'

/**
 * A user's words as an FTS5 query: each word quoted (so `AND`, `-` or `"` in a question are words, not
 * syntax) and any of them may match; BM25 ranks the chunks with more and rarer ones first.
 */
export function ftsQuery(terms: readonly string[]): string {
  return terms.map((term) => `"${term}"`).join(' OR ')
}

/** A query's words, lowercased, each once. */
export function queryWords(query: string): string[] {
  return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])]
}
