import type { Dirent } from 'node:fs'
import { mkdir, readdir, realpath, stat } from 'node:fs/promises'
import { basename, extname, isAbsolute, join, resolve as resolvePath } from 'node:path'
import { AuraError, type InstalledModel } from '../../../shared/api'
import { parseShardName, readModelInfo, shardPaths } from './modelInfo'

/** How deep below the models folder to look (e.g. `publisher/repo/file.gguf` is depth 3). */
const MAX_DEPTH = 8

interface CacheEntry {
  signature: string
  info: InstalledModel
}

/**
 * The models folder: every `.gguf` file in it (and its sub-folders) is an installed model.
 * Split models (`name-00001-of-00003.gguf`, …) count once, by their first part. Unfinished
 * downloads (`.part`) and hidden folders are ignored. Reading a model's header is cached by
 * (path, size, modification time), so listing again is cheap.
 */
export class ModelLibrary {
  private cache = new Map<string, CacheEntry>()

  constructor(private readonly modelsDir: () => string) {}

  /** Installed models sorted by id; files that cannot be used are included with `problem` set. */
  async list(): Promise<InstalledModel[]> {
    const dir = resolvePath(this.modelsDir())
    await mkdir(dir, { recursive: true })
    const files = await findGgufFiles(dir)
    const entries = groupShards(files)
    const seen = new Set<string>()
    const models: InstalledModel[] = []
    for (const file of entries) {
      seen.add(cacheKey(dir, file))
      models.push(await this.info(file, dir))
    }
    for (const key of this.cache.keys()) if (key.startsWith(`${dir}\0`) && !seen.has(key)) this.cache.delete(key)
    return models.sort((a, b) => a.id.localeCompare(b.id))
  }

  /**
   * An installed model by id, or any `.gguf` file by absolute path or by a path relative to the
   * working directory or the models folder. Throws `model_not_found`, or `model_invalid` (with the
   * plain-words problem) for a file that cannot be used.
   */
  async resolve(idOrPath: string): Promise<InstalledModel> {
    const wanted = idOrPath.trim()
    if (wanted === '') throw new AuraError('model_not_found', 'No model was chosen. Pick a model first.')
    const dir = resolvePath(this.modelsDir())
    const models = await this.list()
    const byId =
      models.find((m) => m.id === wanted) ??
      unique(models.filter((m) => m.id.toLowerCase() === wanted.toLowerCase().replace(/\.gguf$/i, '')))
    const found = byId ?? (await this.resolvePath(wanted, dir))
    if (!found) {
      const looksLikePath = /[\\/]|\.gguf$/i.test(wanted)
      throw new AuraError(
        'model_not_found',
        looksLikePath
          ? `There is no model file at ${wanted}. Check the path, or use a model from Settings → AI Models.`
          : `The model "${wanted}" is not installed. Choose another model, or download it in Settings → AI Models.`,
        { model: wanted },
      )
    }
    if (found.problem) throw new AuraError('model_invalid', found.problem, { modelId: found.id, file: found.file })
    return found
  }

  private async resolvePath(wanted: string, dir: string): Promise<InstalledModel | null> {
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
          `"${basename(candidate)}" is not a model file. Aura runs GGUF models (files ending in .gguf).`,
          { file: candidate },
        )
      }
      const first = shardPaths(candidate)?.[0] ?? candidate
      return this.info(first, dir)
    }
    return null
  }

  private async info(file: string, dir: string): Promise<InstalledModel> {
    const key = cacheKey(dir, file)
    const signature = await fileSignature(file)
    const cached = this.cache.get(key)
    if (cached && cached.signature === signature) return cached.info
    const info = await readModelInfo(file, dir)
    this.cache.set(key, { signature, info })
    return info
  }
}

function unique<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined
}

function cacheKey(dir: string, file: string): string {
  return `${dir}\0${file}`
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
