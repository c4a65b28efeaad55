import { randomUUID } from 'node:crypto'
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { AuraError } from '../../../shared/api'
import { words, type MessageKey } from '../../../shared/i18n'
import { PRIVATE_FILE_MODE } from './privateFiles'

/**
 * A lock shared by every process on this data folder (the desktop app, `aura serve`, the CLI): the
 * file `<path>.lock`, made with O_EXCL, holding its owner's pid, host and a nonce. Holders keep it
 * for one read-and-write (milliseconds), so a lock whose owner died on this computer, or one older
 * than STALE_MS, is taken over. Waiters poll every RETRY_MS and give up after WAIT_MS.
 */
const STALE_MS = 10_000
const WAIT_MS = 5_000
const RETRY_MS = 4

const owner = `${process.pid}@${hostname()}`
const pause = new Int32Array(new SharedArrayBuffer(4))

/** What a lock keeps busy, as the busy error names it (area `files` of src/shared/i18n). */
export type Busy = Extract<MessageKey, `files.what${string}`>

/** Runs `work` holding the lock on `path` (sync: the settings store is synchronous). */
export function withLockSync<T>(path: string, what: Busy, work: () => T): T {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const release = tryLock(path)
    if (release) {
      try {
        return work()
      } finally {
        release()
      }
    }
    if (Date.now() > deadline) throw lockTimeout(what)
    Atomics.wait(pause, 0, 0, RETRY_MS)
  }
}

/** Runs `work` holding the lock on `path`, waiting for other processes without blocking this one. */
export async function withLock<T>(path: string, what: Busy, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const release = tryLock(path)
    if (release) {
      try {
        return await work()
      } finally {
        release()
      }
    }
    if (Date.now() > deadline) throw lockTimeout(what)
    await sleep(RETRY_MS)
  }
}

function lockTimeout(what: Busy): AuraError {
  return new AuraError('busy', words('files.busy', { what: words(what), seconds: WAIT_MS / 1000 }))
}

/** Takes the lock if it is free (or stale); returns how to release it, or null when another process holds it. */
function tryLock(path: string): (() => void) | null {
  const lockFile = `${path}.lock`
  const token = `${owner} ${randomUUID()}`
  let fd: number
  try {
    fd = openSync(lockFile, 'wx', PRIVATE_FILE_MODE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    removeIfStale(lockFile)
    return null
  }
  try {
    writeSync(fd, token)
  } finally {
    closeSync(fd)
  }
  return () => {
    // Ours unless it was taken over as stale (held past STALE_MS): then it is no longer ours to remove.
    if (readOrNull(lockFile) === token) unlinkQuietly(lockFile)
  }
}

function removeIfStale(lockFile: string): void {
  const content = readOrNull(lockFile)
  if (content === null) return
  let ageMs: number
  try {
    ageMs = Date.now() - statSync(lockFile).mtimeMs
  } catch {
    return
  }
  const [who = ''] = content.split(' ')
  const [pid, host] = who.split('@')
  const deadHere = host === hostname() && Number(pid) > 0 && !isAlive(Number(pid))
  // An empty file is a lock being written this very moment, unless it is old.
  if (!deadHere && ageMs < STALE_MS) return
  // Judge and remove the same lock: if another waiter replaced it meanwhile, leave theirs.
  if (readOrNull(lockFile) === content) unlinkQuietly(lockFile)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // already gone
  }
}
