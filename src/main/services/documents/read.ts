/**
 * A file into titled chunks: the parsers (parse/) and the splitter (chunk.ts) once they are here; until
 * then plain text split at blank lines, so the index can be built and tested on its own.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Chunk } from './contract'

export interface ReadDocument {
  title: string
  chunks: Chunk[]
}

export type Reader = (path: string, signal: AbortSignal) => Promise<ReadDocument>

const CHUNK_CHARS = 1200

export const readDocument: Reader = async (path, signal) => {
  const text = await readFile(path, { encoding: 'utf8', signal })
  const chunks: Chunk[] = []
  let current = ''
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (current && current.length + paragraph.length > CHUNK_CHARS) {
      chunks.push({ ordinal: chunks.length, text: current.trim() })
      current = ''
    }
    current += `${paragraph}\n\n`
  }
  if (current.trim()) chunks.push({ ordinal: chunks.length, text: current.trim() })
  return { title: basename(path), chunks }
}
