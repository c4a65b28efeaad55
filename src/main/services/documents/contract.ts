/**
 * The parts of documents (issue 18) and how they meet: a file is parsed into sections that know where
 * they are (page or heading), split into chunks, embedded and stored; a search returns passages that
 * say where they came from, so an answer can cite them.
 */

/** What a parser read from one file, in reading order. */
export interface ParsedDocument {
  /** Absolute path of the file. */
  path: string
  /** A name to show: the document's own title where it has one, else the file name. */
  title: string
  kind: 'pdf' | 'docx' | 'markdown' | 'html' | 'text' | 'code'
  /** The programming language of a code file ("TypeScript", "Python"), from its extension. */
  language?: string
  sections: Section[]
}

/** A run of text with its place: PDFs give pages; Markdown, HTML and Word give headings. */
export interface Section {
  text: string
  /** 1-based page number (PDF). */
  page?: number
  /** The nearest heading above the text, e.g. "Install › On Windows". */
  heading?: string
}

/** A piece small enough to embed and to quote, with the place of its first words. */
export interface Chunk {
  /** Position within its document, from 0. */
  ordinal: number
  text: string
  page?: number
  heading?: string
}

/** A search result: a chunk with its document and how well it matched (higher is better). */
export interface Passage extends Chunk {
  path: string
  title: string
  collection: string
  score: number
}

/** Where a search looks: named collections and single files (a chat's attachments); both empty = nothing. */
export interface SearchScope {
  collections?: string[]
  files?: string[]
}

/** What a chat needs from the documents index: the passages that best answer a question, best first. */
export interface Library {
  search(query: string, scope: SearchScope, limit: number, signal?: AbortSignal): Promise<Passage[]>
}
