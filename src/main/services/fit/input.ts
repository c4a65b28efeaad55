import type { GgufFileInfo } from 'node-llama-cpp'
import type { CatalogEntry } from '../../../shared/api'
import { ggmlTensorBytes } from '../models/ggufHeader'
import { bitsPerWeight } from './quants'

/** What the memory estimate needs to know about a model. */
export interface FitInput {
  /** The weights: the file size, or parameters × bits per weight ÷ 8. */
  weightsBytes: number
  /** Weights llama.cpp always keeps in RAM, even with every layer on the GPU (the token-embedding table). */
  cpuOnlyWeightsBytes: number
  layers: number
  /** Key/value heads per layer (the average, for models that vary them by layer). */
  kvHeads: number
  /** Elements per head of a key and of a value. */
  headDimK: number
  headDimV: number
  /** Sliding-window attention: `layers` of the layers only keep the last `window` tokens. */
  slidingWindow: { window: number; layers: number } | null
  heads: number
  embeddingLength: number
  feedForwardLength: number
  vocabSize: number
  /** The longest context the model was trained for; the engine never creates a larger one. */
  trainContextSize: number | null
  /** llama.cpp uses flash attention (no full attention matrix) when key and value heads have one size. */
  flashAttention: boolean
  /**
   * The share of the weights read for each token: 1 for dense models; for mixture-of-experts models
   * only the experts in use are read (Qwen3-30B-A3B reads about a tenth), which sets their speed.
   */
  activeWeightsShare: number
  /** Where the shape came from: the GGUF file, the catalog, or a guess from the parameter count. */
  source: 'file' | 'catalog' | 'guess'
}

/** The shape a catalog entry may give (services/catalog's ArchInfo; the extras where known). */
export interface CatalogArch {
  layers: number
  kvHeads: number
  /** Size of one key head; of a value head too unless `valueHeadDim` says otherwise. */
  headDim: number
  valueHeadDim?: number
  embedding?: number
  feedForwardLength?: number
  vocabSize?: number
  /** Most layers keep only the last `size` tokens; one in `globalEvery` sees everything (0: none does). */
  slidingWindow?: { size: number; globalEvery: number }
}

export type CatalogEntryWithArch = CatalogEntry & {
  arch?: CatalogArch | null
  /** For mixture-of-experts models: the parameters used per token (e.g. 3.3e9 for Qwen3-30B-A3B). */
  activeParameters?: number
}

// ---------------------------------------------------------------- from a GGUF file

type ArchitectureMetadata = Record<string, unknown> & { attention?: Record<string, unknown> }

/** Sliding-window layer patterns by architecture (every `n`th layer attends to everything); from llama.cpp's `set_swa_pattern` calls. */
const SWA_PATTERNS: Record<string, number> = {
  gemma2: 2,
  gemma3: 6,
  gemma3n: 5,
  cohere2: 4,
  olmo2: 4,
  exaone4: 4,
  'gpt-oss': 2,
  llama4: 4,
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'bigint' ? Number(value) : null)

/** A per-layer value (number or array) as its average over the layers. */
function perLayer(value: unknown, layers: number): number | null {
  if (Array.isArray(value)) {
    const values = value.map(num).filter((v): v is number => v !== null)
    return values.length ? values.reduce((a, b) => a + b, 0) / Math.max(layers, values.length) : null
  }
  return num(value)
}

function maxOf(value: unknown): number | null {
  if (Array.isArray(value)) return value.map(num).reduce<number | null>((a, b) => (b === null ? a : Math.max(a ?? 0, b)), null)
  return num(value)
}

function swaLayers(architecture: string, pattern: unknown, layers: number): number {
  if (Array.isArray(pattern)) return pattern.filter(Boolean).length
  return swaLayersEvery(num(pattern) ?? SWA_PATTERNS[architecture] ?? 1, layers)
}

/** Layers with a sliding window when one layer in `globalEvery` is global (llama.cpp puts it last in each group; 0 = none). */
function swaLayersEvery(globalEvery: number, layers: number): number {
  if (globalEvery === 0) return layers
  let count = 0
  for (let i = 0; i < layers; i++) if (i % globalEvery < globalEvery - 1) count++
  return count
}

/** The model's shape from its GGUF metadata; `sizeBytes` is the file size (all parts of a split model). */
export function fitInputFromGguf(info: GgufFileInfo, sizeBytes: number): FitInput {
  const architecture = String((info.metadata.general as { architecture?: unknown } | undefined)?.architecture ?? '')
  const meta = info.architectureMetadata as ArchitectureMetadata
  const attention = meta.attention ?? {}
  const tensors = info.fullTensorInfo ?? []
  const layers =
    num(meta.block_count) ?? new Set(tensors.map((t) => /^blk\.(\d+)\./.exec(t.name)?.[1]).filter((x) => x !== undefined)).size
  const embeddingLength = num(meta.embedding_length) ?? 0
  const heads = maxOf(attention.head_count) ?? 0
  const defaultHeadDim = heads > 0 ? embeddingLength / heads : 0
  const headDimK = num(attention.key_length) ?? defaultHeadDim
  const headDimV = num(attention.value_length) ?? defaultHeadDim
  const trainContextSize = num(meta.context_length)
  const window = num(attention.sliding_window)
  const tokens = (info.metadata.tokenizer as unknown as { ggml?: { tokens?: unknown[] } } | undefined)?.ggml?.tokens
  const embedTensor = tensors.find((t) => t.name === 'token_embd.weight')
  const expertCount = num(meta.expert_count) ?? 0
  const expertsUsed = num(meta.expert_used_count) ?? 0
  let expertBytes = 0
  let tensorBytes = 0
  for (const tensor of tensors) {
    const bytes = ggmlTensorBytes(tensor.ggmlType, tensor.dimensions) ?? 0
    tensorBytes += bytes
    if (/_exps\./.test(tensor.name)) expertBytes += bytes
  }
  const activeWeightsShare =
    expertCount > 0 && expertsUsed > 0 && tensorBytes > 0 ? (tensorBytes - expertBytes + (expertBytes * expertsUsed) / expertCount) / tensorBytes : 1
  const swa = window && window > 0 && (trainContextSize === null || window < trainContextSize) ? swaLayers(architecture, attention.sliding_window_pattern, layers) : 0
  return {
    weightsBytes: sizeBytes,
    cpuOnlyWeightsBytes: (embedTensor && ggmlTensorBytes(embedTensor.ggmlType, embedTensor.dimensions)) ?? 0,
    layers,
    kvHeads: perLayer(attention.head_count_kv, layers) ?? heads,
    headDimK,
    headDimV,
    slidingWindow: swa > 0 && window ? { window, layers: swa } : null,
    heads,
    embeddingLength,
    feedForwardLength: maxOf(meta.feed_forward_length) ?? embeddingLength * 4,
    vocabSize: num(meta.vocab_size) ?? tokens?.length ?? 0,
    trainContextSize,
    flashAttention: headDimK === headDimV && architecture !== 'grok' && architecture !== 'gemma2',
    activeWeightsShare,
    source: 'file',
  }
}

// ---------------------------------------------------------------- from the catalog

/**
 * Typical shapes of dense models by size, for catalog entries without `arch`: the published
 * configurations of Qwen2.5 / Qwen3 (0.5–32B), Llama 3.x (1–70B), Phi-4-mini and Mistral 7B / Nemo,
 * taking in each band the common model with the most layers × KV heads (the larger KV cache).
 * Gemma 3 (256-wide heads) and MoE models differ; the catalog gives their `arch`.
 */
const SHAPES_BY_SIZE: Array<{ maxParams: number; layers: number; kvHeads: number; headDim: number; embedding: number; feedForward: number }> = [
  { maxParams: 1.0e9, layers: 24, kvHeads: 2, headDim: 64, embedding: 896, feedForward: 4864 },
  { maxParams: 2.0e9, layers: 28, kvHeads: 8, headDim: 128, embedding: 2048, feedForward: 8192 },
  { maxParams: 5.0e9, layers: 36, kvHeads: 8, headDim: 128, embedding: 3072, feedForward: 9728 },
  { maxParams: 10e9, layers: 36, kvHeads: 8, headDim: 128, embedding: 4096, feedForward: 14336 },
  { maxParams: 16e9, layers: 48, kvHeads: 8, headDim: 128, embedding: 5120, feedForward: 17408 },
  { maxParams: 40e9, layers: 64, kvHeads: 8, headDim: 128, embedding: 5120, feedForward: 27648 },
  { maxParams: Infinity, layers: 80, kvHeads: 8, headDim: 128, embedding: 8192, feedForward: 28672 },
]

/** Vocabulary sizes by family (they set the size of llama.cpp's logits buffer); Qwen's 152k otherwise. */
function vocabFor(family: string): number {
  if (/gemma/i.test(family)) return 262_144
  if (/phi-?4/i.test(family)) return 200_064
  if (/llama-?3|llama 3/i.test(family)) return 128_256
  if (/nemo|mistral|devstral/i.test(family)) return 131_072
  return 151_936
}

/** The model's shape from its catalog entry and one of its quantizations. */
export function fitInputFromCatalog(entry: CatalogEntryWithArch, quant: string): FitInput {
  const option = entry.quants.find((q) => q.quant === quant)
  const weightsBytes = option?.sizeBytes ?? Math.round((entry.parameters * bitsPerWeight(quant)) / 8)
  const guess = SHAPES_BY_SIZE.find((s) => entry.parameters <= s.maxParams) ?? (SHAPES_BY_SIZE.at(-1) as (typeof SHAPES_BY_SIZE)[number])
  const arch = entry.arch ?? null
  const vocabSize = arch?.vocabSize ?? vocabFor(`${entry.family} ${entry.name}`)
  const embeddingLength = arch?.embedding ?? guess.embedding
  const headDim = arch?.headDim ?? guess.headDim
  const layers = arch?.layers ?? guess.layers
  const window = arch?.slidingWindow
  const active = entry.activeParameters
  return {
    weightsBytes,
    cpuOnlyWeightsBytes: Math.round((vocabSize * embeddingLength * bitsPerWeight(quant)) / 8),
    layers,
    kvHeads: arch?.kvHeads ?? guess.kvHeads,
    headDimK: headDim,
    headDimV: arch?.valueHeadDim ?? headDim,
    slidingWindow: window && window.size > 0 ? { window: window.size, layers: swaLayersEvery(window.globalEvery, layers) } : null,
    heads: Math.max(1, Math.round(embeddingLength / headDim)),
    embeddingLength,
    feedForwardLength: arch?.feedForwardLength ?? guess.feedForward,
    vocabSize,
    trainContextSize: entry.contextLength || null,
    flashAttention: (arch?.valueHeadDim ?? headDim) === headDim,
    activeWeightsShare: active && active > 0 ? Math.min(1, active / entry.parameters) : 1,
    source: arch ? 'catalog' : 'guess',
  }
}
