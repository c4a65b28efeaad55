import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'

/** The kinds of file the parsers read (docs/documents.md "Reading files"); others in a folder are passed over. */
export const READABLE_EXTENSIONS = new Set([
  '.pdf', '.docx', '.md', '.markdown', '.txt', '.text', '.rst', '.html', '.htm', '.csv', '.json', '.yaml', '.yml', '.toml', '.xml',
  '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.py', '.rb', '.go', '.rs', '.java', '.kt', '.swift', '.c', '.h', '.cc', '.cpp', '.hpp',
  '.cs', '.php', '.sh', '.sql', '.css', '.scss', '.vue', '.svelte', '.lua', '.r', '.m', '.scala', '.dart',
])

export const isReadable = (path: string): boolean => READABLE_EXTENSIONS.has(extname(path).toLowerCase())

/** Folders never worth reading: hidden ones (.git) and installed packages. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'venv', '.venv'])

/** Every readable file under `folder`, sorted; hidden files and folders are passed over. */
export async function readableFiles(folder: string, signal?: AbortSignal): Promise<string[]> {
  const found: string[] = []
  const walk = async (dir: string): Promise<void> => {
    signal?.throwIfAborted()
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await walk(path)
      else if (entry.isFile() && isReadable(path)) found.push(path)
    }
  }
  await walk(folder)
  return found.sort()
}

/** SHA-256 of a file's bytes, streamed: whether a file whose time changed really changed. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash, { signal })
  return hash.digest('hex')
}
