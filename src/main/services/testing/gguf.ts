/**
 * A minimal GGUF (version 3) writer: enough to produce real, loadable model files for tests.
 *
 * Layout (little endian): magic "GGUF", u32 version, u64 tensor count, u64 metadata count, the
 * metadata key/value pairs, the tensor infos (name, dims, ggml type, offset into the data section),
 * padding to `general.alignment` (32), then the tensor data, each tensor aligned to 32 bytes.
 * See https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
 */
import { open } from 'node:fs/promises'

export const GGUF_MAGIC = 'GGUF'
export const GGUF_DEFAULT_ALIGNMENT = 32

const ValueType = {
  Uint8: 0,
  Int8: 1,
  Uint16: 2,
  Int16: 3,
  Uint32: 4,
  Int32: 5,
  Float32: 6,
  Bool: 7,
  String: 8,
  Array: 9,
  Uint64: 10,
  Int64: 11,
  Float64: 12,
} as const

type ScalarKind = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'bool' | 'string' | 'u64' | 'i64' | 'f64'

export type GgufScalar =
  | { kind: 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64'; value: number }
  | { kind: 'u64' | 'i64'; value: number | bigint }
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; value: string }

export type GgufValue =
  | GgufScalar
  | { kind: 'array'; itemKind: 'string'; values: readonly string[] }
  | { kind: 'array'; itemKind: 'bool'; values: readonly boolean[] }
  | { kind: 'array'; itemKind: Exclude<ScalarKind, 'string' | 'bool'>; values: readonly number[] }

/** Shorthands for metadata values. */
export const gguf = {
  u32: (value: number): GgufValue => ({ kind: 'u32', value }),
  i32: (value: number): GgufValue => ({ kind: 'i32', value }),
  u16: (value: number): GgufValue => ({ kind: 'u16', value }),
  f32: (value: number): GgufValue => ({ kind: 'f32', value }),
  u64: (value: number | bigint): GgufValue => ({ kind: 'u64', value }),
  bool: (value: boolean): GgufValue => ({ kind: 'bool', value }),
  str: (value: string): GgufValue => ({ kind: 'string', value }),
  strings: (values: readonly string[]): GgufValue => ({ kind: 'array', itemKind: 'string', values }),
  f32s: (values: readonly number[]): GgufValue => ({ kind: 'array', itemKind: 'f32', values }),
  i32s: (values: readonly number[]): GgufValue => ({ kind: 'array', itemKind: 'i32', values }),
}

/**
 * A tensor: F32 values, or F16 values given as their IEEE half-precision bits (see {@link toF16}).
 * `dims` are in ggml order: `dims[0]` is the fastest-varying (row length).
 */
export type GgufTensor = GgufTensorInfo & { data: Float32Array | Uint16Array }

/** A tensor whose data is made only when it is written (see {@link writeGguf}): big models never sit in memory whole. */
export type LazyGgufTensor = GgufTensorInfo & { data: Float32Array | Uint16Array | (() => Float32Array | Uint16Array) }

export interface GgufTensorInfo {
  name: string
  dims: readonly number[]
  /** Default: `f32` for a Float32Array, `f16` for a Uint16Array. */
  type?: GgufTensorType
}

export type GgufTensorType = 'f32' | 'f16'

const GGML_TYPE = { f32: 0, f16: 1 } as const
const BYTES_PER_VALUE = { f32: 4, f16: 2 } as const

const f32Scratch = new Float32Array(1)
const u32Scratch = new Uint32Array(f32Scratch.buffer)

/** The IEEE 754 half-precision bits of a number (round to nearest even; overflow to ±infinity). */
export function toF16(value: number): number {
  f32Scratch[0] = value
  const x = u32Scratch[0]!
  const sign = (x >>> 16) & 0x8000
  const exponent = (x >>> 23) & 0xff
  let mantissa = x & 0x7fffff
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0)
  const e = exponent - 127 + 15
  if (e >= 0x1f) return sign | 0x7c00
  if (e <= 0) {
    if (e < -10) return sign
    mantissa |= 0x800000
    const shift = 14 - e
    const half = 1 << (shift - 1)
    let bits = mantissa >>> shift
    const rest = mantissa & ((1 << shift) - 1)
    if (rest > half || (rest === half && bits & 1)) bits++
    return sign | bits
  }
  let bits = (e << 10) | (mantissa >>> 13)
  const rest = mantissa & 0x1fff
  if (rest > 0x1000 || (rest === 0x1000 && bits & 1)) bits++
  return sign | bits
}

function tensorType(tensor: GgufTensorInfo & { data: unknown }): GgufTensorType {
  return tensor.type ?? (tensor.data instanceof Uint16Array ? 'f16' : 'f32')
}

const valueTypeOf: Record<ScalarKind, number> = {
  u8: ValueType.Uint8,
  i8: ValueType.Int8,
  u16: ValueType.Uint16,
  i16: ValueType.Int16,
  u32: ValueType.Uint32,
  i32: ValueType.Int32,
  f32: ValueType.Float32,
  bool: ValueType.Bool,
  string: ValueType.String,
  u64: ValueType.Uint64,
  i64: ValueType.Int64,
  f64: ValueType.Float64,
}

/** Growable little-endian byte sink. */
class ByteWriter {
  private buffer = Buffer.alloc(1 << 16)
  length = 0

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    let size = this.buffer.length * 2
    while (size < this.length + extra) size *= 2
    const next = Buffer.alloc(size)
    this.buffer.copy(next, 0, 0, this.length)
    this.buffer = next
  }

  u8(v: number): void {
    this.ensure(1)
    this.length = this.buffer.writeUInt8(v, this.length)
  }
  i8(v: number): void {
    this.ensure(1)
    this.length = this.buffer.writeInt8(v, this.length)
  }
  u16(v: number): void {
    this.ensure(2)
    this.length = this.buffer.writeUInt16LE(v, this.length)
  }
  i16(v: number): void {
    this.ensure(2)
    this.length = this.buffer.writeInt16LE(v, this.length)
  }
  u32(v: number): void {
    this.ensure(4)
    this.length = this.buffer.writeUInt32LE(v, this.length)
  }
  i32(v: number): void {
    this.ensure(4)
    this.length = this.buffer.writeInt32LE(v, this.length)
  }
  f32(v: number): void {
    this.ensure(4)
    this.length = this.buffer.writeFloatLE(v, this.length)
  }
  f64(v: number): void {
    this.ensure(8)
    this.length = this.buffer.writeDoubleLE(v, this.length)
  }
  u64(v: number | bigint): void {
    this.ensure(8)
    this.length = this.buffer.writeBigUInt64LE(BigInt(v), this.length)
  }
  i64(v: number | bigint): void {
    this.ensure(8)
    this.length = this.buffer.writeBigInt64LE(BigInt(v), this.length)
  }
  bytes(data: Uint8Array): void {
    this.ensure(data.length)
    this.buffer.set(data, this.length)
    this.length += data.length
  }
  string(s: string): void {
    const data = Buffer.from(s, 'utf8')
    this.u64(data.length)
    this.bytes(data)
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment
    this.ensure(pad)
    this.buffer.fill(0, this.length, this.length + pad)
    this.length += pad
  }
  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length)
  }
}

function writeScalar(w: ByteWriter, kind: ScalarKind, value: number | bigint | boolean | string): void {
  switch (kind) {
    case 'u8':
      return w.u8(value as number)
    case 'i8':
      return w.i8(value as number)
    case 'u16':
      return w.u16(value as number)
    case 'i16':
      return w.i16(value as number)
    case 'u32':
      return w.u32(value as number)
    case 'i32':
      return w.i32(value as number)
    case 'f32':
      return w.f32(value as number)
    case 'f64':
      return w.f64(value as number)
    case 'u64':
      return w.u64(value as number | bigint)
    case 'i64':
      return w.i64(value as number | bigint)
    case 'bool':
      return w.u8(value ? 1 : 0)
    case 'string':
      return w.string(value as string)
  }
}

function writeValue(w: ByteWriter, value: GgufValue): void {
  if (value.kind === 'array') {
    w.u32(ValueType.Array)
    w.u32(valueTypeOf[value.itemKind])
    w.u64(value.values.length)
    for (const item of value.values) writeScalar(w, value.itemKind, item)
    return
  }
  w.u32(valueTypeOf[value.kind])
  writeScalar(w, value.kind, value.value)
}

function checkData(tensor: GgufTensorInfo, type: GgufTensorType, data: Float32Array | Uint16Array): void {
  const elements = tensor.dims.reduce((a, b) => a * b, 1)
  if (elements !== data.length) {
    throw new Error(`Tensor ${tensor.name}: dims ${tensor.dims.join('x')} do not match ${data.length} values`)
  }
  if ((type === 'f16') !== data instanceof Uint16Array) throw new Error(`Tensor ${tensor.name}: ${type} data must be a ${type === 'f16' ? 'Uint16Array' : 'Float32Array'}`)
}

/** The header (metadata and tensor infos, padded) and where each tensor's data starts after it. */
function encodeHeader(
  metadata: ReadonlyArray<readonly [string, GgufValue]>,
  tensors: ReadonlyArray<GgufTensorInfo & { data: unknown }>,
): { header: Buffer; offsets: number[]; sizes: number[] } {
  const alignment = GGUF_DEFAULT_ALIGNMENT
  const w = new ByteWriter()
  w.bytes(Buffer.from(GGUF_MAGIC, 'ascii'))
  w.u32(3)
  w.u64(tensors.length)
  w.u64(metadata.length)
  for (const [key, value] of metadata) {
    w.string(key)
    writeValue(w, value)
  }

  let offset = 0
  const offsets: number[] = []
  const sizes: number[] = []
  for (const tensor of tensors) {
    const type = tensorType(tensor)
    const elements = tensor.dims.reduce((a, b) => a * b, 1)
    if (typeof tensor.data !== 'function') checkData(tensor, type, tensor.data as Float32Array | Uint16Array)
    w.string(tensor.name)
    w.u32(tensor.dims.length)
    for (const dim of tensor.dims) w.u64(dim)
    w.u32(GGML_TYPE[type])
    w.u64(offset)
    offsets.push(offset)
    sizes.push(elements * BYTES_PER_VALUE[type])
    offset += Math.ceil((elements * BYTES_PER_VALUE[type]) / alignment) * alignment
  }
  w.padTo(alignment)
  return { header: w.toBuffer(), offsets, sizes }
}

function bytesOf(data: Float32Array | Uint16Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** Encodes a complete GGUF v3 file. Metadata keys are written in the given order. */
export function encodeGguf(metadata: ReadonlyArray<readonly [string, GgufValue]>, tensors: readonly LazyGgufTensor[]): Buffer {
  const { header, offsets, sizes } = encodeHeader(metadata, tensors)
  const last = tensors.length - 1
  const total = header.length + (last >= 0 ? offsets[last]! + Math.ceil(sizes[last]! / GGUF_DEFAULT_ALIGNMENT) * GGUF_DEFAULT_ALIGNMENT : 0)
  const out = Buffer.alloc(total)
  header.copy(out, 0)
  for (const [index, tensor] of tensors.entries()) {
    const data = typeof tensor.data === 'function' ? tensor.data() : tensor.data
    checkData(tensor, tensorType(tensor), data)
    out.set(bytesOf(data), header.length + offsets[index]!)
  }
  return out
}

/**
 * Writes a GGUF v3 file tensor by tensor (lazy tensors are made just before they are written), so
 * a model of hundreds of megabytes never has to fit in one buffer. Same bytes as {@link encodeGguf}.
 */
export async function writeGguf(path: string, metadata: ReadonlyArray<readonly [string, GgufValue]>, tensors: readonly LazyGgufTensor[]): Promise<void> {
  const { header, offsets, sizes } = encodeHeader(metadata, tensors)
  const file = await open(path, 'w')
  try {
    await file.write(header, 0, header.length, 0)
    let end = header.length
    for (const [index, tensor] of tensors.entries()) {
      const data = typeof tensor.data === 'function' ? tensor.data() : tensor.data
      checkData(tensor, tensorType(tensor), data)
      const at = header.length + offsets[index]!
      await file.write(bytesOf(data), 0, data.byteLength, at)
      end = at + Math.ceil(sizes[index]! / GGUF_DEFAULT_ALIGNMENT) * GGUF_DEFAULT_ALIGNMENT
    }
    await file.truncate(end)
  } finally {
    await file.close()
  }
}

/** Where each field of a GGUF header sits, so a variant can corrupt exactly one. */
export interface GgufLayout {
  kvs: { key: string; keyLenAt: number; typeAt: number; valueAt: number; type: number; itemTypeAt?: number; countAt?: number }[]
  tensors: { name: string; nameLenAt: number; dimsAt: number; typeAt: number; offsetAt: number }[]
  /** Just past the tensor infos. */
  headerEnd: number
}

/** Reads a well-formed GGUF's field positions (no checks: for test files this module wrote). */
export function ggufLayout(bytes: Buffer): GgufLayout {
  let at = 8
  const u32 = () => ((at += 4), bytes.readUInt32LE(at - 4))
  const u64 = () => ((at += 8), Number(bytes.readBigUInt64LE(at - 8)))
  const str = () => {
    const length = u64()
    at += length
    return bytes.toString('utf8', at - length, at)
  }
  const scalar: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }
  const skip = (type: number) => {
    if (type === 8) str()
    else at += scalar[type]!
  }
  const tensorCount = u64()
  const kvCount = u64()
  const kvs: GgufLayout['kvs'] = []
  for (let i = 0; i < kvCount; i++) {
    const keyLenAt = at
    const key = str()
    const typeAt = at
    const type = u32()
    const valueAt = at
    if (type === 9) {
      const itemTypeAt = at
      const itemType = u32()
      const countAt = at
      const count = u64()
      for (let j = 0; j < count; j++) skip(itemType)
      kvs.push({ key, keyLenAt, typeAt, valueAt, type, itemTypeAt, countAt })
    } else {
      skip(type)
      kvs.push({ key, keyLenAt, typeAt, valueAt, type })
    }
  }
  const tensors: GgufLayout['tensors'] = []
  for (let i = 0; i < tensorCount; i++) {
    const nameLenAt = at
    const name = str()
    const dimsAt = at
    const dims = u32()
    at += dims * 8
    const typeAt = at
    at += 4
    const offsetAt = at
    at += 8
    tensors.push({ name, nameLenAt, dimsAt, typeAt, offsetAt })
  }
  return { kvs, tensors, headerEnd: at }
}
