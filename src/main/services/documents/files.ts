import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { kindOf } from './parse/kinds'

/** Whether the parsers read files of this kind (others in a folder are passed over). */
export const isReadable = (path: string): boolean => kindOf(path) !== undefined

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
