import { estimateTokens } from '../../../shared/units'
import type { Chunk, ParsedDocument, Section } from './contract'

export interface ChunkOptions {
  /** The most tokens (estimated the project's way, src/shared/units.ts) a chunk holds. */
  maxTokens?: number
  /** Tokens of the previous chunk's end repeated at the start of the next, so a sentence cut between them is found whole in one. */
  overlapTokens?: number
}

export const DEFAULT_CHUNK_TOKENS = 300
export const DEFAULT_OVERLAP_TOKENS = 50

/** A piece of a section that is never cut: a paragraph, else a sentence, else a run of words. */
interface Unit {
  text: string
  /** What goes before it when it follows another unit: a blank line between paragraphs, a space within one. */
  joiner: string
  section: Section
}

/**
 * Splits a document into chunks of at most `maxTokens`, cutting between paragraphs where it can, else
 * between sentences, else between words. Each chunk keeps the page and heading of its first words, and
 * a new heading starts a new chunk (so a passage never mixes two headings' text); pages flow on.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions = {}): Chunk[] {
  const maxTokens = Math.max(8, options.maxTokens ?? DEFAULT_CHUNK_TOKENS)
  const overlapTokens = Math.min(options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS, Math.floor(maxTokens / 2))
  const chunks: Chunk[] = []
  let current: Unit[] = []

  const emit = () => {
    const first = current[0]
    if (!first) return
    const { page, heading } = first.section
    chunks.push({
      ordinal: chunks.length,
      text: join(current),
      ...(page !== undefined ? { page } : {}),
      ...(heading !== undefined ? { heading } : {}),
    })
  }

  for (const unit of doc.sections.flatMap((section) => unitsOf(section, maxTokens))) {
    const first = current[0]
    const sameHeading = first !== undefined && first.section.heading === unit.section.heading
    if (first && (!sameHeading || estimateTokens(join([...current, unit])) > maxTokens)) {
      emit()
      current = sameHeading ? overlap(current, unit, overlapTokens, maxTokens) : []
    }
    current.push(unit)
  }
  emit()
  return chunks
}

/** The end of the last chunk to repeat before `next`: whole units of the same section, within the overlap and leaving room for `next`. */
function overlap(previous: Unit[], next: Unit, overlapTokens: number, maxTokens: number): Unit[] {
  const tail: Unit[] = []
  // Never the whole previous chunk (index > 0): the next one must move on.
  for (const unit of previous.slice(1).reverse()) {
    if (unit.section !== next.section) break
    const candidate = [unit, ...tail]
    if (estimateTokens(join(candidate)) > overlapTokens || estimateTokens(join([...candidate, next])) > maxTokens) break
    tail.unshift(unit)
  }
  return tail
}

function join(units: Unit[]): string {
  return units.map((unit, index) => (index === 0 ? unit.text : unit.joiner + unit.text)).join('')
}

const SENTENCE_END = /(?<=[.!?…。！？])\s+/

function unitsOf(section: Section, maxTokens: number): Unit[] {
  const units: Unit[] = []
  for (const paragraph of section.text.split(/\n[ \t]*\n/)) {
    const text = paragraph.trim()
    if (!text) continue
    if (estimateTokens(text) <= maxTokens) {
      units.push({ text, joiner: '\n\n', section })
      continue
    }
    let joiner = '\n\n'
    for (const sentence of text.split(SENTENCE_END)) {
      for (const piece of wordRuns(sentence, maxTokens)) {
        units.push({ text: piece, joiner, section })
        joiner = ' '
      }
    }
  }
  return units
}

/** A sentence too long for a chunk as runs of whole words (a word longer than a chunk is cut). */
function wordRuns(sentence: string, maxTokens: number): string[] {
  if (estimateTokens(sentence) <= maxTokens) return [sentence]
  const maxChars = maxTokens * 4
  const runs: string[] = []
  let run = ''
  for (const word of sentence.split(/\s+/).flatMap((word) => word.match(new RegExp(`[^]{1,${maxChars}}`, 'g')) ?? [])) {
    const next = run ? `${run} ${word}` : word
    if (estimateTokens(next) > maxTokens) {
      runs.push(run)
      run = word
    } else run = next
  }
  if (run) runs.push(run)
  return runs
}
