import { constants } from 'node:fs'
import { copyFile, lstat, mkdir, open, realpath, rename, stat, symlink, unlink, utimes } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { errnoCode } from './paths'

/**
 * Where a file is copied before it gets its real name. Hidden and not ending in `.gguf`, so the
 * library never lists it: an interrupted copy can never be taken for a model.
 */
export function copyTempPath(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.aura-moving`)
}

export class DestinationExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`)
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false
    throw error
  }
}

/** Makes a rename in `dir` durable; not every platform can open a folder for that (Windows), which is fine. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // best effort
  }
}

/** Copy to a temp name, flush it to disk, check the size, give it its name, then delete the source. */
async function copyThenDelete(src: string, dest: string): Promise<void> {
  const temp = copyTempPath(dest)
  const source = await stat(src)
  try {
    await unlink(temp).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') throw error // a leftover of an interrupted move goes; anything else is in the way
    })
    await copyFile(src, temp, constants.COPYFILE_EXCL)
    const handle = await open(temp, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    const copied = await stat(temp)
    if (copied.size !== source.size) throw new Error(`the copy of ${basename(src)} has ${copied.size} bytes instead of ${source.size}`)
    await utimes(temp, source.atime, source.mtime)
    if (await exists(dest)) throw new DestinationExistsError(dest)
    await rename(temp, dest)
    await syncFolder(dirname(dest))
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  try {
    await unlink(src)
  } catch (error) {
    // Keep exactly one copy: undo rather than leave the model in two places.
    await unlink(dest).catch(() => {})
    throw error
  }
}

/**
 * Moves one file so that at every moment exactly one complete copy carries its name: a rename
 * when source and destination share a device (instant, atomic); otherwise (or with `forceCopy`) a
 * copy under a hidden temp name, flushed and size-checked, renamed into place, and only then the
 * source deleted. A symlink is moved as a link to the same target. Never overwrites `dest`.
 */
export async function moveFileSafely(src: string, dest: string, options: { forceCopy?: boolean } = {}): Promise<void> {
  await mkdir(dirname(dest), { recursive: true })
  if (await exists(dest)) throw new DestinationExistsError(dest)
  const info = await lstat(src)
  if (info.isSymbolicLink()) {
    await symlink(await realpath(src), dest)
    await unlink(src)
    return
  }
  if (!options.forceCopy) {
    try {
      await rename(src, dest)
      return
    } catch (error) {
      if (errnoCode(error) !== 'EXDEV') throw error
    }
  }
  await copyThenDelete(src, dest)
}
