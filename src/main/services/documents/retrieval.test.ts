/**
 * Retrieval quality on the labelled set (testing/documents/retrievalSet.ts): recall@5 of keyword,
 * vector and hybrid search over its frozen test split. The generated embedding model gives vectors
 * that mean nothing, so only the keyword path's recall is asserted here, and hybrid's correctness
 * (its ranking is exactly the fusion of the two lists); the rest is printed.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LlamaEngine } from '../engine/llamaEngine'
import { ModelLibrary } from '../models'
import { recallAt, testQuestions, writeRetrievalLibrary } from '../testing/documents/retrievalSet'
import { writeTinyLlama } from '../testing/tinyLlama'
import type { Library, Passage } from './contract'
import { DocumentsService } from './documentsService'
import { reciprocalRankFusion } from './fusion'

let dir: string
let engine: LlamaEngine
let service: DocumentsService
const scope = { collections: ['Set'] }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-recall-'))
  await mkdir(join(dir, 'models'))
  await mkdir(join(dir, 'docs'))
  await writeTinyLlama(join(dir, 'models', 'bge-small-test.gguf'), { seed: 51, pooling: 'mean' })
  await writeRetrievalLibrary(join(dir, 'docs'))
  engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
  service = new DocumentsService({ file: join(dir, 'documents.db'), engine, models: new ModelLibrary(() => join(dir, 'models')), threads: () => 1 })
  await service.addCollection('Set', join(dir, 'docs'))
  await service.idle()
}, 120_000)

afterAll(async () => {
  await service?.dispose()
  await engine?.dispose()
  await rm(dir, { recursive: true, force: true })
})

const by = (only?: 'keyword' | 'vector'): Library => ({
  search: async (query, searchScope, limit) => (await service.find(query, searchScope, limit, undefined, only)).passages,
})

describe('retrieval on the labelled set (frozen test split)', () => {
  it('indexes every file of the set with vectors', async () => {
    const docs = service.list({ collection: 'Set' })
    expect(docs.map((doc) => [doc.title, doc.status, doc.problem])).toEqual(docs.map((doc) => [doc.title, 'indexed', null]))
    expect(docs.every((doc) => doc.embedded)).toBe(true)
  })

  it('finds the answer in the top 5 by keyword for most questions, and hybrid is exactly the fusion of keyword and vectors', async () => {
    const keyword = await recallAt(5, by('keyword'), { scope, questions: testQuestions })
    const vector = await recallAt(5, by('vector'), { scope, questions: testQuestions })
    const hybrid = await recallAt(5, by(), { scope, questions: testQuestions })
    console.log(
      `recall@5 on ${keyword.total} frozen questions: keyword ${keyword.recall.toFixed(2)}, vector ${vector.recall.toFixed(2)} (generated model: meaningless), hybrid ${hybrid.recall.toFixed(2)}`,
    )
    expect(keyword.recall).toBeGreaterThanOrEqual(0.8)
    // Fusion: hybrid's passages and scores are exactly reciprocal rank fusion of the two lists it
    // fuses (each 20 deep for 5 results), as each method returns them on its own.
    const key = (p: Passage) => `${p.path}#${p.ordinal}`
    for (const question of testQuestions) {
      const keywordList = (await by('keyword').search(question.question, scope, 20)).map(key)
      const vectorList = (await by('vector').search(question.question, scope, 20)).map(key)
      const fused = await by().search(question.question, scope, 5)
      const expected = reciprocalRankFusion([keywordList, vectorList]).slice(0, 5)
      expect(fused.map((p) => [key(p), p.score]), String(question.id)).toEqual(expected.map(({ item, score }) => [item, score]))
    }
  })
})
