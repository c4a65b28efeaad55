/**
 * Imported models are .gguf files used in place, outside the models folder; settings keep only
 * their paths (`importedModels`). Their ids are `imported/<file name without .gguf>`: readable, and
 * stable as long as the list only grows at the end — a second file of the same name gets a short
 * hash of its path (`imported/<name>-1a2b3c`), which keeps working as an alias of that file.
 */
import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { AuraError, type InstalledModel } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { modelStem } from './discovery/files'
import { errnoCode } from './paths'
import { shardPaths, UNREADABLE_MODEL_PROBLEM } from './modelInfo'

export const IMPORTED_ID_PREFIX = 'imported/'
export const MAX_IMPORTED_MODELS = 1000

export function missingImportProblem(file: string): string {
  return `This model's file was moved or deleted: ${file}`
}

/** The path as the library keeps it: absolute, and the first part for a split model. */
export function normalizeImportPath(path: string): string {
  const absolute = resolve(path.trim())
  return shardPaths(absolute)?.[0] ?? absolute
}

/** The settings list normalized, without duplicates, in its order. */
export function normalizeImports(paths: readonly string[]): string[] {
  return [...new Set(paths.filter((p) => p.trim() !== '').map(normalizeImportPath))]
}

function pathHash(file: string): string {
  return createHash('sha256').update(file).digest('hex').slice(0, 6)
}

/**
 * Ids for imported files, in list order: `imported/<stem>`, or with `-<hash of the path>` when that
 * id is taken (by an earlier import or a models-folder model).
 */
export function assignImportedIds(entries: ReadonlyArray<{ file: string; stem: string }>, taken: ReadonlySet<string>): string[] {
  const used = new Set(taken)
  return entries.map(({ file, stem }) => {
    const plain = `${IMPORTED_ID_PREFIX}${stem}`
    const id = used.has(plain) ? `${plain}-${pathHash(file)}` : plain
    used.add(id)
    return id
  })
}

/** The hashed id of an imported model, which keeps naming it after an earlier namesake is removed. */
export function importedAlias(id: string, file: string): string {
  const suffix = `-${pathHash(file)}`
  return id.endsWith(suffix) ? id : `${id}${suffix}`
}

/** The id stem of a file: its name without `.gguf` (and shard suffix), else the name as it is. */
export function fileStem(file: string): string {
  const name = basename(file)
  return /\.gguf$/i.test(name) ? modelStem(name) : name
}

export function missingImportedModel(file: string, id: string, name: string): InstalledModel {
  return {
    id,
    name,
    file,
    sizeBytes: 0,
    architecture: null,
    parameters: null,
    contextLength: null,
    quantization: null,
    hasChatTemplate: false,
    problem: missingImportProblem(file),
  }
}

/**
 * Checks that `file` can be imported before its header is read: that it exists, is a file, can be
 * read, and starts like a GGUF model. Throws AuraError in plain words otherwise.
 */
export async function checkImportableFile(file: string): Promise<void> {
  let isFile: boolean
  try {
    isFile = (await stat(file)).isFile()
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EACCES' || code === 'EPERM') throw new AuraError('model_invalid', UNREADABLE_MODEL_PROBLEM, { file })
    throw new AuraError('not_found', words('models.noFileThere', { file }), { file })
  }
  if (!isFile) {
    throw new AuraError('model_invalid', words('models.isFolder', { file }), { file })
  }
  let magic: string
  try {
    const handle = await open(file, 'r')
    try {
      const bytes = Buffer.alloc(4)
      const { bytesRead } = await handle.read(bytes, 0, 4, 0)
      magic = bytes.subarray(0, bytesRead).toString('latin1')
    } finally {
      await handle.close()
    }
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EACCES' || code === 'EPERM') throw new AuraError('model_invalid', UNREADABLE_MODEL_PROBLEM, { file })
    throw error
  }
  if (magic !== 'GGUF') {
    throw new AuraError(
      'model_invalid',
      words('models.notUsable', { file: basename(file) }),
      { file },
    )
  }
}
