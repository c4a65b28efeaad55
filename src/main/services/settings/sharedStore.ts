import { fileStamp, withLockSync } from '../files'
import type { KeyValueStore } from '../ports'

/**
 * A settings store kept in `file` and shared with other processes on the same data folder: writes
 * take the file's lock, and its stamp tells when another process changed it.
 */
export function sharedStore(file: string, backing: Pick<KeyValueStore, 'read' | 'write'>): KeyValueStore {
  return {
    read: () => backing.read(),
    write: (value) => backing.write(value),
    exclusive: (work) => withLockSync(file, 'files.whatSettings', work),
    stamp: () => fileStamp(file),
  }
}
