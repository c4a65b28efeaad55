import { readFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { ParsedDocument, Section } from '../contract'
import { unreadable } from './errors'
import { kindOf, type FileKind } from './kinds'
import { parseDocx } from './docx'
import { parseHtml } from './html'
import { parseMarkdown } from './markdown'
import { parsePdf } from './pdf'

export { readableExtensions } from './kinds'

/**
 * The largest file Aura reads as one document, checked before any of it is read: PDFs and Word files
 * are read whole into memory by their parsers, and a file bigger than this is a book scan or an
 * archive, not a document to search.
 */
export const MAX_DOCUMENT_BYTES = 100 * 1024 ** 2

export interface ParseOptions {
  /** Overrides {@link MAX_DOCUMENT_BYTES} (tests; a caller with its own limit). */
  maxBytes?: number
}

/**
 * Reads one file into sections that know their place (page or heading). Throws an AuraError with
 * plain words (and `data.reason`) for a file that is missing, too big, of an unknown type, without
 * text, password-protected or damaged; the caller goes on with its other files.
 */
export async function parseDocument(path: string, signal?: AbortSignal, options: ParseOptions = {}): Promise<ParsedDocument> {
  const absolute = resolve(path)
  const type = kindOf(absolute)
  if (!type) throw unreadable(absolute, 'unknown_type')
  const size = await sizeOf(absolute)
  const limit = options.maxBytes ?? MAX_DOCUMENT_BYTES
  if (size > limit) throw unreadable(absolute, 'too_big', { sizeBytes: size, limitBytes: limit })
  signal?.throwIfAborted()

  const { title, sections } = await read(absolute, type, signal)
  return {
    path: absolute,
    title: title?.trim() || basename(absolute),
    kind: type.kind,
    ...(type.language ? { language: type.language } : {}),
    sections,
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    const info = await stat(path)
    if (!info.isFile()) throw unreadable(path, 'unknown_type')
    return info.size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw unreadable(path, 'missing')
    throw error
  }
}

async function read(path: string, type: FileKind, signal?: AbortSignal): Promise<{ title?: string; sections: Section[] }> {
  switch (type.kind) {
    case 'pdf':
      return parsePdf(path, signal)
    case 'docx':
      return parseDocx(path, signal)
    case 'html':
      return parseHtml(await readText(path, signal))
    case 'markdown':
      return parseMarkdown(await readText(path, signal))
    case 'text':
    case 'code':
    default: {
      const text = (await readText(path, signal)).trim()
      return { sections: text ? [{ text }] : [] }
    }
  }
}

/** A text file as UTF-8 (a byte-order mark dropped); a file with NUL bytes is not text. */
async function readText(path: string, signal?: AbortSignal): Promise<string> {
  const text = await readFile(path, { encoding: 'utf8', signal })
  if (text.includes('\u0000')) throw unreadable(path, 'damaged')
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}
