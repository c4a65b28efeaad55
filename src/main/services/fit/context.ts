import type { FitEstimate } from '../../../shared/api'
import { usableGpus } from '../hardware/profile'
import { estimateFit, type ContextShape, type FitHardware, type KvCacheType } from './estimate'
import type { FitInput } from './input'

/** The setting: `auto` picks f16 unless memory is short (see {@link resolveKvCacheType}). */
export type KvCacheSetting = 'auto' | KvCacheType

/**
 * Whether llama.cpp uses flash attention for a context of this KV type. On for every model that
 * supports it: a q8_0 cache needs it (llama.cpp refuses a quantized value cache without it), and
 * without it the working space holds every head's attention scores over the whole window (4 bytes ×
 * heads × cells × 512 tokens: 100 MiB for the bench's 148M model at 4096 tokens, 2 GiB for an 8B at
 * 32k); measured on the CPU it was no slower (docs/engine.md, "Memory"). On a GPU llama.cpp decides
 * ('auto'). Models that do not support it never use it.
 */
export function flashAttentionFor(input: Pick<FitInput, 'flashAttention'>, kvCacheType: KvCacheType, gpu: boolean): boolean | 'auto' {
  if (!input.flashAttention) return false
  return gpu && kvCacheType === 'f16' ? 'auto' : true
}

/** The context shape the engine makes: the KV type, with flash attention as {@link flashAttentionFor} chooses it. */
export function contextShape(input: FitInput, kvCacheType: KvCacheType, hardware: FitHardware, sequences = 1): ContextShape {
  const flash = flashAttentionFor(input, kvCacheType, onGpu(hardware))
  return { sequences, kvCacheType, flashAttention: flash === 'auto' ? input.flashAttention : flash }
}

/**
 * The KV type for a setting. `auto` keeps f16 (full precision) unless memory is short: when q8_0
 * (about half the memory) lets the model fit where f16 does not, or keeps more of it on the GPU.
 * q8_0 needs flash attention, so a model without it keeps f16.
 */
export function resolveKvCacheType(input: FitInput, contextSize: number, hardware: FitHardware, setting: KvCacheSetting, sequences = 1): KvCacheType {
  if (!input.flashAttention) return 'f16'
  if (setting !== 'auto') return setting
  const f16 = estimateWith(input, contextSize, hardware, 'f16', sequences)
  const q8 = estimateWith(input, contextSize, hardware, 'q8_0', sequences)
  if (f16.label === 'too_big' && q8.label !== 'too_big') return 'q8_0'
  return q8.gpuShare > f16.gpuShare ? 'q8_0' : 'f16'
}

/** What the user chose for a model (its defaults); 'auto' or absent: the estimate decides. */
export interface LoadChoice {
  gpuLayers?: number | 'auto'
  flashAttention?: boolean | 'auto'
}

/**
 * The estimate for one sequence as the model would load with the user's choices (its defaults: KV
 * type, layers on the GPU, flash attention), what is left on Automatic decided here. The engine plans
 * its load with it, and the model lists show it, so the two agree.
 */
export function chosenFit(read: FitInput, contextSize: number, hardware: FitHardware, setting: KvCacheSetting, choice: LoadChoice = {}): { input: FitInput; kvCacheType: KvCacheType; shape: ContextShape; fit: FitEstimate } {
  // Flash attention off is planned as a model without it: no q8_0 cache, attention scores in full.
  const input = choice.flashAttention === false ? { ...read, flashAttention: false } : read
  const kvCacheType = resolveKvCacheType(input, contextSize, hardware, setting)
  const shape = { ...contextShape(input, kvCacheType, hardware), ...(choice.gpuLayers === undefined || choice.gpuLayers === 'auto' ? {} : { gpuLayers: choice.gpuLayers }) }
  return { input, kvCacheType, shape, fit: estimateFit(input, contextSize, hardware, shape) }
}

/**
 * How many sequences of `contextSize` tokens fit this computer beside the model, at most `max`:
 * the largest count whose estimate is not too big and keeps as many layers on the GPU as one
 * sequence does (a sequence that pushes layers to the CPU slows every reply). 0 when not even one fits.
 */
export function sequencesThatFit(input: FitInput, contextSize: number, hardware: FitHardware, kvCacheType: KvCacheType, max = 64): number {
  const one = estimateWith(input, contextSize, hardware, kvCacheType, 1)
  if (one.label === 'too_big') return 0
  let fits = 1
  for (let sequences = 2; sequences <= max; sequences++) {
    const fit = estimateWith(input, contextSize, hardware, kvCacheType, sequences)
    if (fit.label === 'too_big' || fit.gpuShare < one.gpuShare) break
    fits = sequences
  }
  return fits
}

function estimateWith(input: FitInput, contextSize: number, hardware: FitHardware, kvCacheType: KvCacheType, sequences: number): FitEstimate {
  return estimateFit(input, contextSize, hardware, contextShape(input, kvCacheType, hardware, sequences))
}

function onGpu(hardware: FitHardware): boolean {
  return usableGpus(hardware.gpus, hardware.gpuBackends).length > 0
}
