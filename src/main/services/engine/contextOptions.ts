import type { Llama, LlamaContextOptions } from 'node-llama-cpp'
import type { FitEstimate } from '../../../shared/api'
import { chosenFit, estimateFit, flashAttentionFor, gpuLayersFor, hardwareFromLlama, readFitInput, sequencesThatFit, type KvCacheSetting, type KvCacheType, type LoadChoice } from '../fit'

export type { LoadChoice }

/** How the engine makes a context: its KV type and flash attention, and the estimate for them. */
export interface ContextPlan {
  kvCacheType: KvCacheType
  flashAttention: boolean | 'auto'
  /** The estimate for one sequence (what must fit); null when the model file could not be estimated (that never blocks loading). */
  fit: FitEstimate | null
  /** Sequences (the engine's slots) that fit beside the model, at least 1. */
  sequences: number
  /** The estimate's memory for the model with all of them (what the engine's budget books), 0 when unknown. */
  totalBytes: number
  /**
   * The layers to load on the GPU, as node-llama-cpp's `gpuLayers`: the user's number, else as many as
   * the estimate fits (a number, so the estimate and llama.cpp agree), else node-llama-cpp's own 'auto'
   * when there is no estimate.
   */
  gpuLayers: number | 'auto'
}

/**
 * The context for `file` at `contextSize` tokens with the KV type `setting` asks for, on the
 * hardware this Llama uses, with as many sequences as fit, up to `maxSequences` (services/fit
 * decides; this only asks it). An estimate that cannot be made falls back to node-llama-cpp's
 * defaults: f16, flash attention as llama.cpp chooses, one sequence.
 */
export async function planContext(
  llama: Llama,
  file: string,
  contextSize: number,
  setting: KvCacheSetting,
  memory: { ramTotalBytes?: number; modelLoaded?: boolean },
  maxSequences = 1,
  choice: LoadChoice = {},
): Promise<ContextPlan> {
  const [read, hardware] = await Promise.all([readFitInput(file), hardwareFromLlama(llama, memory)])
  const { input, kvCacheType, shape, fit } = chosenFit(read, contextSize, hardware, setting, choice)
  const gpuLayers = choice.gpuLayers ?? 'auto'
  const sequences = Math.max(1, sequencesThatFit(input, contextSize, hardware, kvCacheType, maxSequences))
  return {
    kvCacheType,
    flashAttention: choice.flashAttention === true && input.flashAttention ? true : flashAttentionFor(input, kvCacheType, llama.gpu !== false),
    fit,
    sequences,
    totalBytes: estimateFit(input, contextSize, hardware, { ...shape, sequences }).totalBytes,
    gpuLayers: llama.gpu === false ? 0 : gpuLayers === 'auto' ? gpuLayersFor(input, fit) : Math.min(gpuLayers, input.layers),
  }
}

/**
 * The plan as node-llama-cpp's context options. The KV type must be spelled as llama.cpp's ggml type
 * name, "Q8_0": node-llama-cpp silently ignores "q8_0" and makes an f16 cache (contextOptions.test.ts
 * guards this).
 */
export function llamaContextOptions(plan: Pick<ContextPlan, 'kvCacheType' | 'flashAttention'>): Pick<LlamaContextOptions, 'flashAttention' | 'experimentalKvCacheKeyType' | 'experimentalKvCacheValueType'> {
  const type = plan.kvCacheType === 'q8_0' ? 'Q8_0' : 'F16'
  return { flashAttention: plan.flashAttention, experimentalKvCacheKeyType: type, experimentalKvCacheValueType: type }
}
