/**
 * A bounded walk over a GGUF header, run before node-llama-cpp's parser ever sees the file. That
 * parser builds a JS value for every metadata item: one array of 115 million bytes makes V8 abort
 * the whole process, which nothing can catch. So every count and length is checked against a cap
 * before anything is read or allocated, the walk itself keeps only a 64 KiB window of the file, and
 * it checks what llama.cpp's own reader (ggml/src/gguf.cpp) checks when it opens the file: keys,
 * value types, tensor names, dimensions, weight types, and weights laid out one after another.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { words, type Words } from '../../../shared/i18n'

/** What any real model stays far below; a header over one of them is not read at all. */
export const GGUF_LIMITS = {
  /** Metadata entries (real models: ~20–60). */
  entries: 65_536,
  /** Items in all metadata arrays together (the largest vocabularies, 262,144 tokens with their scores and types, need ~800,000). */
  items: 4_194_304,
  /** Bytes of one string (chat templates are ~10 KiB; a whole tokenizer.json, 10 MiB). */
  stringBytes: 32 * 1024 * 1024,
  /** Bytes of the metadata and tensor list together (real models: up to ~20 MiB). */
  headerBytes: 64 * 1024 * 1024,
  /** Tensors (the largest models have a few thousand). */
  tensors: 65_536,
  /** Bytes of a key (llama.cpp's keys are under 64). */
  keyBytes: 65_535,
  /** llama.cpp's own limits: a tensor name under GGML_MAX_NAME (64) bytes, at most GGML_MAX_DIMS (4) dimensions. */
  tensorNameBytes: 63,
  dims: 4,
} as const

const CHUNK = 1 << 16
const DEFAULT_ALIGNMENT = 32

/** Bytes per item of fixed-size metadata value types, by GGUF value type id; 8 is a string, 9 an array. */
const scalarSizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }

/** The file is not a GGUF, or its header is damaged. The message says what, in plain words. */
export class GgufHeaderError extends Error {}

/** The header asks for more than any real model needs (a damaged or hostile file): it was not read. */
export class GgufLimitError extends GgufHeaderError {
  constructor(readonly said: Words) {
    super(said.text)
  }
}

/** What the walk learned that the caller needs. */
export interface GgufLayout {
  tensorCount: number
  /** Where the weights start, and the bytes they take (each tensor padded to the alignment). */
  dataStart: number
  dataBytes: number
}

/** A forward-only reader over a file through a 64 KiB window that never reads past the end. */
class FileCursor {
  private buffer = Buffer.alloc(0)
  private bufferStart = 0
  position = 0

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  get remaining(): number {
    return this.size - this.position
  }

  /** Makes `length` (≤ CHUNK) bytes at the position readable; resolves at once when they already are. */
  async need(length: number): Promise<void> {
    if (length > this.remaining) throw new GgufHeaderError('The file ends in the middle of its header.')
    if (this.position + length <= this.bufferStart + this.buffer.length) return
    const want = Math.min(CHUNK, this.remaining)
    const next = this.buffer.length === want ? this.buffer : Buffer.alloc(want)
    const { bytesRead } = await this.handle.read(next, 0, want, this.position)
    if (bytesRead < length) throw new GgufHeaderError('The file could not be read to the end of its header.')
    this.buffer = next
    this.bufferStart = this.position
  }

  private at(length: number): number {
    const offset = this.position - this.bufferStart
    this.position += length
    return offset
  }

  async u32(): Promise<number> {
    await this.need(4)
    return this.buffer.readUInt32LE(this.at(4))
  }

  /** A u64, as a number (values past 2^53 come back as Infinity: past every cap). */
  async u64(): Promise<number> {
    await this.need(8)
    return this.readU64()
  }

  private readU64(): number {
    const offset = this.at(8)
    const high = this.buffer.readUInt32LE(offset + 4)
    return high >= 0x200000 ? Infinity : high * 2 ** 32 + this.buffer.readUInt32LE(offset)
  }

  /** Skips `count` strings of at most `max` bytes each; waits only to refill the window (a vocabulary is ~10^5 strings). */
  async skipStrings(count: number, max: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      if (this.position + 8 > this.bufferStart + this.buffer.length) await this.need(8)
      const length = this.readU64()
      if (length > max) throw new GgufLimitError(words('models.headerLongText'))
      this.skip(length)
    }
  }

  /** A string of at most `max` bytes (read only after its length was checked). */
  async string(max: number): Promise<string> {
    const length = await this.u64()
    if (length > max) throw new GgufHeaderError('A name in its header is implausibly long.')
    await this.need(length)
    return this.buffer.toString('utf8', this.at(length), this.position - this.bufferStart)
  }

  skip(length: number): void {
    if (length > this.remaining) throw new GgufHeaderError('The header runs past the end of the file.')
    this.position += length
  }
}

/** Counts what the header has used so far against {@link GGUF_LIMITS}. */
class Budget {
  items = 0

  constructor(private readonly cursor: FileCursor) {}

  addItems(count: number): void {
    this.items += count
    if (this.items > GGUF_LIMITS.items) {
      throw new GgufLimitError(words('models.headerManyValues', { number: count }))
    }
  }

  checkBytes(): void {
    if (this.cursor.position > GGUF_LIMITS.headerBytes) throw new GgufLimitError(words('models.headerTooLarge'))
  }
}

/** Skips a metadata value; returns it when it is a u32 (for `general.alignment`). */
async function skipValue(cursor: FileCursor, budget: Budget, type: number): Promise<number | null> {
  if (type === 8) return cursor.skipStrings(1, GGUF_LIMITS.stringBytes).then(() => null)
  if (type === 9) {
    const itemType = await cursor.u32()
    const count = await cursor.u64()
    // llama.cpp reads no arrays of arrays.
    if (itemType === 9) throw new GgufHeaderError('Its header holds a list of lists, which GGUF models never have.')
    const size = scalarSizes[itemType]
    if (size === undefined && itemType !== 8) throw new GgufHeaderError('Its header holds a list of values of an unknown kind.')
    budget.addItems(count)
    // Each string takes at least its 8-byte length.
    if (count * (size ?? 8) > cursor.remaining) throw new GgufHeaderError('A list in its header runs past the end of the file.')
    if (size !== undefined) cursor.skip(count * size)
    else await cursor.skipStrings(count, GGUF_LIMITS.stringBytes)
    return null
  }
  const size = scalarSizes[type]
  if (size === undefined) throw new GgufHeaderError('Its header holds a value of an unknown kind.')
  if (type !== 4) return (cursor.skip(size), null)
  return cursor.u32()
}

/**
 * Walks the header of the GGUF file at `path` (of `size` bytes) in bounded memory and time.
 * Throws a GgufLimitError for a header past {@link GGUF_LIMITS}, a GgufHeaderError when the file
 * is not a GGUF or its header is damaged; returns where the weights are.
 */
export async function checkGgufHeader(path: string, size: number): Promise<GgufLayout> {
  if (size < 24) throw new GgufHeaderError(size === 0 ? 'The file is empty.' : 'The file is too small to be a model.')
  const handle = await open(path, 'r')
  try {
    return await walk(new FileCursor(handle, size))
  } finally {
    await handle.close()
  }
}

async function walk(cursor: FileCursor): Promise<GgufLayout> {
  await cursor.need(8)
  if ((await cursor.u32()) !== 0x46554747) throw new GgufHeaderError('The file does not start with "GGUF".')
  const version = await cursor.u32()
  if (version < 2 || version > 3) throw new GgufHeaderError(`It is a GGUF of version ${version}, which Aura cannot read.`)
  const tensorCount = await cursor.u64()
  const entryCount = await cursor.u64()
  if (tensorCount > GGUF_LIMITS.tensors) throw new GgufLimitError(words('models.headerManyTensors', { number: tensorCount }))
  if (entryCount > GGUF_LIMITS.entries) throw new GgufLimitError(words('models.headerManySettings', { number: entryCount }))

  const budget = new Budget(cursor)
  const keys = new Set<string>()
  let alignment = DEFAULT_ALIGNMENT
  for (let i = 0; i < entryCount; i++) {
    const key = await cursor.string(GGUF_LIMITS.keyBytes)
    if (key === '' || keys.has(key)) throw new GgufHeaderError('Its header has an empty or repeated setting name.')
    keys.add(key)
    const type = await cursor.u32()
    const value = await skipValue(cursor, budget, type)
    if (key === 'general.alignment') {
      if (value === null || value === 0 || (value & (value - 1)) !== 0) throw new GgufHeaderError('Its header gives an invalid alignment.')
      alignment = value
    }
    budget.checkBytes()
  }

  const names = new Set<string>()
  let dataBytes = 0
  for (let i = 0; i < tensorCount; i++) {
    const name = await cursor.string(GGUF_LIMITS.tensorNameBytes)
    if (name === '' || names.has(name)) throw new GgufHeaderError('Two of its weights have the same name, or one has none.')
    names.add(name)
    const dims = await cursor.u32()
    if (dims > GGUF_LIMITS.dims) throw new GgufHeaderError('A weight in its header has too many dimensions.')
    const shape: number[] = []
    for (let d = 0; d < dims; d++) shape.push(await cursor.u64())
    const bytes = ggmlTensorBytes(await cursor.u32(), shape)
    if (bytes === null) throw new GgufHeaderError('A weight in its header is of an unknown kind or shape.')
    // llama.cpp requires the weights one after another, each padded to the alignment.
    if ((await cursor.u64()) !== dataBytes) throw new GgufHeaderError('Its list of weights does not match where the weights are.')
    dataBytes += Math.ceil(bytes / alignment) * alignment
    budget.checkBytes()
  }
  return { tensorCount, dataStart: Math.ceil(cursor.position / alignment) * alignment, dataBytes }
}

/** [elements per block, bytes per block] of ggml tensor types, by type id (ggml/src/ggml.c, type_traits). */
const ggmlTypeSizes: Record<number, readonly [number, number]> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  9: [32, 36], // Q8_1
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  15: [256, 292], // Q8_K
  16: [256, 66], // IQ2_XXS
  17: [256, 74], // IQ2_XS
  18: [256, 98], // IQ3_XXS
  19: [256, 50], // IQ1_S
  20: [32, 18], // IQ4_NL
  21: [256, 110], // IQ3_S
  22: [256, 82], // IQ2_S
  23: [256, 136], // IQ4_XS
  24: [1, 1], // I8
  25: [1, 2], // I16
  26: [1, 4], // I32
  27: [1, 8], // I64
  28: [1, 8], // F64
  29: [256, 56], // IQ1_M
  30: [1, 2], // BF16
  34: [256, 54], // TQ1_0
  35: [256, 66], // TQ2_0
  39: [32, 17], // MXFP4
  40: [64, 36], // NVFP4
  41: [128, 18], // Q1_0
  42: [64, 18], // Q2_0
}

/** The ggml type ids this table knows (a test keeps it in step with node-llama-cpp's). */
export const GGML_TYPE_IDS: readonly number[] = Object.keys(ggmlTypeSizes).map(Number)

/**
 * Bytes a tensor of this ggml type and shape takes, or null for a type this table does not know or
 * a shape llama.cpp refuses (a row not a whole number of blocks, a size past 2^53).
 */
export function ggmlTensorBytes(ggmlType: number, dimensions: readonly (number | bigint)[]): number | null {
  const size = ggmlTypeSizes[ggmlType]
  if (!size) return null
  const [block, bytes] = size
  const row = Number(dimensions[0] ?? 1)
  if (row % block !== 0) return null
  const elements = dimensions.reduce<number>((a, b) => a * Number(b), 1)
  const total = (elements / block) * bytes
  return Number.isSafeInteger(total) ? total : null
}
