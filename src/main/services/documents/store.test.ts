/**
 * The vector search's two passes (1-bit Hamming first, exact cosine after) against an exact scan, and
 * the schema 1 → 2 migration that moves the kept vectors and makes their 1-bit copies, and the
 * keyword search leaving out words without weight.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rng } from '../testing/tinyLlama'
import { DocumentStore } from './store'

const DIMS = 384
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const random = rng(7)
const unit = (v: number[]): number[] => {
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}
const randomVector = (): number[] => unit(Array.from({ length: DIMS }, () => random() - 0.5))
/** A vector at about `similarity` cosine from `to`. */
const near = (to: number[], similarity: number): number[] => {
  const noise = randomVector()
  const scale = Math.sqrt(1 - similarity ** 2) / similarity
  return unit(to.map((x, i) => x + scale * noise[i]!))
}
const cosine = (a: number[], b: number[]): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0)

/** The exact top k by cosine, computed here (not by the store). */
function exact(vectors: number[][], query: number[], k: number): number[] {
  return vectors
    .map((v, i) => ({ id: i + 1, similarity: cosine(v, query) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k)
    .map((each) => each.id)
}

function storeWith(vectors: number[][]): DocumentStore {
  const store = new DocumentStore(join(dir, 'documents.db'))
  store.useDimensions(DIMS)
  const collection = store.ensureCollection('Test')
  const perDocument = 500
  for (let d = 0; d * perDocument < vectors.length; d++) {
    const doc = store.queue(collection.id, `/doc-${d}.txt`, `Doc ${d}`)
    const slice = vectors.slice(d * perDocument, (d + 1) * perDocument)
    store.saveDocument(doc.id, { title: `Doc ${d}`, size: 0, mtimeMs: 0, hash: '' }, slice.map((_, ordinal) => ({ ordinal, text: `chunk ${ordinal}` })), { embedder: 'test', vectors: slice })
  }
  return store
}

/** Share of the exact top 5 that `nearest` also returns in its top 5, over the queries. */
function overlap(store: DocumentStore, vectors: number[][], queries: number[][]): number {
  let kept = 0
  for (const query of queries) {
    const found = new Set(store.nearest(query, { all: true }, 5))
    kept += exact(vectors, query, 5).filter((id) => found.has(id)).length
  }
  return kept / (queries.length * 5)
}

describe('nearest: 1-bit first pass, exact re-rank', () => {
  it('keeps the exact top 5 when a query has passages near it, and most of it on random vectors', () => {
    const vectors = Array.from({ length: 5_000 }, randomVector)
    // Like a real question: a few passages about it (cosine 0.3–0.7), the rest unrelated.
    const queries = Array.from({ length: 30 }, () => randomVector())
    queries.forEach((query) => {
      for (let j = 0; j < 5; j++) vectors[Math.floor(random() * vectors.length)] = near(query, 0.3 + 0.1 * j)
    })
    const store = storeWith(vectors)
    try {
      const related = overlap(store, vectors, queries)
      // Random vectors are the worst case: every stored vector is about as far as any other.
      const unrelated = overlap(store, vectors, Array.from({ length: 30 }, randomVector))
      console.log(`top-5 overlap with the exact scan at 5,000 chunks: related ${related}, random ${unrelated}`)
      expect(related).toBeGreaterThanOrEqual(0.95)
      expect(unrelated).toBeGreaterThanOrEqual(0.8)
    } finally {
      store.close()
    }
  })

  it('migrates schema 1: the 1-bit copies are made from the kept vectors', () => {
    const vectors = Array.from({ length: 600 }, randomVector)
    const store = storeWith(vectors)
    // Back to schema 1 as it was: the vectors in a vec0 table alone, deleted by a trigger.
    store.db.exec(`CREATE VIRTUAL TABLE chunks_vec USING vec0(embedding float[${DIMS}] distance_metric=cosine);
      INSERT INTO chunks_vec(rowid, embedding) SELECT id, embedding FROM chunk_vectors;
      DROP TRIGGER chunks_bit_ad; DROP TABLE chunks_bit; DROP TABLE chunk_vectors;
      CREATE TRIGGER chunks_vec_ad AFTER DELETE ON chunks BEGIN DELETE FROM chunks_vec WHERE rowid = old.id; END;
      UPDATE meta SET value = '1' WHERE key = 'schema'`)
    store.close()

    const reopened = new DocumentStore(join(dir, 'documents.db'))
    try {
      expect((reopened.db.prepare('SELECT count(*) AS n FROM chunks_bit').get() as { n: number }).n).toBe(600)
      expect(reopened.counts()).toEqual({ chunks: 600, embedded: 600 })
      const query = vectors[42]!
      expect(reopened.nearest(query, { all: true }, 1)).toEqual([43])
      reopened.removeDocument(1) // the trigger now deletes the 1-bit copies too
      expect((reopened.db.prepare('SELECT count(*) AS n FROM chunks_bit').get() as { n: number }).n).toBe(100)
      expect(reopened.counts()).toEqual({ chunks: 100, embedded: 100 })
    } finally {
      reopened.close()
    }
  })
})

describe('keyword', () => {
  it('searches words in half the chunks or more (no BM25 weight) only when the others find fewer than k', () => {
    const store = new DocumentStore(join(dir, 'documents.db'))
    try {
      const collection = store.ensureCollection('Test')
      const doc = store.queue(collection.id, '/doc.txt', 'Doc')
      const texts = ['the kettle boils', 'the lantern', 'the harbour', 'the kettle', 'a meadow']
      store.saveDocument(doc.id, { title: 'Doc', size: 0, mtimeMs: 0, hash: '' }, texts.map((text, ordinal) => ({ ordinal, text })), null)
      // "the" (4 of 5) is left out when "kettle" finds k; else its chunks follow, below the kettle's.
      expect(store.keyword('the kettle', { all: true }, 2).sort()).toEqual([1, 4])
      expect(store.keyword('the kettle', { all: true }, 10).slice(0, 2).sort()).toEqual([1, 4])
      expect(store.keyword('the kettle', { all: true }, 10)).toHaveLength(4)
      expect(store.keyword('the', { all: true }, 10)).toHaveLength(4)
      expect(store.keyword('the flash', { all: true }, 10)).toHaveLength(4)
    } finally {
      store.close()
    }
  })
})
