import type { Dirent } from 'node:fs'
import { mkdir, readdir, realpath, stat } from 'node:fs/promises'
import { basename, extname, isAbsolute, join, resolve as resolvePath } from 'node:path'
import { AuraError, type DiscoveredModel, type InstalledModel } from '../../../shared/api'
import { currentLanguage, words, type Language } from '../../../shared/i18n'
import { deleteModelFiles, realpathOr } from './deleteFiles'
import { discoverModels, type DiscoverOptions } from './discovery/discover'
import { listOllamaModels, ollamaModelsDirOfBlob } from './discovery/ollama'
import { errnoCode, isInside, realpathLoose } from './paths'
import {
  assignImportedIds,
  checkImportableFile,
  fileStem,
  importedAlias,
  MAX_IMPORTED_MODELS,
  missingImportedModel,
  normalizeImportPath,
  normalizeImports,
} from './importedModels'
import { parseShardName, readModelInfo, shardPaths } from './modelInfo'

/** How deep below the models folder to look (e.g. `publisher/repo/file.gguf` is depth 3). */
const MAX_DEPTH = 8

interface CacheEntry {
  signature: string
  info: InstalledModel
  /** The language its problem is said in: read again in another. */
  language: Language
}

/** An installed model, and whether it is used in place from outside the models folder. */
export interface LibraryModel extends InstalledModel {
  imported: boolean
}

export interface ModelLibraryOptions {
  /** Paths of .gguf files used in place, outside the models folder (settings' `importedModels`). */
  importedModels?: () => readonly string[]
}

export interface ImportModelResult {
  model: LibraryModel
  /** The new settings list to persist (unchanged when the file was already used). */
  importedModels: string[]
  /** False when the file was already imported or is in the models folder. */
  added: boolean
}

export type DeleteModelResult =
  /** A models-folder model: its file(s) are gone. */
  | { kind: 'deleted'; model: LibraryModel; files: string[] }
  /** An imported model: Aura forgets it (persist `importedModels`); its file stays where it is. */
  | { kind: 'forgotten'; model: LibraryModel; importedModels: string[] }

/**
 * The models folder: every `.gguf` file in it (and its sub-folders) is an installed model.
 * Split models (`name-00001-of-00003.gguf`, …) count once, by their first part. Unfinished
 * downloads (`.part`) and hidden folders are ignored. Reading a model's header is cached by
 * (path, size, modification time), so listing again is cheap.
 * Imported models (files used in place elsewhere) are listed too, with `imported: true`.
 */
export class ModelLibrary {
  private cache = new Map<string, CacheEntry>()
  /** Names of imported Ollama blobs, found in Ollama's manifests once. */
  private ollamaNames = new Map<string, string>()
  private readonly importedModels: () => readonly string[]

  constructor(
    private readonly modelsDir: () => string,
    options: ModelLibraryOptions = {},
  ) {
    this.importedModels = options.importedModels ?? (() => [])
  }

  /** Installed and imported models sorted by id; files that cannot be used are included with `problem` set. */
  async list(): Promise<LibraryModel[]> {
    const dir = resolvePath(this.modelsDir())
    await mkdir(dir, { recursive: true })
    const files = await findGgufFiles(dir)
    const entries = groupShards(files)
    const seen = new Set<string>()
    const models: LibraryModel[] = []
    for (const file of entries) {
      seen.add(cacheKey(dir, file))
      models.push({ ...(await this.info(file, dir)), imported: false })
    }
    const taken = new Set(models.map((m) => m.id))
    models.push(...(await this.listImported(this.importedModels(), dir, taken, seen)))
    for (const key of this.cache.keys()) if (!seen.has(key)) this.cache.delete(key)
    return models.sort((a, b) => a.id.localeCompare(b.id))
  }

  /**
   * The imported files as models. One whose file is gone is listed with a plain problem (rather
   * than dropped) so the user sees what happened and can remove it; files now inside the models
   * folder are left to the folder listing.
   */
  private async listImported(paths: readonly string[], dir: string, taken: ReadonlySet<string>, seen: Set<string>): Promise<LibraryModel[]> {
    const files = normalizeImports(paths).filter((file) => !isInside(dir, file))
    const entries = await Promise.all(files.map(async (file) => ({ file, stem: await this.importedStem(file) })))
    const ids = assignImportedIds(entries, taken)
    const models: LibraryModel[] = []
    for (const [index, { file, stem }] of entries.entries()) {
      const id = ids[index] ?? file
      if (!(await exists(file))) {
        models.push({ ...missingImportedModel(file, id, stem), imported: true })
        continue
      }
      const key = importedCacheKey(file)
      seen.add(key)
      const info = await this.info(file, dir, key)
      // A blob without a .gguf name (Ollama's) reads better under the name its app gave it.
      const name = info.name === basename(file) ? stem : info.name
      models.push({ ...info, id, name, imported: true })
    }
    return models
  }

  /** The id stem of an imported file; for an Ollama blob, the model's Ollama name. */
  private async importedStem(file: string): Promise<string> {
    const ollamaDir = ollamaModelsDirOfBlob(file)
    if (!ollamaDir) return fileStem(file)
    const known = this.ollamaNames.get(file)
    if (known) return known
    const models = await listOllamaModels(ollamaDir, { entries: 5_000 })
    const name = models.find((m) => m.file === file)?.names[0] ?? fileStem(file)
    this.ollamaNames.set(file, name)
    return name
  }

  /**
   * Uses the GGUF file at `path` in place (no copy). Checks that it is a readable, usable model and
   * returns the new import list for the caller to persist, with the model as it will be listed.
   * A file already imported, or inside the models folder, is returned as it is (`added: false`).
   * Throws `not_found` or `model_invalid` in plain words.
   */
  async importModel(path: string): Promise<ImportModelResult> {
    if (path.trim() === '') throw new AuraError('not_found', words('models.noFileChosen'))
    const file = normalizeImportPath(path)
    await checkImportableFile(resolvePath(path.trim()))
    const dir = resolvePath(this.modelsDir())
    const current = [...this.importedModels()]
    const models = await this.list()
    const realFile = await realpathOr(file)
    for (const model of models) {
      if (model.file === file || (await realpathOr(model.file)) === realFile) return { model, importedModels: current, added: false }
    }
    const checked = await readModelInfo(file, dir)
    if (checked.problem) throw new AuraError('model_invalid', checked.problem, { file })
    if (normalizeImports(current).length >= MAX_IMPORTED_MODELS) {
      throw new AuraError('invalid_input', words('models.tooManyImported', { count: MAX_IMPORTED_MODELS }))
    }
    const importedModels = [...current, file]
    const taken = new Set(models.filter((m) => !m.imported).map((m) => m.id))
    const listed = await this.listImported(importedModels, dir, taken, new Set())
    const model = listed.find((m) => m.file === file)
    if (!model) {
      // Only a file inside the models folder is left out of the imported list: one in a hidden sub-folder.
      throw new AuraError('model_invalid', words('models.hiddenFolder', { file }), { file })
    }
    return { model, importedModels, added: true }
  }

  /**
   * Deletes a model by its exact id: a models-folder model loses its file(s) (every part of a split
   * set, never anything outside the models folder); an imported model is only forgotten and its
   * file stays. The caller unloads the model from the engine first.
   */
  async deleteModel(id: string): Promise<DeleteModelResult> {
    const model = await this.listed(id)
    if (model.imported) {
      const importedModels = this.importedModels().filter((p) => p.trim() !== '' && normalizeImportPath(p) !== model.file)
      return { kind: 'forgotten', model, importedModels }
    }
    const dir = resolvePath(this.modelsDir())
    const files = await deleteModelFiles(shardPaths(model.file) ?? [model.file], dir)
    this.cache.delete(cacheKey(dir, model.file))
    return { kind: 'deleted', model, files }
  }

  /**
   * A listed model by its exact id (or an imported one's alias), whatever its problem: a damaged or
   * missing model must still be deletable. Throws `model_not_found`.
   */
  async listed(id: string): Promise<LibraryModel> {
    const models = await this.list()
    const model = models.find((m) => m.id === id) ?? models.find((m) => m.imported && importedAlias(m.id, m.file) === id)
    if (!model) throw new AuraError('model_not_found', words('models.nothingToDelete', { model: id }), { model: id })
    return model
  }

  /**
   * Models other apps downloaded (see {@link discoverModels}), each marked `imported` when Aura
   * already uses its file — imported, or inside the models folder.
   */
  async discover(options: Omit<DiscoverOptions, 'isImported'> = {}): Promise<DiscoveredModel[]> {
    const dir = resolvePath(this.modelsDir())
    const realDir = await realpathLoose(dir)
    const imported = normalizeImports(this.importedModels())
    const known = new Set([...imported, ...(await Promise.all(imported.map(realpathOr)))])
    return discoverModels({
      ...options,
      isImported: (file, real) => known.has(file) || known.has(real) || isInside(dir, file) || isInside(realDir, real),
    })
  }

  /**
   * An installed model by id, or any `.gguf` file by absolute path or by a path relative to the
   * working directory or the models folder. Throws `model_not_found`, or `model_invalid` (with the
   * plain-words problem) for a file that cannot be used.
   */
  async resolve(idOrPath: string): Promise<LibraryModel> {
    const wanted = idOrPath.trim()
    if (wanted === '') throw new AuraError('model_not_found', words('models.noModelChosen'))
    const dir = resolvePath(this.modelsDir())
    const models = await this.list()
    const byId =
      models.find((m) => m.id === wanted) ??
      unique(models.filter((m) => m.id.toLowerCase() === wanted.toLowerCase().replace(/\.gguf$/i, ''))) ??
      models.find((m) => m.imported && importedAlias(m.id, m.file) === wanted)
    const found = byId ?? findByPath(wanted, dir, models) ?? (await this.resolvePath(wanted, dir))
    if (!found) {
      const looksLikePath = /[\\/]|\.gguf$/i.test(wanted)
      throw new AuraError(
        'model_not_found',
        looksLikePath ? words('models.noFileAt', { path: wanted }) : words('models.notInstalled', { model: wanted }),
        { model: wanted },
      )
    }
    if (found.problem) throw new AuraError('model_invalid', found.problem, { modelId: found.id, file: found.file })
    return found
  }

  private async resolvePath(wanted: string, dir: string): Promise<LibraryModel | null> {
    const candidates = isAbsolute(wanted) ? [wanted] : [resolvePath(wanted), resolvePath(dir, wanted)]
    for (const candidate of candidates) {
      let isFile: boolean
      try {
        isFile = (await stat(candidate)).isFile()
      } catch {
        continue
      }
      if (!isFile) continue
      if (extname(candidate).toLowerCase() !== '.gguf') {
        throw new AuraError(
          'model_invalid',
          words('models.notAModelFile', { file: basename(candidate) }),
          { file: candidate },
        )
      }
      const first = shardPaths(candidate)?.[0] ?? candidate
      return { ...(await this.info(first, dir)), imported: false }
    }
    return null
  }

  private async info(file: string, dir: string, key = cacheKey(dir, file)): Promise<InstalledModel> {
    const signature = await fileSignature(file)
    const cached = this.cache.get(key)
    if (cached && cached.signature === signature && cached.language === currentLanguage()) return cached.info
    const info = await readModelInfo(file, dir)
    this.cache.set(key, { signature, info, language: currentLanguage() })
    return info
  }
}

function unique<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined
}

function cacheKey(dir: string, file: string): string {
  return `${dir}\0${file}`
}

/** Imported files are read the same whatever the models folder is. */
function importedCacheKey(file: string): string {
  return `imported\0${file}`
}

/** A listed model whose file (or any of its parts) is `wanted`, as an absolute path or relative to the working directory or the models folder. */
function findByPath(wanted: string, dir: string, models: readonly LibraryModel[]): LibraryModel | undefined {
  const candidates = isAbsolute(wanted) ? [wanted] : [resolvePath(wanted), resolvePath(dir, wanted)]
  for (const candidate of candidates) {
    const first = shardPaths(candidate)?.[0] ?? candidate
    const found = models.find((m) => m.file === first)
    if (found) return found
  }
  return undefined
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch (error) {
    return errnoCode(error) !== 'ENOENT' && errnoCode(error) !== 'ENOTDIR'
  }
}

/** Size and modification time of the file (and of every part of a split model). */
async function fileSignature(file: string): Promise<string> {
  const parts = shardPaths(file) ?? [file]
  const signatures = await Promise.all(
    parts.map(async (part) => {
      try {
        const s = await stat(part)
        return `${s.size}:${s.mtimeMs}`
      } catch {
        return 'missing'
      }
    }),
  )
  return signatures.join('|')
}

async function findGgufFiles(root: string): Promise<string[]> {
  const found: string[] = []
  const visited = new Set<string>()
  const walk = async (dir: string, depth: number): Promise<void> => {
    let real: string
    try {
      real = await realpath(dir)
    } catch {
      return
    }
    if (visited.has(real)) return
    visited.add(real)
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return // unreadable sub-folder: skip it rather than fail the whole list
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      let isDir = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path)
          isDir = target.isDirectory()
          isFile = target.isFile()
        } catch {
          continue // dangling link
        }
      }
      if (isDir && depth < MAX_DEPTH) await walk(path, depth + 1)
      else if (isFile && entry.name.toLowerCase().endsWith('.gguf')) found.push(path)
    }
  }
  await walk(root, 1)
  return found
}

/** One entry per model: plain files as they are, split sets by the path of their first part. */
function groupShards(files: string[]): string[] {
  const result = new Set<string>()
  for (const file of files) {
    const shard = parseShardName(basename(file))
    result.add(shard ? (shardPaths(file)?.[0] ?? file) : file)
  }
  return [...result]
}
