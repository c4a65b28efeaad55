import { describe, expect, it } from 'vitest'
import { estimateTokens } from '../../../shared/units'
import { chunkDocument, DEFAULT_CHUNK_TOKENS } from './chunk'
import type { ParsedDocument, Section } from './contract'

const doc = (sections: Section[]): ParsedDocument => ({ path: '/notes/doc.md', title: 'doc', kind: 'markdown', sections })

/** A paragraph of `n` numbered sentences, each "Sentence N of P." (so every sentence is findable). */
const sentences = (p: string, n: number) => Array.from({ length: n }, (_, i) => `Sentence ${i + 1} of ${p} is here.`).join(' ')

describe('chunkDocument', () => {
  it('keeps a small document whole, with its place', () => {
    expect(chunkDocument(doc([{ text: 'One.\n\nTwo.', heading: 'A' }]))).toEqual([{ ordinal: 0, text: 'One.\n\nTwo.', heading: 'A' }])
    expect(chunkDocument(doc([]))).toEqual([])
  })

  it('fills chunks up to the limit, cutting only between paragraphs when they fit', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `${sentences(`P${i}`, 5)}`)
    const chunks = chunkDocument(doc([{ text: paragraphs.join('\n\n') }]), { maxTokens: 120, overlapTokens: 0 })
    expect(chunks.length).toBeGreaterThan(3)
    for (const chunk of chunks) {
      expect(estimateTokens(chunk.text)).toBeLessThanOrEqual(120)
      // Each chunk is whole paragraphs.
      for (const part of chunk.text.split('\n\n')) expect(paragraphs).toContain(part)
    }
    // Nothing lost, nothing doubled without overlap.
    expect(chunks.map((chunk) => chunk.text).join('\n\n')).toBe(paragraphs.join('\n\n'))
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual(chunks.map((_, i) => i))
  })

  it('cuts a long paragraph between sentences, and a run-on sentence between words', () => {
    const long = sentences('long', 40)
    const chunks = chunkDocument(doc([{ text: long }]), { maxTokens: 50, overlapTokens: 0 })
    for (const chunk of chunks) {
      expect(estimateTokens(chunk.text)).toBeLessThanOrEqual(50)
      expect(chunk.text).toMatch(/^Sentence \d+ of long is here\./)
      expect(chunk.text).toMatch(/is here\.$/)
    }
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(long)

    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ')
    const runs = chunkDocument(doc([{ text: words }]), { maxTokens: 40, overlapTokens: 0 })
    for (const run of runs) expect(estimateTokens(run.text)).toBeLessThanOrEqual(40)
    expect(runs.map((run) => run.text).join(' ')).toBe(words)
    // A "word" longer than a chunk (a URL, a hash) is cut, not let through whole.
    const [first] = chunkDocument(doc([{ text: 'x'.repeat(1000) }]), { maxTokens: 40 })
    expect(first?.text).toBe('x'.repeat(160))
  })

  it('repeats the end of a chunk at the start of the next, so a cut sentence is found whole', () => {
    const chunks = chunkDocument(doc([{ text: sentences('s', 30), page: 1 }]), { maxTokens: 60, overlapTokens: 20 })
    for (const [index, chunk] of chunks.entries()) {
      const previous = chunks[index - 1]
      if (!previous) continue
      // The next chunk begins with whole sentences from the end of the previous one (within the overlap).
      const lastSentence = previous.text.match(/Sentence \d+ of s is here\.$/)?.[0] ?? '∅'
      const repeated = chunk.text.slice(0, chunk.text.indexOf(lastSentence) + lastSentence.length)
      expect(previous.text.endsWith(repeated), `chunk ${index}`).toBe(true)
      expect(estimateTokens(repeated)).toBeLessThanOrEqual(20)
      expect(estimateTokens(chunk.text)).toBeLessThanOrEqual(60)
    }
  })

  it('gives each chunk the page of its first words; pages flow on within a chunk', () => {
    const chunks = chunkDocument(
      doc([
        { text: sentences('page one', 10), page: 1 },
        { text: sentences('page two', 10), page: 2 },
        { text: 'Short page three.', page: 3 },
      ]),
      { maxTokens: 100, overlapTokens: 0 },
    )
    for (const chunk of chunks) {
      const firstPage = chunk.text.startsWith('Short') ? 3 : chunk.text.match(/^Sentence \d+ of page (one|two)/)?.[1] === 'one' ? 1 : 2
      expect(chunk.page, chunk.text.slice(0, 40)).toBe(firstPage)
    }
    // Page 3's sentence follows page 2's in the same chunk rather than standing alone.
    expect(chunks.at(-1)?.text).toMatch(/of page two is here\.\n\nShort page three\.$/)
    expect(chunks.at(-1)?.page).toBe(2)
  })

  it('starts a new chunk at each heading, and overlaps only within one', () => {
    const chunks = chunkDocument(
      doc([
        { text: 'Install\n\nGet it from the site.', heading: 'Install' },
        { text: `On Windows\n\n${sentences('win', 20)}`, heading: 'Install › On Windows' },
        { text: 'Use\n\nOpen it.', heading: 'Use' },
      ]),
      { maxTokens: 80, overlapTokens: 30 },
    )
    expect(chunks[0]).toEqual({ ordinal: 0, text: 'Install\n\nGet it from the site.', heading: 'Install' })
    const windows = chunks.filter((chunk) => chunk.heading === 'Install › On Windows')
    expect(windows.length).toBeGreaterThan(1)
    for (const chunk of windows) expect(chunk.text).not.toMatch(/Get it|Open it/)
    expect(chunks.at(-1)).toMatchObject({ text: 'Use\n\nOpen it.', heading: 'Use' })
  })

  it('defaults to ~300-token chunks', () => {
    const text = Array.from({ length: 60 }, (_, i) => sentences(`p${i}`, 4)).join('\n\n')
    const chunks = chunkDocument(doc([{ text }]))
    expect(DEFAULT_CHUNK_TOKENS).toBe(300)
    const sizes = chunks.map((chunk) => estimateTokens(chunk.text))
    expect(Math.max(...sizes)).toBeLessThanOrEqual(300)
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThan(200)
  })
})
