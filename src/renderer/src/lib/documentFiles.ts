import { MAX_FILE_BYTES } from './attachments'

/** Files that go to a chat's documents (read and searched by Aura) rather than into the message: what the picker adds. */
export const DOCUMENT_FILE_TYPES = ['.pdf', '.docx']

/** A PDF or Word file, or a file too big to go into a message whole, goes to the chat's documents. */
export function isDocumentFile(file: { name: string; size: number }): boolean {
  return /\.(pdf|docx)$/i.test(file.name) || file.size > MAX_FILE_BYTES
}
