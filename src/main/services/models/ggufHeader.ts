/**
 * A cheap, bounds-checked walk over a GGUF header, run before node-llama-cpp's parser: a garbage
 * length field (say "this string is 1 GB long") would otherwise make the parser allocate it.
 * It only checks that the structure fits in the file; the metadata itself is read by
 * `readGgufFileInfo`.
 */
import { open, type FileHandle } from 'node:fs/promises'

const MAX_KEY_LENGTH = 65_535
const MAX_COUNT = 50_000_000
const MAX_DIMS = 8
const CHUNK = 1 << 16

/** Bytes per element of fixed-size metadata value types (by GGUF value type id); 8 = string, 9 = array. */
const scalarSizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }

export class GgufHeaderError extends Error {}

/** A forward-only reader over a file, in 64 KiB chunks, that never reads past the end. */
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

  private async ensure(length: number): Promise<Buffer> {
    if (length > this.remaining) throw new GgufHeaderError('The header runs past the end of the file.')
    const offsetInBuffer = this.position - this.bufferStart
    if (offsetInBuffer + length <= this.buffer.length) return this.buffer
    const want = Math.min(Math.max(length, CHUNK), this.remaining)
    const next = Buffer.alloc(want)
    const { bytesRead } = await this.handle.read(next, 0, want, this.position)
    if (bytesRead < length) throw new GgufHeaderError('The file could not be read to the end of its header.')
    this.buffer = next.subarray(0, bytesRead)
    this.bufferStart = this.position
    return this.buffer
  }

  async u32(): Promise<number> {
    const b = await this.ensure(4)
    const v = b.readUInt32LE(this.position - this.bufferStart)
    this.position += 4
    return v
  }

  async u64(): Promise<number> {
    const b = await this.ensure(8)
    const v = b.readBigUInt64LE(this.position - this.bufferStart)
    this.position += 8
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v)
  }

  async bytes(length: number): Promise<Buffer> {
    const b = await this.ensure(length)
    const start = this.position - this.bufferStart
    this.position += length
    return b.subarray(start, start + length)
  }

  skip(length: number): void {
    if (length > this.remaining) throw new GgufHeaderError('The header runs past the end of the file.')
    this.position += length
  }
}

async function skipString(cursor: FileCursor, maxLength = Number.MAX_SAFE_INTEGER): Promise<void> {
  const length = await cursor.u64()
  if (length > maxLength) throw new GgufHeaderError('A name in the header is implausibly long.')
  cursor.skip(length)
}

async function skipValue(cursor: FileCursor, type: number, depth = 0): Promise<void> {
  if (type === 8) return skipString(cursor)
  if (type === 9) {
    if (depth > 2) throw new GgufHeaderError('The header nests arrays too deeply.')
    const itemType = await cursor.u32()
    const count = await cursor.u64()
    const size = scalarSizes[itemType]
    if (size !== undefined) {
      if (count * size > cursor.remaining) throw new GgufHeaderError('An array in the header runs past the end of the file.')
      cursor.skip(count * size)
      return
    }
    if (itemType !== 8 && itemType !== 9) throw new GgufHeaderError(`Unknown value type ${itemType} in the header.`)
    // Each string or array needs at least 8 bytes.
    if (count * 8 > cursor.remaining) throw new GgufHeaderError('An array in the header runs past the end of the file.')
    for (let i = 0; i < count; i++) await skipValue(cursor, itemType, depth + 1)
    return
  }
  const size = scalarSizes[type]
  if (size === undefined) throw new GgufHeaderError(`Unknown value type ${type} in the header.`)
  cursor.skip(size)
}

/**
 * Walks the header of the GGUF file at `path` (of `size` bytes) and throws a GgufHeaderError when
 * it is not a GGUF file or its header does not fit in the file.
 */
export async function checkGgufHeader(path: string, size: number): Promise<void> {
  if (size < 24) throw new GgufHeaderError(size === 0 ? 'The file is empty.' : 'The file is too small to be a model.')
  const handle = await open(path, 'r')
  try {
    const cursor = new FileCursor(handle, size)
    const magic = (await cursor.bytes(4)).toString('latin1')
    if (magic !== 'GGUF') throw new GgufHeaderError('The file does not start with "GGUF".')
    const version = await cursor.u32()
    if (version < 2 || version > 3) throw new GgufHeaderError(`Unsupported GGUF version ${version}.`)
    const tensorCount = await cursor.u64()
    const kvCount = await cursor.u64()
    if (tensorCount > MAX_COUNT || kvCount > MAX_COUNT) throw new GgufHeaderError('The header counts are implausible.')
    for (let i = 0; i < kvCount; i++) {
      await skipString(cursor, MAX_KEY_LENGTH)
      await skipValue(cursor, await cursor.u32())
    }
    for (let i = 0; i < tensorCount; i++) {
      await skipString(cursor, MAX_KEY_LENGTH)
      const dims = await cursor.u32()
      if (dims > MAX_DIMS) throw new GgufHeaderError('A tensor in the header has too many dimensions.')
      cursor.skip(dims * 8 + 4 + 8)
    }
  } finally {
    await handle.close()
  }
}

/** [elements per block, bytes per block] of ggml tensor types, by type id. */
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
}

/** Bytes a tensor of this ggml type and shape takes, or null for a type this table does not know. */
export function ggmlTensorBytes(ggmlType: number, dimensions: readonly (number | bigint)[]): number | null {
  const size = ggmlTypeSizes[ggmlType]
  if (!size) return null
  const elements = dimensions.reduce<number>((a, b) => a * Number(b), 1)
  return Math.ceil(elements / size[0]) * size[1]
}
