import { stat } from 'node:fs/promises'
import { basename, isAbsolute, relative, sep } from 'node:path'
import type { GgufFileInfo } from 'node-llama-cpp'
import type * as NodeLlamaCpp from 'node-llama-cpp'
import type { InstalledModel } from '../../../shared/api'
import { architectureProblem, isEmbeddingModel } from './architectures'
import { say, words } from '../../../shared/i18n'
import { checkGgufHeader, ggmlTensorBytes, GgufLimitError } from './ggufHeader'

/** node-llama-cpp is imported on first use: it takes ~0.4 s to import, which start-up should not pay. */
let nodeLlamaCpp: Promise<typeof NodeLlamaCpp> | null = null
export function importNodeLlamaCpp(): Promise<typeof NodeLlamaCpp> {
  nodeLlamaCpp ??= import('node-llama-cpp')
  return nodeLlamaCpp
}

// English, for the API's errors and the tests; a listed model's problem is said in the user's language.
export const DAMAGED_MODEL_PROBLEM = words('models.damaged').text
export const INCOMPLETE_MODEL_PROBLEM = words('models.incomplete').text
export const UNREADABLE_MODEL_PROBLEM = words('models.unreadable').text
export const PROJECTOR_PROBLEM = words('models.projector').text

/** `name-00001-of-00003.gguf` */
const SHARD_PATTERN = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i

export interface ShardName {
  /** The file name without the shard suffix and extension. */
  base: string
  part: number
  count: number
}

export function parseShardName(fileName: string): ShardName | null {
  const match = SHARD_PATTERN.exec(fileName)
  if (!match) return null
  const part = Number(match[2])
  const count = Number(match[3])
  if (part < 1 || count < 2 || part > count) return null
  return { base: match[1] ?? '', part, count }
}

/** All part paths of a split model, given the path of any part. */
export function shardPaths(file: string): string[] | null {
  const shard = parseShardName(basename(file))
  if (!shard) return null
  const dir = file.slice(0, file.length - basename(file).length)
  const ext = basename(file).slice(-'.gguf'.length)
  const digits = (n: number) => String(n).padStart(5, '0')
  return Array.from({ length: shard.count }, (_, i) => `${dir}${shard.base}-${digits(i + 1)}-of-${digits(shard.count)}${ext}`)
}

/** The model id of `file`: its path relative to the models folder, `/`-separated, without `.gguf` or the shard suffix. */
export function modelIdFor(file: string, modelsDir: string): string {
  const rel = relative(modelsDir, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file
  const parts = rel.split(sep)
  const last = parts.pop() ?? ''
  const shard = parseShardName(last)
  const stem = shard ? shard.base : last.replace(/\.gguf$/i, '')
  return [...parts, stem].join('/')
}

function displayNameFromFile(file: string): string {
  const name = basename(file)
  const shard = parseShardName(name)
  return shard ? shard.base : name.replace(/\.gguf$/i, '')
}

function problemModel(file: string, modelsDir: string, sizeBytes: number, problem: string): InstalledModel {
  return {
    id: modelIdFor(file, modelsDir),
    name: displayNameFromFile(file),
    file,
    sizeBytes,
    architecture: null,
    parameters: null,
    contextLength: null,
    quantization: null,
    hasChatTemplate: false,
    problem,
  }
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'bigint') return Number(value)
  return null
}

/** "MOSTLY_Q4_K_M" → "Q4_K_M", "ALL_F32" → "F32". */
function fileTypeName(fileType: number, names: Record<number, string>): string | null {
  const name = names[fileType]
  return name ? name.replace(/^(MOSTLY|ALL)_/, '') : null
}

/** The ggml type holding most of the weights, as a name ("Q4_K", "F32"). */
function dominantTensorType(info: GgufFileInfo, names: Record<number, string>): string | null {
  const elementsByType = new Map<number, number>()
  for (const tensor of info.fullTensorInfo ?? []) {
    if (tensor.dimensions.length < 2) continue // norms and biases stay F32 in quantized files
    const elements = tensor.dimensions.reduce<number>((a, b) => a * Number(b), 1)
    elementsByType.set(tensor.ggmlType, (elementsByType.get(tensor.ggmlType) ?? 0) + elements)
  }
  let best: number | null = null
  for (const [type, elements] of elementsByType) if (best === null || elements > (elementsByType.get(best) ?? 0)) best = type
  return best === null ? null : (names[best] ?? null)
}

function friendlyName(info: GgufFileInfo, file: string): string {
  const general = info.metadata.general as { name?: unknown; architecture?: unknown; basename?: unknown; size_label?: unknown }
  const name = typeof general?.name === 'string' ? general.name.trim() : ''
  const architecture = typeof general?.architecture === 'string' ? general.architecture : ''
  // Converters often leave general.name as the architecture ("llama"): the file name says more.
  if (name && name.toLowerCase() !== architecture.toLowerCase() && name.length <= 120) return name
  return displayNameFromFile(file)
}

/**
 * Checks that every tensor's data lies within its file: a download cut short keeps a readable
 * header but loses the end of the data.
 */
function dataFitsFiles(info: GgufFileInfo, partSizes: readonly number[]): boolean {
  for (const tensor of info.fullTensorInfo ?? []) {
    const bytes = ggmlTensorBytes(tensor.ggmlType, tensor.dimensions)
    if (bytes === null) continue
    const partSize = partSizes[(tensor.filePart ?? 1) - 1]
    if (partSize === undefined) continue
    if (Number(tensor.fileOffset) + bytes > partSize) return false
  }
  return true
}

/**
 * Reads what the models screen shows about a GGUF file. Never throws for a bad file: a file that
 * cannot be used comes back with `problem` set to a plain-words reason.
 * For a split model pass the first part (`…-00001-of-0000N.gguf`); the parts are read together.
 */
export async function readModelInfo(file: string, modelsDir: string): Promise<InstalledModel> {
  const parts = shardPaths(file) ?? [file]
  const partSizes: number[] = []
  for (const [index, part] of parts.entries()) {
    try {
      const info = await stat(part)
      if (!info.isFile()) return problemModel(file, modelsDir, 0, say('models.partNotFile', { file: basename(part) }))
      partSizes.push(info.size)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const size = partSizes.reduce((a, b) => a + b, 0)
      if (code === 'EACCES' || code === 'EPERM') return problemModel(file, modelsDir, size, say('models.unreadable'))
      if (parts.length === 1) return problemModel(file, modelsDir, 0, say('models.fileGone'))
      return problemModel(
        file,
        modelsDir,
        size,
        say('models.partMissing', { part: index + 1, parts: parts.length, file: basename(part) }),
      )
    }
  }
  const sizeBytes = partSizes.reduce((a, b) => a + b, 0)

  let info: GgufFileInfo
  try {
    info = await readCheckedGguf(file, parts, partSizes)
  } catch (error) {
    // Anything else (a GgufHeaderError, node-llama-cpp's InvalidGgufMagicError, a RangeError from a
    // garbage length) means the file is not a usable GGUF.
    const code = (error as NodeJS.ErrnoException | undefined)?.code
    if (code === 'EACCES' || code === 'EPERM') return problemModel(file, modelsDir, sizeBytes, say('models.unreadable'))
    if (code === 'ENOENT') return problemModel(file, modelsDir, sizeBytes, say('models.fileGone'))
    if (error instanceof GgufLimitError) return problemModel(file, modelsDir, sizeBytes, say('models.hostile', { reason: error.said }))
    return problemModel(file, modelsDir, sizeBytes, say('models.damaged'))
  }

  const { GgufFileType, GgmlType } = await importNodeLlamaCpp()
  const general = info.metadata.general as { architecture?: unknown; file_type?: unknown } | undefined
  const architecture = typeof general?.architecture === 'string' ? general.architecture : null
  const fileType = asNumber(general?.file_type)
  const tokenizer = info.metadata.tokenizer as { chat_template?: unknown } | undefined
  const tensors = info.fullTensorInfo ?? []
  const parameters = tensors.length
    ? tensors.reduce((sum, t) => sum + t.dimensions.reduce<number>((a, b) => a * Number(b), 1), 0)
    : null

  const model: InstalledModel = {
    id: modelIdFor(file, modelsDir),
    name: friendlyName(info, file),
    file,
    sizeBytes,
    architecture,
    parameters,
    contextLength: asNumber((info.architectureMetadata as { context_length?: unknown } | undefined)?.context_length),
    quantization:
      (fileType !== null ? fileTypeName(fileType, GgufFileType as unknown as Record<number, string>) : null) ??
      dominantTensorType(info, GgmlType as unknown as Record<number, string>),
    hasChatTemplate: typeof tokenizer?.chat_template === 'string' && tokenizer.chat_template.trim() !== '',
    ...(isEmbeddingModel(architecture, info.architectureMetadata) && { embedding: true }),
    problem: null,
  }
  if (architecture === 'clip' || /^mmproj/i.test(basename(file))) return { ...model, problem: say('models.projector') }
  if (!architecture) return { ...model, problem: say('models.damaged') }
  if (!dataFitsFiles(info, partSizes)) return { ...model, problem: say('models.incomplete') }
  return { ...model, problem: architectureProblem(info, architecture) }
}

/**
 * node-llama-cpp's reading of a GGUF (every part of a split model), only once the bounded walk of
 * every part passed: its parser builds every metadata item in memory, and trusts the counts.
 * Throws a GgufHeaderError (a GgufLimitError past the caps) or the parser's error.
 */
export async function readCheckedGguf(file: string, parts: readonly string[], partSizes: readonly number[]): Promise<GgufFileInfo> {
  for (const [index, part] of parts.entries()) await checkGgufHeader(part, partSizes[index] ?? 0)
  const { readGgufFileInfo } = await importNodeLlamaCpp()
  return readGgufFileInfo(file, { logWarnings: false, sourceType: 'filesystem', spliceSplitFiles: parts.length > 1 })
}
