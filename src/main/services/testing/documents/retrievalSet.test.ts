import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chunkDocument } from '../../documents/chunk'
import type { Library, Passage } from '../../documents/contract'
import { parseDocument } from '../../documents/parse/index'
import * as corpus from './corpus'
import { answers, devQuestions, recallAt, retrievalQuestions, testQuestions, writeRetrievalLibrary } from './retrievalSet'

let dir: string
let passages: Passage[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-retrieval-'))
  const paths = await writeRetrievalLibrary(dir)
  passages = []
  for (const path of paths) {
    const doc = await parseDocument(path)
    for (const chunk of chunkDocument(doc)) passages.push({ ...chunk, path, title: doc.title, collection: 'set', score: 0 })
  }
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the labelled retrieval set', () => {
  it('is ~60 questions, a third of them in the frozen test split', () => {
    expect(retrievalQuestions.length).toBeGreaterThanOrEqual(60)
    expect(testQuestions).toHaveLength(20)
    expect(devQuestions.length + testQuestions.length).toBe(retrievalQuestions.length)
    expect(new Set(retrievalQuestions.map((q) => q.id)).size).toBe(retrievalQuestions.length)
  })

  it('keeps its test split frozen (change it only with a reason, and say so where recall is reported)', () => {
    // The questions and the documents they are asked of: editing either changes what the split measures.
    const fingerprint = createHash('sha256').update(JSON.stringify([testQuestions, corpus])).digest('hex').slice(0, 16)
    expect(fingerprint).toBe('b72b5a22000af774')
  })

  it('labels every question with a passage the parsers and the chunker really produce, in one file only', () => {
    expect(passages.length).toBeGreaterThan(20)
    console.log(`Retrieval set: ${retrievalQuestions.length} questions (${testQuestions.length} frozen) over ${passages.length} passages`)
    for (const question of retrievalQuestions) {
      expect(passages.some((passage) => answers(passage, question)), `#${question.id} ${question.question}`).toBe(true)
      const phrase = question.phrase.toLowerCase()
      const elsewhere = passages.filter((p) => !p.path.endsWith(question.file) && p.text.toLowerCase().includes(phrase))
      expect(elsewhere, `#${question.id}'s phrase is only in ${question.file}`).toEqual([])
    }
  })

  it('keeps script text out of the HTML passages', () => {
    expect(passages.map((p) => p.text).join('\n')).not.toMatch(/fare-zone-secret|trackVisit|not text/)
  })
})

describe('recallAt', () => {
  /** A Library that returns what `pick` chooses from the set's passages, whatever the scope. */
  const library = (pick: (query: string) => Passage[]): Library => ({
    search: async (query, _scope, limit) => pick(query).slice(0, limit),
  })
  const labelled = (query: string) => retrievalQuestions.find((q) => q.question === query)
  const scope = { collections: ['set'] }

  it('is 1 when the answer is within the first k, 0 when it is below them or missing', async () => {
    const answering = (query: string) => passages.filter((p) => answers(p, labelled(query)!))
    const wrong = (query: string) => passages.filter((p) => !answers(p, labelled(query)!))

    expect(await recallAt(5, library(answering), { scope })).toMatchObject({ recall: 1, found: devQuestions.length, misses: [] })
    const buried = await recallAt(5, library((q) => [...wrong(q).slice(0, 5), ...answering(q)]), { scope, questions: testQuestions })
    expect(buried).toMatchObject({ k: 5, recall: 0, found: 0, total: 20 })
    expect(buried.misses[0]?.got).toHaveLength(5)
    expect(await recallAt(6, library((q) => [...wrong(q).slice(0, 5), ...answering(q)]), { scope })).toMatchObject({ recall: 1 })
  })

  it('counts the right words at the wrong place as a miss', async () => {
    const apiary = devQuestions.filter((q) => q.page !== undefined)
    const movedPage = (query: string) => passages.filter((p) => answers(p, labelled(query)!)).map((p) => ({ ...p, page: (p.page ?? 0) + 1 }))
    expect(await recallAt(5, library(movedPage), { scope, questions: apiary })).toMatchObject({ recall: 0 })
    const headed = devQuestions.filter((q) => q.heading !== undefined)
    const movedHeading = (query: string) => passages.filter((p) => answers(p, labelled(query)!)).map((p) => ({ ...p, heading: 'Elsewhere' }))
    expect(await recallAt(5, library(movedHeading), { scope, questions: headed })).toMatchObject({ recall: 0 })
  })
})
