/**
 * A tiny llama model with seeded random weights, written as a real GGUF file that llama.cpp loads
 * and runs. It is the test suite's own model: tests and e2e run on clones that do not have the
 * shared fixtures. It writes word-like gibberish ("the little world and ..."), fast (~1k tokens/s on
 * one thread).
 *
 * The weights are random but shaped: dimension 0 of the residual stream is held constant (every
 * embedding has it, no layer writes to it), so column 0 of `output.weight` acts as a per-token
 * logit bias. Word pieces get a positive bias, raw bytes and control tokens a negative one, so the
 * output reads as words; the end-of-sequence token gets `eosBias` (see {@link TinyLlamaOptions}).
 */
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { encodeGguf, gguf, toF16, writeGguf, type GgufTensor, type GgufValue, type LazyGgufTensor } from './gguf'

export interface TinyLlamaOptions {
  /** Seed for the weights; the same seed (and options) always gives byte-identical files. Default 1. */
  seed?: number
  /** Embed a ChatML chat template (`tokenizer.chat_template`). Default false: a base model. */
  chatTemplate?: boolean
  /** `general.name`. Default "Aura Tiny Llama". */
  name?: string
  /** `llama.context_length`. Default 2048. */
  contextLength?: number
  /**
   * Logit bias of the end-of-sequence token. Default -8: the model practically never stops by
   * itself (replies run to `maxTokens`). Around 3 most replies end after a few dozen tokens.
   */
  eosBias?: number
  /** Transformer blocks. Default 2. */
  layers?: number
  /** Write `general.file_type` (ALL_F32). Default true. */
  fileType?: boolean
  /** Width of the residual stream (`embedding_length`). Default 64; a multiple of `heads`. */
  embedding?: number
  /** Attention heads. Default 4. */
  heads?: number
  /** Key/value heads (grouped-query attention); divides `heads`. Default 2. */
  kvHeads?: number
  /** Width of the feed-forward layer. Default 128. */
  feedForward?: number
  /**
   * How the weight matrices are stored. Default `f32`. `f16` halves the file and is what
   * compute-bound benchmark models use (norm weights stay F32, as in real F16 models).
   */
  tensorType?: 'f32' | 'f16'
  /**
   * Pads the vocabulary with filler word pieces up to this many tokens (a real model's 32k, say).
   * Default: the built-in vocabulary only (~700 tokens).
   */
  vocabSize?: number
  /**
   * Word pieces added to the vocabulary with their logit bias: `{ '||call:': 9 }` makes a chat model
   * start node-llama-cpp's generic tool call (its `||call:` prefix) at once, so the grammar writes a call.
   */
  extraTokens?: Record<string, number>
  /**
   * Writes `llama.pooling_type`, which makes the file an embedding model (as Qwen3-Embedding is a
   * decoder with `pooling_type` LAST): llama.cpp pools each text's token vectors into one. Default:
   * none (a chat / completion model).
   */
  pooling?: 'mean' | 'cls' | 'last'
}

export const TINY_LLAMA_DEFAULTS = {
  seed: 1,
  name: 'Aura Tiny Llama',
  contextLength: 2048,
  eosBias: -8,
  layers: 2,
  embedding: 64,
  heads: 4,
  kvHeads: 2,
  feedForward: 128,
  fileType: true,
  chatTemplate: false,
  tensorType: 'f32',
  vocabSize: 0,
} as const

/** ChatML, as most small instruct models ship it. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"

const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const

const WORDS = [
  'the', 'a', 'and', 'to', 'of', 'in', 'is', 'it', 'you', 'that', 'was', 'for', 'on', 'are', 'with', 'as', 'I',
  'his', 'her', 'they', 'be', 'at', 'one', 'have', 'this', 'from', 'by', 'not', 'but', 'what', 'all', 'were',
  'when', 'we', 'there', 'can', 'an', 'your', 'which', 'their', 'said', 'if', 'do', 'will', 'each', 'about',
  'how', 'up', 'out', 'them', 'then', 'she', 'he', 'many', 'some', 'so', 'these', 'would', 'other', 'into',
  'has', 'more', 'two', 'like', 'time', 'see', 'way', 'could', 'people', 'my', 'than', 'first', 'water',
  'been', 'who', 'now', 'find', 'long', 'down', 'day', 'did', 'get', 'come', 'made', 'may', 'part', 'Hello',
  'world', 'Once', 'upon', 'little', 'cat', 'dog', 'bird', 'tree', 'sun', 'happy', 'play', 'friend', 'house',
  'big', 'small', 'red', 'blue', 'green', 'ball', 'park', 'went', 'saw', 'very', 'good', 'The', 'It',
  'She', 'He', 'They', 'Yes', 'No', 'local', 'model', 'private', 'computer', 'answer', 'question', 'think',
]
const SUFFIXES = ['s', 'ed', 'ing']
const INFLECTED = ['play', 'friend', 'cat', 'dog', 'bird', 'tree', 'ball', 'park', 'think', 'answer', 'question', 'model', 'house', 'world']
const CHARS = [
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'0123456789',
  ...".,!?'\"-:;()",
]

export interface TinyVocab {
  tokens: string[]
  scores: number[]
  types: number[]
  /** Logit bias per token (before `eosBias` is applied to `eos`). */
  bias: number[]
  unk: number
  bos: number
  eos: number
  imStart: number
  imEnd: number
}

/**
 * The vocabulary: `<unk>`, `<s>`, `</s>`, 256 byte tokens, ChatML markers, then SentencePiece pieces,
 * then (up to `size`) filler pieces (`▁~12345`) that ordinary text never tokenizes into.
 */
export function buildTinyVocab(size = 0, extraTokens: Record<string, number> = {}): TinyVocab {
  const tokens: string[] = []
  const scores: number[] = []
  const types: number[] = []
  const bias: number[] = []
  const seen = new Set<string>()
  const add = (token: string, type: number, b: number): number => {
    seen.add(token)
    tokens.push(token)
    types.push(type)
    bias.push(b)
    scores.push(type === TOKEN_TYPE.normal ? -tokens.length : 0)
    return tokens.length - 1
  }
  const unk = add('<unk>', TOKEN_TYPE.unknown, -12)
  const bos = add('<s>', TOKEN_TYPE.control, -12)
  const eos = add('</s>', TOKEN_TYPE.control, 0)
  for (let byte = 0; byte < 256; byte++) {
    const printable = byte === 0x0a || (byte >= 0x20 && byte < 0x7f)
    add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, TOKEN_TYPE.byte, byte === 0x0a ? -1 : printable ? -4 : -12)
  }
  const imStart = add('<|im_start|>', TOKEN_TYPE.control, -12)
  const imEnd = add('<|im_end|>', TOKEN_TYPE.control, -12)

  // SentencePiece merges two adjacent pieces only when their concatenation is a token, so every
  // prefix of a word piece is a token too. Whole words score higher than their prefixes.
  const pieces: string[] = ['▁', ...CHARS]
  for (const word of [...WORDS, ...INFLECTED.flatMap((w) => SUFFIXES.map((s) => w + s))]) {
    const piece = `▁${word}`
    for (let end = 2; end <= piece.length; end++) pieces.push(piece.slice(0, end))
  }
  for (const suffix of SUFFIXES) for (let end = 1; end <= suffix.length; end++) pieces.push(suffix.slice(0, end))
  const wholeWords = new Set(WORDS.map((w) => `▁${w}`))
  for (const piece of pieces) {
    if (seen.has(piece)) continue
    const b = wholeWords.has(piece) ? 2 : piece.length === 1 ? (/[.,!?]/.test(piece) ? 0.5 : -2.5) : -2
    add(piece, TOKEN_TYPE.normal, b)
  }
  // Each with its prefixes (as for word pieces), so the tokenizer makes the piece of its text too; the prefixes are rarely written.
  for (const [piece, b] of Object.entries(extraTokens)) {
    for (let end = 1; end < piece.length; end++) if (!seen.has(piece.slice(0, end))) add(piece.slice(0, end), TOKEN_TYPE.normal, -12)
    if (!seen.has(piece)) add(piece, TOKEN_TYPE.normal, b)
  }
  // Score order: whole words first so that they win the merges.
  let rank = 0
  const order = tokens.map((_, i) => i).filter((i) => types[i] === TOKEN_TYPE.normal)
  order.sort((a, b) => (tokens[b]?.length ?? 0) - (tokens[a]?.length ?? 0) || a - b)
  for (const i of order) scores[i] = -++rank
  for (let filler = tokens.length; tokens.length < size; filler++) {
    add(`▁~${filler}`, TOKEN_TYPE.normal, -1)
    scores[tokens.length - 1] = -++rank
  }
  return { tokens, scores, types, bias, unk, bos, eos, imStart, imEnd }
}

/** mulberry32: a tiny, fast, seedable PRNG (the same seed, the same numbers). */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function gaussian(random: () => number): () => number {
  let spare: number | null = null
  return () => {
    if (spare !== null) {
      const s = spare
      spare = null
      return s
    }
    const u = Math.max(random(), 1e-12)
    const v = random()
    const r = Math.sqrt(-2 * Math.log(u))
    spare = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }
}

/** Builds the GGUF metadata and tensors of a tiny llama (exposed for sharded variants). */
export function buildTinyLlama(options: TinyLlamaOptions = {}): {
  metadata: Array<readonly [string, GgufValue]>
  tensors: GgufTensor[]
  vocab: TinyVocab
} {
  const { metadata, tensors, vocab } = tinyLlamaParts(options)
  // The tensors are made in file order: the random numbers come out the same as when writing.
  return { metadata, vocab, tensors: tensors.map((t) => ({ ...t, data: typeof t.data === 'function' ? t.data() : t.data })) }
}

/**
 * The metadata and lazily made tensors of a tiny llama. The tensors share one random stream: make
 * them once each, in order (as {@link writeGguf} and {@link encodeGguf} do).
 */
function tinyLlamaParts(options: TinyLlamaOptions = {}): {
  metadata: Array<readonly [string, GgufValue]>
  tensors: LazyGgufTensor[]
  vocab: TinyVocab
} {
  const o = { ...TINY_LLAMA_DEFAULTS, ...stripUndefined(options) }
  const vocab = buildTinyVocab(o.vocabSize, options.extraTokens)
  const nVocab = vocab.tokens.length
  const d = o.embedding
  const headDim = d / o.heads
  const dKv = headDim * o.kvHeads
  const ff = o.feedForward
  const f16 = o.tensorType === 'f16'
  const random = rng(o.seed)
  const normal = gaussian(random)
  // Wider layers get proportionally smaller weights, so activations keep the default model's scale
  // (and the bias channel keeps its say over the logits). For the default sizes the factor is 1.
  const scaleD = Math.sqrt(TINY_LLAMA_DEFAULTS.embedding / d)
  const scaleFf = Math.sqrt(TINY_LLAMA_DEFAULTS.feedForward / ff)

  /** F16: a seeded table of 65,536 normal samples, indexed by 16 random bits per value (fast for 100M+ weights). */
  let normalTable: Float32Array | null = null
  const halfMatrix = (count: number, std: number): Uint16Array => {
    if (!normalTable) {
      normalTable = new Float32Array(65536)
      for (let i = 0; i < normalTable.length; i++) normalTable[i] = normal()
    }
    const table = new Uint16Array(65536)
    for (let i = 0; i < table.length; i++) table[i] = toF16(normalTable[i]! * std)
    const data = new Uint16Array(count)
    const pairs = count >> 1
    for (let i = 0; i < pairs; i++) {
      const bits = (random() * 4294967296) >>> 0
      data[2 * i] = table[bits & 0xffff]!
      data[2 * i + 1] = table[bits >>> 16]!
    }
    if (count & 1) data[count - 1] = table[(random() * 65536) >>> 0]!
    return data
  }
  const matrix = (rowLength: number, rows: number, std: number): Float32Array | Uint16Array => {
    if (f16) return halfMatrix(rowLength * rows, std)
    const data = new Float32Array(rowLength * rows)
    for (let i = 0; i < data.length; i++) data[i] = normal() * std
    return data
  }
  const set = (data: Float32Array | Uint16Array, index: number, value: number) => {
    data[index] = data instanceof Uint16Array ? toF16(value) : value
  }
  const ones = (n: number) => new Float32Array(n).fill(1)
  /** Zeroes output row 0 (the bias channel) of a [rowLength, rows] projection into the residual. */
  const keepBiasChannel = (data: Float32Array | Uint16Array, rowLength: number) => {
    data.fill(0, 0, rowLength)
    return data
  }

  const type = o.tensorType
  const tensors: LazyGgufTensor[] = [
    {
      name: 'token_embd.weight',
      type,
      dims: [d, nVocab],
      data: () => {
        const embeddings = matrix(d, nVocab, 1)
        for (let t = 0; t < nVocab; t++) set(embeddings, t * d, 1) // the constant bias channel
        return embeddings
      },
    },
    { name: 'output_norm.weight', dims: [d], data: ones(d) },
    {
      name: 'output.weight',
      type,
      dims: [d, nVocab],
      data: () => {
        const output = matrix(d, nVocab, 0.35 * scaleD)
        for (let t = 0; t < nVocab; t++) {
          set(output, t * d, (t === vocab.eos ? o.eosBias : (vocab.bias[t] ?? 0)) * 1.5)
        }
        return output
      },
    },
  ]
  for (let layer = 0; layer < o.layers; layer++) {
    const p = `blk.${layer}`
    tensors.push(
      { name: `${p}.attn_norm.weight`, dims: [d], data: ones(d) },
      { name: `${p}.attn_q.weight`, type, dims: [d, d], data: () => matrix(d, d, 0.4 * scaleD) },
      { name: `${p}.attn_k.weight`, type, dims: [d, dKv], data: () => matrix(d, dKv, 0.4 * scaleD) },
      { name: `${p}.attn_v.weight`, type, dims: [d, dKv], data: () => matrix(d, dKv, 0.15 * scaleD) },
      { name: `${p}.attn_output.weight`, type, dims: [d, d], data: () => keepBiasChannel(matrix(d, d, 0.15 * scaleD), d) },
      { name: `${p}.ffn_norm.weight`, dims: [d], data: ones(d) },
      { name: `${p}.ffn_gate.weight`, type, dims: [d, ff], data: () => matrix(d, ff, 0.15 * scaleD) },
      { name: `${p}.ffn_up.weight`, type, dims: [d, ff], data: () => matrix(d, ff, 0.15 * scaleD) },
      { name: `${p}.ffn_down.weight`, type, dims: [ff, d], data: () => keepBiasChannel(matrix(ff, d, 0.1 * scaleFf), ff) },
    )
  }

  const metadata: Array<readonly [string, GgufValue]> = [
    ['general.architecture', gguf.str('llama')],
    ['general.name', gguf.str(o.name)],
    // llama_ftype: 0 = ALL_F32, 1 = MOSTLY_F16
    ...(o.fileType ? [['general.file_type', gguf.u32(f16 ? 1 : 0)] as const] : []),
    ['llama.context_length', gguf.u32(o.contextLength)],
    ['llama.embedding_length', gguf.u32(d)],
    ['llama.block_count', gguf.u32(o.layers)],
    ['llama.feed_forward_length', gguf.u32(ff)],
    ['llama.rope.dimension_count', gguf.u32(headDim)],
    ['llama.attention.head_count', gguf.u32(o.heads)],
    ['llama.attention.head_count_kv', gguf.u32(o.kvHeads)],
    ['llama.attention.layer_norm_rms_epsilon', gguf.f32(1e-5)],
    ['llama.vocab_size', gguf.u32(nVocab)],
    ['tokenizer.ggml.model', gguf.str('llama')],
    ['tokenizer.ggml.tokens', gguf.strings(vocab.tokens)],
    ['tokenizer.ggml.scores', gguf.f32s(vocab.scores)],
    ['tokenizer.ggml.token_type', gguf.i32s(vocab.types)],
    ['tokenizer.ggml.unknown_token_id', gguf.u32(vocab.unk)],
    ['tokenizer.ggml.bos_token_id', gguf.u32(vocab.bos)],
    ['tokenizer.ggml.eos_token_id', gguf.u32(vocab.eos)],
    ['tokenizer.ggml.add_bos_token', gguf.bool(true)],
    ['tokenizer.ggml.add_eos_token', gguf.bool(false)],
    ...(o.chatTemplate ? [['tokenizer.chat_template', gguf.str(CHATML_TEMPLATE)] as const] : []),
    // llama_pooling_type: 1 = MEAN, 2 = CLS, 3 = LAST
    ...('pooling' in o && o.pooling ? [['llama.pooling_type', gguf.u32({ mean: 1, cls: 2, last: 3 }[o.pooling])] as const] : []),
  ]
  return { metadata, tensors, vocab }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** The bytes of a tiny llama GGUF file (see {@link writeTinyLlama}). */
export function encodeTinyLlama(options: TinyLlamaOptions = {}): Buffer {
  const { metadata, tensors } = tinyLlamaParts(options)
  return encodeGguf(metadata, tensors)
}

/**
 * Writes a tiny llama model (~0.6 MB, F32, by default) to `path`, creating parent folders, one
 * tensor at a time (bigger variants never sit in memory whole). Returns the path.
 */
export async function writeTinyLlama(path: string, options: TinyLlamaOptions = {}): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  const { metadata, tensors } = tinyLlamaParts(options)
  await writeGguf(path, metadata, tensors)
  return path
}

/**
 * Writes the model as a llama.cpp split set (`<base>-00001-of-0000N.gguf`, ...), the way
 * `llama-gguf-split` does: the first part carries all metadata, every part carries `split.*` keys
 * and a share of the tensors. Returns the part paths in order.
 */
export async function writeTinyLlamaShards(
  dir: string,
  baseName: string,
  parts: number,
  options: TinyLlamaOptions = {},
): Promise<string[]> {
  const { metadata, tensors } = buildTinyLlama(options)
  await mkdir(dir, { recursive: true })
  const perPart = Math.ceil(tensors.length / parts)
  const paths: string[] = []
  for (let part = 0; part < parts; part++) {
    const splitKeys: Array<readonly [string, GgufValue]> = [
      ['split.no', gguf.u16(part)],
      ['split.count', gguf.u16(parts)],
      ['split.tensors.count', gguf.i32(tensors.length)],
    ]
    const partMetadata = part === 0 ? [...metadata, ...splitKeys] : splitKeys
    const partTensors = tensors.slice(part * perPart, (part + 1) * perPart)
    const name = `${baseName}-${String(part + 1).padStart(5, '0')}-of-${String(parts).padStart(5, '0')}.gguf`
    const path = `${dir}/${name}`
    await writeFile(path, encodeGguf(partMetadata, partTensors))
    paths.push(path)
  }
  return paths
}

export type GgufDamage =
  /** The first half of the file only (an unfinished download): the header reads fine, the data is missing. */
  | 'truncated'
  /** An empty file. */
  | 'zero-length'
  /** The first four bytes are not "GGUF". */
  | 'wrong-magic'
  /** The metadata is garbage: the first key's length claims to be larger than the file. */
  | 'header-corrupted'

/**
 * Writes a damaged copy of a GGUF file (default: a fresh tiny llama) to `path`, for tests of how
 * unusable files are reported.
 */
export async function writeDamagedGguf(
  path: string,
  damage: GgufDamage,
  source?: string | TinyLlamaOptions,
): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  const bytes = typeof source === 'string' ? await readFile(source) : encodeTinyLlama(source)
  switch (damage) {
    case 'zero-length':
      await writeFile(path, Buffer.alloc(0))
      break
    case 'truncated':
      await writeFile(path, bytes)
      await truncate(path, Math.floor(bytes.length / 2))
      break
    case 'wrong-magic': {
      const copy = Buffer.from(bytes)
      copy.write('GGML', 0, 'ascii')
      await writeFile(path, copy)
      break
    }
    case 'header-corrupted': {
      const copy = Buffer.from(bytes)
      // Offset 24 is the length (u64) of the first metadata key.
      copy.fill(0xff, 24, 24 + 8)
      copy.fill(0xa5, 32, 32 + 64)
      await writeFile(path, copy)
      break
    }
  }
  return path
}
