import type { CatalogEntry, CatalogQuant } from '../../../shared/api'

/**
 * The shape numbers a memory estimate needs before the file is on disk (the KV cache grows with
 * layers × KV heads × head size × context). Once downloaded, the GGUF's own metadata wins.
 */
export interface ArchInfo {
  /** Transformer blocks (`block_count`). */
  layers: number
  /** Key/value heads (`attention.head_count_kv`): fewer than the query heads with grouped-query attention. */
  kvHeads: number
  /** Size of one key head. */
  headDim: number
  /** Size of one value head when it differs from `headDim` (DeepSeek's MLA). */
  valueHeadDim?: number
  /** Width of the residual stream (`embedding_length`). */
  embedding: number
  /**
   * Sliding-window attention: most layers only keep the last `size` tokens in the KV cache, and one
   * layer in `globalEvery` sees the whole context (Gemma 3: 1024 and 6; StarCoder2: 4096 on every layer → globalEvery 0).
   */
  slidingWindow?: { size: number; globalEvery: number }
}

/** How sure the reference (`hf-gguf-catalog.md`) is of a file name: A = authoritative or ≥ 2 sources, B = one credible source. */
export type Confidence = 'A' | 'B'

export interface CuratedQuant extends CatalogQuant {
  confidence: Confidence
  /** Where `sizeBytes` comes from: the reference, or an estimate from parameters × bits per weight. */
  sizeSource: 'reference' | 'estimate'
  /** Parts of a split set (the file is the first part); 1 for a single file. */
  parts: number
}

export interface CuratedEntry extends CatalogEntry {
  quants: CuratedQuant[]
  /** Parameters used per token by a mixture-of-experts model (it runs at that speed, but needs memory for all). */
  activeParameters?: number
  arch?: ArchInfo
  /** The vision projector in the default quant's repo, for models whose vision needs one. */
  projector?: { repo: string; file: string; sizeBytes: number | null }
  /** A completion model without chat training (StarCoder2): it continues code, it does not answer questions. */
  completionOnly?: boolean
}
