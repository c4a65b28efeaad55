import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../ports'

/**
 * Chats, usage, settings and keys are this user's alone: Aura makes its files 0600 and its folders
 * 0700 whatever the umask, and tightens what an older version left readable. POSIX only: on
 * Windows the data folder sits in the user's profile, which only the user can open.
 *
 * Model files are not private data and keep the ordinary mode (other apps may share a models
 * folder); inside the data folder they are out of others' reach anyway, as the folder is 0700.
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/** The folders under the data folder that hold only Aura's private files (models excluded). */
const PRIVATE_FOLDERS = ['conversations', 'usage', 'cache']

/** Makes `dir` (and any missing parent) with mode 0700. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
}

/**
 * At start: the data folder 0700; its own files, and the files in its private folders, 0600.
 * Never throws: a file it cannot change (owned by another user) is logged and left.
 */
export function tightenDataFolder(dataDir: string, logger: Logger, platform = process.platform): void {
  if (platform === 'win32') return
  const tighten = (path: string, mode: number) => {
    try {
      if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('Could not make a file private', { path, error: String(error) })
    }
  }
  const walk = (dir: string, files: 'all' | 'top') => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isFile()) tighten(path, PRIVATE_FILE_MODE)
      else if (entry.isDirectory() && (files === 'all' || PRIVATE_FOLDERS.includes(entry.name))) {
        tighten(path, PRIVATE_DIR_MODE)
        walk(path, 'all')
      }
    }
  }
  tighten(dataDir, PRIVATE_DIR_MODE)
  walk(dataDir, 'top')
}
