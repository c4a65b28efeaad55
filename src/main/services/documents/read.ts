/** A file into titled chunks: the parsers (parse/) then the splitter (chunk.ts). */
import type { Chunk } from './contract'
import { chunkDocument } from './chunk'
import { parseDocument } from './parse'

export interface ReadDocument {
  title: string
  chunks: Chunk[]
}

export type Reader = (path: string, signal: AbortSignal) => Promise<ReadDocument>

export const readDocument: Reader = async (path, signal) => {
  const parsed = await parseDocument(path, signal)
  return { title: parsed.title, chunks: chunkDocument(parsed) }
}
