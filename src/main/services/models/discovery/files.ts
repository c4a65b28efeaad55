import { open, readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseShardName, shardPaths } from '../modelInfo'

/** Config files of other apps are small; anything larger is not what we are looking for. */
const MAX_CONFIG_BYTES = 1 << 20

/** The text of a small file, or null when it is missing, unreadable or too large. */
export async function readSmallText(path: string): Promise<string | null> {
  try {
    const info = await stat(path)
    if (!info.isFile() || info.size > MAX_CONFIG_BYTES) return null
    return await readFile(path, 'utf8')
  } catch {
    return null
  }
}

/** A JSON file parsed, or null. */
export async function readSmallJson(path: string): Promise<unknown> {
  const text = await readSmallText(path)
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** A string field of a JSON object file, or null. */
export async function jsonStringField(path: string, field: string): Promise<string | null> {
  const value = (await readSmallJson(path)) as Record<string, unknown> | null
  const found = value && typeof value === 'object' ? value[field] : undefined
  return typeof found === 'string' && found.trim() !== '' ? found.trim() : null
}

/** Whether the file starts with the GGUF magic (Ollama's blobs have no extension to go by). */
export async function hasGgufMagic(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r')
    try {
      const magic = Buffer.alloc(4)
      const { bytesRead } = await handle.read(magic, 0, 4, 0)
      return bytesRead === 4 && magic.toString('latin1') === 'GGUF'
    } finally {
      await handle.close()
    }
  } catch {
    return false
  }
}

/** `Qwen3-4B-Q4_K_M.gguf` → `Qwen3-4B-Q4_K_M`; `big-00001-of-00003.gguf` → `big`. */
export function modelStem(fileName: string): string {
  return parseShardName(fileName)?.base ?? fileName.replace(/\.gguf$/i, '')
}

/** Vision projectors (`mmproj-…`) sit next to the models that use them but are not models themselves. */
export function isProjectorFile(fileName: string): boolean {
  return /^mmproj/i.test(fileName) || /[-_.]mmproj[-_.]/i.test(fileName)
}

export interface FoundModel {
  /** The file, or the first part of a split model. */
  file: string
  /** All parts together. */
  sizeBytes: number
}

/**
 * One entry per model from a list of `.gguf` files: split sets by their first part with the parts'
 * sizes added up. A set whose first part is missing is left out; so are projectors.
 */
export async function groupModelFiles(files: readonly string[]): Promise<FoundModel[]> {
  const firsts = new Set<string>()
  for (const file of files) {
    if (isProjectorFile(basename(file))) continue
    firsts.add(shardPaths(file)?.[0] ?? file)
  }
  const models: FoundModel[] = []
  for (const file of firsts) {
    let sizeBytes = 0
    try {
      for (const part of shardPaths(file) ?? [file]) {
        try {
          sizeBytes += (await stat(part)).size
        } catch (error) {
          if (part === file) throw error
        }
      }
    } catch {
      continue
    }
    models.push({ file, sizeBytes })
  }
  return models
}
