import type { Dirent } from 'node:fs'
import { mkdir, readdir, stat, statfs } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { AuraError } from '../../../shared/api'
import { words, type Words } from '../../../shared/i18n'
import { formatBytes } from '../../../shared/units'
import { removeEmptyFolders } from './deleteFiles'
import { errnoCode, isInside, realpathLoose } from './paths'
import { DestinationExistsError, moveFileSafely } from './safeMove'

export interface MoveModelsFolderOptions {
  /** Move the model files too; false only creates the new folder (the caller points the setting at it). */
  moveFiles: boolean
  /** Copy even on the same device: the cross-device path, for tests. */
  forceCopy?: boolean
  /** Free bytes at a folder; `fs.statfs` by default (tests pass a small number). */
  freeBytes?: (dir: string) => Promise<number>
  /** After each file is moved. */
  onProgress?: (progress: { moved: number; total: number; file: string }) => void
}

export interface MoveModelsFolderResult {
  /** Model files moved (each part of a split model counts). */
  moved: number
}

/** Same depth as the library looks, so every file it lists is moved. */
const MAX_DEPTH = 8

async function defaultFreeBytes(dir: string): Promise<number> {
  const info = await statfs(dir)
  return info.bavail * info.bsize
}

/**
 * The `.gguf` files under `dir` that the library would list (hidden folders skipped), with links
 * to files kept as links and links to folders not followed: moving must not pull in files that
 * live elsewhere.
 */
async function collectModelFiles(dir: string): Promise<Array<{ path: string; size: number; isLink: boolean }>> {
  const found: Array<{ path: string; size: number; isLink: boolean }> = []
  const walk = async (folder: string, depth: number): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(folder, { withFileTypes: true })
    } catch (error) {
      if (folder === dir && errnoCode(error) === 'ENOENT') return
      throw error
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1)
      } else if (entry.name.toLowerCase().endsWith('.gguf')) {
        if (entry.isFile()) found.push({ path, size: (await stat(path)).size, isLink: false })
        else if (entry.isSymbolicLink() && (await stat(path).then((s) => s.isFile(), () => false))) found.push({ path, size: 0, isLink: true })
      }
    }
  }
  await walk(dir, 1)
  return found.sort((a, b) => a.path.localeCompare(b.path))
}

async function createFolder(to: string): Promise<void> {
  try {
    await mkdir(to, { recursive: true })
    if ((await stat(to)).isDirectory()) return
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new AuraError('invalid_input', words('models.cannotCreate', { path: to }), { path: to })
    }
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error
  }
  throw new AuraError('invalid_input', words('models.fileNotFolder', { path: to }), { path: to })
}

/**
 * Makes `to` the place for models: creates it and, with `moveFiles`, moves every model file from
 * `from` into it, keeping sub-folders, one file at a time, each either wholly moved or not at all
 * (see {@link moveFileSafely}). Checks first, before touching anything: that neither folder is
 * inside the other, that no file of the same name is in the way, and that a copy to another disk
 * fits in its free space. If a file fails midway, the files already moved are moved back, so the
 * models stay together in `from`; the error says what happened in plain words.
 */
export async function moveModelsFolder(from: string, to: string, options: MoveModelsFolderOptions): Promise<MoveModelsFolderResult> {
  const source = resolve(from)
  const target = resolve(to)
  if (options.moveFiles && source !== target) {
    const [realSource, realTarget] = await Promise.all([realpathLoose(source), realpathLoose(target)])
    if (realSource === realTarget) {
      await createFolder(target)
      return { moved: 0 } // the same folder by another path: nothing to move
    }
    if (isInside(realSource, realTarget)) {
      throw new AuraError('invalid_input', words('models.insideCurrent', { dir: source }), { path: target })
    }
    if (isInside(realTarget, realSource)) {
      throw new AuraError('invalid_input', words('models.containsCurrent', { dir: source }), { path: target })
    }
  }
  await createFolder(target)
  if (!options.moveFiles || source === target) return { moved: 0 }

  const files = await collectModelFiles(source)
  const plan = files.map((file) => ({ ...file, dest: join(target, relative(source, file.path)) }))
  for (const { dest } of plan) {
    const inTheWay = await stat(dest).then(
      () => true,
      (error: unknown) => errnoCode(error) !== 'ENOENT',
    )
    if (inTheWay) {
      throw new AuraError(
        'invalid_input',
        words('models.nameTaken', { file: relative(target, dest), dir: target }),
        { path: dest },
      )
    }
  }

  const sameDevice = (await stat(source).catch(() => null))?.dev === (await stat(target)).dev
  if (!sameDevice || options.forceCopy) {
    const needed = plan.reduce((sum, file) => sum + file.size, 0)
    const free = await (options.freeBytes ?? defaultFreeBytes)(target)
    if (needed > free) {
      throw new AuraError(
        'disk_full',
        words('models.noSpace', { needed: formatBytes(needed), free: formatBytes(free), dir: target }),
        { neededBytes: needed, freeBytes: free },
      )
    }
  }

  const done: typeof plan = []
  for (const file of plan) {
    try {
      await moveFileSafely(file.path, file.dest, { forceCopy: options.forceCopy })
    } catch (error) {
      throw await rollBack(done, source, target, file.path, error, options.forceCopy)
    }
    done.push(file)
    options.onProgress?.({ moved: done.length, total: plan.length, file: file.dest })
  }
  for (const file of plan) await removeEmptyFolders(dirname(file.path), source)
  return { moved: plan.length }
}

/** Moves the files already moved back to `source`, and builds the error to throw. */
async function rollBack(
  done: ReadonlyArray<{ path: string; dest: string }>,
  source: string,
  target: string,
  failedFile: string,
  cause: unknown,
  forceCopy: boolean | undefined,
): Promise<AuraError> {
  const stranded: string[] = []
  for (const file of [...done].reverse()) {
    try {
      await moveFileSafely(file.dest, file.path, { forceCopy })
    } catch {
      stranded.push(file.dest)
    }
  }
  for (const file of done) await removeEmptyFolders(dirname(file.dest), target)
  const code = errnoCode(cause)
  const reason = cause instanceof DestinationExistsError ? words('models.appeared', { file: relative(target, cause.path) }) : plainReason(cause)
  const where =
    stranded.length === 0
      ? words('models.nothingMoved', { dir: source })
      : words('models.stranded', { count: stranded.length, target, files: stranded.join(', '), source })
  return new AuraError(code === 'ENOSPC' ? 'disk_full' : 'internal', words('models.moveFailed', { file: relative(source, failedFile), reason, where }), {
    stranded,
  })
}

/** Why a file could not be moved, in words (with the system's code for whoever helps the user). */
function plainReason(cause: unknown): Words | string {
  const code = errnoCode(cause)
  switch (code) {
    case 'ENOSPC':
      return words('models.reasonFull')
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return words('models.reasonDenied')
    case 'EEXIST':
    case 'EISDIR':
    case 'ENOTDIR':
    case 'ENOTEMPTY':
      return words('models.reasonInTheWay', { code })
    case 'ENOENT':
      return words('models.reasonVanished')
    case 'EIO':
      return words('models.reasonDiskError')
    case undefined:
      return cause instanceof Error ? cause.message : String(cause)
    default:
      return words('models.reasonUnexpected', { code })
  }
}
