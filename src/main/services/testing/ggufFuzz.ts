/**
 * Malformed GGUF headers, made from a good file by a seeded generator: truncated at every field,
 * huge counts and lengths (some in sparse files as large as they claim, so only a cap can refuse
 * them), lists of lists, unknown and wrong value types, broken tensor infos, an unknown
 * architecture, a layer count the weights do not match. Every one is malformed by construction.
 */
import { ggufLayout } from './gguf'
import { rng } from './tinyLlama'

export interface MalformedGguf {
  name: string
  bytes: Buffer
  /** Grow the file (sparse, zeros) to this size after writing `bytes`, when larger. */
  size?: number
}

const ITEM_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }
/** Ids llama.cpp never had or dropped (value types, ggml types). */
const UNKNOWN_VALUE_TYPES = [13, 14, 99, 255, 0x7fffffff, 0xffffffff]
const UNKNOWN_GGML_TYPES = [4, 5, 31, 32, 33, 36, 37, 38, 43, 99, 0xffffffff]

/** `count` malformed variants of `good` (a well-formed GGUF this project wrote), the same for the same seed. */
export function malformedGgufs(good: Buffer, count: number, seed = 1): MalformedGguf[] {
  const layout = ggufLayout(good)
  const random = rng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const big = (): bigint => pick([1n << 32n, 1n << 40n, 1n << 53n, 1n << 63n, (1n << 64n) - 1n, BigInt(good.length) * 2n])
  const edit = (name: string, change: (copy: Buffer) => void, size?: number): MalformedGguf => {
    const bytes = Buffer.from(good)
    change(bytes)
    return { name, bytes, size }
  }
  const arrays = layout.kvs.filter((kv) => kv.type === 9)
  const strings = layout.kvs.filter((kv) => kv.type === 8)
  const architecture = layout.kvs.find((kv) => kv.key === 'general.architecture')!
  const blockCount = layout.kvs.find((kv) => kv.key.endsWith('.block_count'))!

  // Every field's first and middle byte, in the fixed header, the metadata and the tensor infos.
  const fields: number[] = [0, 2, 4, 6, 8, 12, 16, 20]
  for (const kv of layout.kvs) fields.push(kv.keyLenAt, kv.keyLenAt + 4, kv.keyLenAt + 8, kv.typeAt, kv.typeAt + 2, kv.valueAt, kv.valueAt + 1)
  for (const t of layout.tensors) fields.push(t.nameLenAt, t.nameLenAt + 4, t.nameLenAt + 8, t.dimsAt, t.dimsAt + 2, t.typeAt, t.typeAt + 2, t.offsetAt, t.offsetAt + 4)
  const cuts = [...new Set(fields)].filter((at) => at < layout.headerEnd).sort((a, b) => a - b)

  const makers: Array<() => MalformedGguf> = [
    () => {
      const at = pick(cuts)
      return { name: `truncated at byte ${at} (a field of the header)`, bytes: good.subarray(0, at) }
    },
    () => edit('a huge tensor count', (c) => c.writeBigUInt64LE(big(), 8)),
    () => edit('a huge metadata count', (c) => c.writeBigUInt64LE(big(), 16)),
    () => edit('a tensor count a few too many', (c) => c.writeBigUInt64LE(BigInt(layout.tensors.length + 1 + Math.floor(random() * 3)), 8)),
    () => edit('a metadata count a few too many', (c) => c.writeBigUInt64LE(BigInt(layout.kvs.length + 1 + Math.floor(random() * 3)), 16)),
    () => {
      const kv = pick(arrays)
      return edit(`a huge count in the list ${kv.key}`, (c) => c.writeBigUInt64LE(big(), kv.countAt!))
    },
    () => {
      // As in the crash: a list of bytes as long as the file, which is as large as it claims.
      const kv = pick(arrays)
      const items = 5_000_000 + Math.floor(random() * 120_000_000)
      return edit(`a list of ${items} bytes in ${kv.key}, in a file that large`, (c) => {
        c.writeUInt32LE(0, kv.itemTypeAt!)
        c.writeBigUInt64LE(BigInt(items), kv.countAt!)
      }, good.length + items)
    },
    () => {
      const kv = pick(strings)
      const length = 33 * 1024 * 1024 + Math.floor(random() * 1e9)
      return edit(`a text of ${length} bytes in ${kv.key}, in a file that large`, (c) => c.writeBigUInt64LE(BigInt(length), kv.valueAt), good.length + length)
    },
    () => {
      const kv = pick(strings)
      return edit(`a huge text length in ${kv.key}`, (c) => c.writeBigUInt64LE(big(), kv.valueAt))
    },
    () => {
      const kv = pick(layout.kvs)
      return edit(`a huge key length for ${kv.key}`, (c) => c.writeBigUInt64LE(big(), kv.keyLenAt))
    },
    () => {
      const kv = pick(layout.kvs)
      return edit(`an empty key for ${kv.key}`, (c) => c.writeBigUInt64LE(0n, kv.keyLenAt))
    },
    () => {
      const t = pick(layout.tensors)
      return edit(`a long tensor name for ${t.name}`, (c) => c.writeBigUInt64LE(BigInt(64 + Math.floor(random() * 100_000)), t.nameLenAt))
    },
    () => {
      const kv = pick(arrays)
      return edit(`a list of lists in ${kv.key}`, (c) => c.writeUInt32LE(9, kv.itemTypeAt!))
    },
    () => {
      const kv = pick(layout.kvs)
      return edit(`an unknown value type for ${kv.key}`, (c) => c.writeUInt32LE(pick(UNKNOWN_VALUE_TYPES), kv.typeAt))
    },
    () => {
      const kv = pick(arrays)
      return edit(`an unknown item type in ${kv.key}`, (c) => c.writeUInt32LE(pick(UNKNOWN_VALUE_TYPES), kv.itemTypeAt!))
    },
    () => {
      const kv = pick(arrays.filter((a) => ITEM_SIZES[good.readUInt32LE(a.itemTypeAt!)] !== undefined))
      return edit(`a list of numbers in ${kv.key} read as texts`, (c) => c.writeUInt32LE(8, kv.itemTypeAt!))
    },
    () => edit('the architecture given as a number', (c) => c.writeUInt32LE(pick([0, 4, 5, 10]), architecture.typeAt)),
    () =>
      edit('an architecture llama.cpp does not know', (c) => {
        const length = Number(c.readBigUInt64LE(architecture.valueAt))
        for (let i = 0; i < length; i++) c[architecture.valueAt + 8 + i] = 0x61 + Math.floor(random() * 26)
        c.write('zz', architecture.valueAt + 8, 'latin1')
      }),
    () => edit('a layer count the weights do not match', (c) => c.writeUInt32LE(pick([0, 1, 3, 7, 600]), blockCount.valueAt)),
    () => {
      const t = pick(layout.tensors)
      return edit(`${t.name} with ${5 + Math.floor(random() * 1000)} dimensions`, (c) => c.writeUInt32LE(5 + Math.floor(random() * 1000), t.dimsAt))
    },
    () => {
      const t = pick(layout.tensors)
      return edit(`${t.name} of an unknown weight type`, (c) => c.writeUInt32LE(pick(UNKNOWN_GGML_TYPES), t.typeAt))
    },
    () => {
      const t = pick(layout.tensors)
      return edit(`${t.name} at a wrong offset`, (c) => c.writeBigUInt64LE(c.readBigUInt64LE(t.offsetAt) + BigInt(1 + Math.floor(random() * 4096)), t.offsetAt))
    },
    () => {
      const t = pick(layout.tensors)
      return edit(`${t.name} with a huge dimension`, (c) => c.writeBigUInt64LE(big(), t.dimsAt + 4))
    },
    () => {
      const t = pick(layout.tensors.slice(1))
      const first = layout.tensors[0]!
      return edit(`${t.name} renamed to ${first.name}`, (c) => {
        const length = Number(c.readBigUInt64LE(t.nameLenAt))
        if (length !== first.name.length) c.writeBigUInt64LE(BigInt(first.name.length), t.nameLenAt) // runs into the next field: damaged either way
        c.write(first.name, t.nameLenAt + 8, 'latin1')
      })
    },
  ]
  return Array.from({ length: count }, (_, i) => (i < cuts.length ? { name: `truncated at byte ${cuts[i]} (a field of the header)`, bytes: good.subarray(0, cuts[i]) } : pick(makers)()))
}
