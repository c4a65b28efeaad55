import { realpath, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'

/** True when `child` is `parent` itself or lies below it. Both are resolved first; symlinks are not. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child))
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/**
 * The real path of `path` with symlinks resolved as far as it exists: a folder that is still to be
 * created is joined onto the real path of its nearest existing ancestor.
 */
export async function realpathLoose(path: string): Promise<string> {
  const absolute = resolve(path)
  try {
    return await realpath(absolute)
  } catch {
    const parent = dirname(absolute)
    if (parent === absolute) return absolute
    return join(await realpathLoose(parent), basename(absolute))
  }
}

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/**
 * `path` as it may be handed to the system's opener (which runs programs and opens documents):
 * its real path, and only when that is a folder — not a file, and not an app bundle (a folder
 * ending in `.app`, which macOS launches).
 */
export async function openableFolder(path: string): Promise<string> {
  let folder: string
  try {
    folder = await realpath(resolve(path))
  } catch {
    throw new AuraError('not_found', words('models.noFolder', { path }), { path })
  }
  if (!(await stat(folder)).isDirectory()) throw new AuraError('invalid_input', words('models.openFile', { path }), { path })
  if (/\.app$/i.test(basename(folder))) throw new AuraError('invalid_input', words('models.openApp', { path }), { path })
  return folder
}
