import { realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

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

/** "4.2 GB", "830 MB": sizes in the words of the models screen. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${value} bytes` : `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}
