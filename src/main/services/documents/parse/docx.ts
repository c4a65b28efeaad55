import { readFile } from 'node:fs/promises'
import mammoth from 'mammoth'
import type { Section } from '../contract'
import { unreadable } from './errors'
import { parseHtml } from './html'

/** The start of an OLE compound file: what Word saves a password-protected .docx as (and an old .doc is). */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
/** The stream an encrypted Office file keeps its key data in, named in UTF-16 in the compound file's directory. */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le')

/**
 * A Word file's text under its headings: mammoth turns Word's heading styles into h1–h6 and the HTML
 * reader does the rest, so Word and HTML files cite their places the same way.
 */
export async function parseDocx(path: string, signal?: AbortSignal): Promise<{ title?: string; sections: Section[] }> {
  const buffer = await readFile(path, { signal })
  if (buffer.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) {
    throw unreadable(path, buffer.includes(ENCRYPTION_INFO) ? 'password' : 'damaged')
  }
  let html: string
  try {
    html = (await mammoth.convertToHtml({ buffer })).value
  } catch {
    throw unreadable(path, 'damaged')
  }
  signal?.throwIfAborted()
  return parseHtml(html)
}
