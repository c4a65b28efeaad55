import { realpath, rmdir, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { errnoCode, isInside, realpathLoose } from './paths'

/**
 * Deletes a model's files (every part of a split set) from the models folder, then the folders they
 * leave empty, up to but not including the models folder. Each file's real location is checked
 * first: a folder inside the models folder may be a link to one elsewhere, and "delete this model"
 * must never delete the user's files outside Aura's folder. A linked file is removed as a link; its
 * target stays. Returns the files deleted (parts already gone are skipped).
 */
export async function deleteModelFiles(files: readonly string[], modelsDir: string): Promise<string[]> {
  const dir = resolve(modelsDir)
  const realDir = await realpathLoose(dir)
  for (const file of files) {
    const where = join(await realpathLoose(dirname(resolve(file))), basename(file))
    if (!isInside(dir, resolve(file)) || !isInside(realDir, where) || where === realDir) {
      throw new AuraError(
        'invalid_input',
        words('models.outsideFolder', { file }),
        { file },
      )
    }
  }

  const deleted: string[] = []
  for (const file of files) {
    try {
      await unlink(file)
      deleted.push(file)
    } catch (error) {
      const code = errnoCode(error)
      if (code === 'ENOENT') continue
      const parts = { file, done: deleted.length, count: files.length }
      if (code === 'EBUSY') throw new AuraError('busy', words(deleted.length > 0 ? 'models.inUsePartly' : 'models.inUse', parts), { file })
      if (code === 'EACCES' || code === 'EPERM') {
        throw new AuraError('internal', words(deleted.length > 0 ? 'models.cannotDeletePartly' : 'models.cannotDelete', parts), { file })
      }
      throw error
    }
  }
  for (const file of files) await removeEmptyFolders(dirname(resolve(file)), dir)
  return deleted
}

/** Removes `folder` and its parents while they are empty, stopping at (and keeping) `stopAt`. */
export async function removeEmptyFolders(folder: string, stopAt: string): Promise<void> {
  let current = resolve(folder)
  const root = resolve(stopAt)
  while (current !== root && isInside(root, current)) {
    try {
      await rmdir(current)
    } catch {
      return // not empty (or not ours to remove): stop here
    }
    current = dirname(current)
  }
}

/** The real path, or the path itself when it cannot be resolved. */
export async function realpathOr(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return path
  }
}
