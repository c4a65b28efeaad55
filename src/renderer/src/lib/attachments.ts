import type { Attachment } from '../api'
import { formatBytes } from './format'

/** Files Aura reads as text: what the picker offers (a dropped file is judged by its bytes, whatever its name). */
export const TEXT_FILE_TYPES = [
  '.txt', '.md', '.markdown', '.csv', '.tsv', '.json', '.jsonl', '.yaml', '.yml', '.toml', '.xml', '.html', '.css', '.log', '.ini', '.cfg',
  '.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.py', '.rb', '.go', '.rs', '.java', '.kt', '.c', '.h', '.cpp', '.hpp', '.cs', '.php',
  '.swift', '.sh', '.sql', '.r', '.lua', '.vue', '.svelte', '.scala', '.dart', '.tex', '.rst',
]

/** The largest file read at all, 1 MiB (shared/api ATTACHMENT_LIMITS: about 260,000 tokens of text). */
export const MAX_FILE_BYTES = 1_048_576
export const MAX_FILES = 10
/** All the files of one message (ATTACHMENT_LIMITS.totalChars): a message must stay under the browser bridge's 4 MiB. */
export const MAX_TOTAL_BYTES = 2_097_152

/** A file the composer holds, ready to go with the message. */
export interface HeldFile extends Attachment {
  /** Tells two files of the same name apart in the list. */
  key: string
}

export type FileReading = { ok: true; file: HeldFile } | { ok: false; problem: string }

let nextKey = 0

/**
 * Reads a file in the page (browser mode has no paths: the page's File is all there is). Refuses in
 * plain words a file that is too big to attach or is not text (a NUL byte, or bytes that are not
 * UTF-8). Whether it fits the model's window is the composer's check, with the rest of the chat.
 */
export async function readTextFile(file: Blob & { name: string }): Promise<FileReading> {
  if (file.size > MAX_FILE_BYTES) {
    return { ok: false, problem: `“${file.name}” is too big to attach (${formatBytes(file.size)}; up to ${formatBytes(MAX_FILE_BYTES)}). Attach the part you need, or split it.` }
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const notText = { ok: false as const, problem: `“${file.name}” is not a text file, so Aura can’t read it. Attach text: .txt, .md, .csv, .json or code.` }
  if (bytes.includes(0)) return notText
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return notText
  }
  // Windows line ends and a byte-order mark carry nothing for the model.
  text = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')
  return { ok: true, file: { key: `file-${++nextKey}`, name: file.name, size: file.size, text } }
}

/** The files as the message carries them (without the composer's keys). */
export const toAttachments = (files: readonly HeldFile[]): Attachment[] => files.map(({ name, size, text }) => ({ name, size, text }))
