import { z } from 'zod'

/**
 * Documents (issue 18; docs/documents.md): collections of files indexed on this computer, searched by
 * keyword (BM25) and by meaning (vectors). The index's own shapes are in src/main/services/documents/contract.ts.
 */

/** A collection's or a chat's indexing under way: files done of total, and the time left (null until it can be guessed). */
export const DocumentsProgressSchema = z.object({
  /** The collection's name; a chat's own documents: `chat:<conversationId>`. */
  collection: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  failed: z.number().int(),
  /** Milliseconds left, from the bytes read so far; null at the start. */
  etaMs: z.number().nullable(),
  /** The file being read now; null once the run is over. */
  file: z.string().nullable(),
})
export type DocumentsProgress = z.infer<typeof DocumentsProgressSchema>

export const CollectionInfoSchema = z.object({
  name: z.string(),
  /** The folder it follows (files added, changed and removed there are indexed again); null for files added one by one. */
  folder: z.string().nullable(),
  documents: z.number().int(),
  failed: z.number().int(),
  chunks: z.number().int(),
  /** `indexing`: files are being read now (see `progress`); `ready`: every file is searchable; `problem`: the folder cannot be read. */
  status: z.enum(['indexing', 'ready', 'problem']),
  problem: z.string().nullable(),
  progress: DocumentsProgressSchema.nullable(),
})
export type CollectionInfo = z.infer<typeof CollectionInfoSchema>

export const DocumentInfoSchema = z.object({
  path: z.string(),
  title: z.string(),
  collection: z.string(),
  status: z.enum(['queued', 'indexed', 'failed']),
  /** Why it could not be read, in plain words (status `failed`). */
  problem: z.string().nullable(),
  chunks: z.number().int(),
  sizeBytes: z.number(),
  /** Its passages are also found by meaning (vectors), not only by keyword. */
  embedded: z.boolean(),
})
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>

export const PassageSchema = z.object({
  path: z.string(),
  title: z.string(),
  collection: z.string(),
  ordinal: z.number().int(),
  text: z.string(),
  page: z.number().int().optional(),
  heading: z.string().optional(),
  score: z.number(),
})

export const SearchResultSchema = z.object({
  passages: z.array(PassageSchema),
  /** `keyword`: no model for documents is installed (or none of the passages has vectors yet), so only words matched. */
  retrieval: z.enum(['hybrid', 'keyword']),
  /** What a user should know about these results, in plain words; null when nothing. */
  note: z.string().nullable(),
})
export type SearchResult = z.infer<typeof SearchResultSchema>

export const DocumentsStatusSchema = z.object({
  /** The installed model for documents in use; null: keyword search only. */
  modelId: z.string().nullable(),
  chunks: z.number().int(),
  embeddedChunks: z.number().int(),
})
export type DocumentsStatus = z.infer<typeof DocumentsStatusSchema>
