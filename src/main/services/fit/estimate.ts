import type { FitEstimate, FitLabel, Gpu, HardwareProfile } from '../../../shared/api'
import { say, words } from '../../../shared/i18n'
import { formatBytes, formatBytesApart } from '../../../shared/units'
import { isAppleGpu, usableGpus } from '../hardware/profile'
import type { FitInput } from './input'

/** What the estimate needs to know about the computer; a HardwareProfile has it all. */
export type FitHardware = Pick<HardwareProfile, 'ramTotalBytes' | 'gpus' | 'gpuBackends'>

const GiB = 1024 ** 3

/**
 * The numbers behind the estimate, and where they come from.
 * - Context: llama.cpp rounds the KV cache up to 256 cells; node-llama-cpp's batch is min(context, 512)
 *   tokens (`getDefaultContextBatchSize`), and the engine never goes below 256 tokens.
 * - KV cache: f16 (2 bytes per element, node-llama-cpp's default) or q8_0 (llama.cpp's blocks of 32
 *   values in 34 bytes: 32 int8 and one f16 scale), see {@link KV_BYTES_PER_ELEMENT}.
 * - Headroom in RAM for the OS and other apps: a quarter of the memory, at least 2 GiB, at most 6 GiB
 *   (node-llama-cpp keeps min(25%, 6 GiB) free on macOS and Windows; a browser needs 1–2 GB).
 * - Headroom in GPU memory: node-llama-cpp's default `vramPadding`, min(8%, 1.6 GiB), for the display
 *   and the driver.
 * - Speed: generating a token reads every weight once (for mixture-of-experts models, the experts in
 *   use), so tokens/s ≈ memory bandwidth ÷ weights read.
 *   Assumed bandwidths are what llama.cpp reaches in practice on modest hardware: 25 GB/s from RAM
 *   (dual-channel DDR4/DDR5), 300 GB/s on a discrete GPU (an RTX 4060 has 272, a 4070 504), 100 GB/s
 *   on Apple silicon (M1–M3 base chips). "Runs well" on the CPU means at least 8 tokens/s (reading
 *   speed is 4–5 words, about 6 tokens, a second) — weights of about 3 GB or less.
 */
export const FIT_ASSUMPTIONS = {
  minContextSize: 256,
  kvCellPadding: 256,
  microBatchTokens: 512,
  /** llama.cpp's host copy of the vocabulary (token texts, lookup maps, merges): a rough 256 B per token. */
  vocabBytesPerToken: 256,
  /**
   * Per loaded model, measured in the measured test: ~3 MiB of threads and context state, and ~2 MiB
   * of llama.cpp's code paged in on first use.
   */
  runtimeBytes: 5 * 1024 ** 2,
  ramReserve: { share: 0.25, minBytes: 2 * GiB, maxBytes: 6 * GiB },
  vramPadding: { share: 0.08, maxBytes: 1.6 * GiB },
  cpuBytesPerSecond: 25e9,
  gpuBytesPerSecond: 300e9,
  unifiedBytesPerSecond: 100e9,
  comfortableTokensPerSecond: 8,
} as const

export const LABEL_TEXT = {
  runs_well: 'Runs well',
  runs_slowly: 'Runs, but slowly (partly on the CPU)',
  runs_slowly_cpu: 'Runs, but slowly (on the CPU)',
  too_big: 'Too big for this computer',
} as const

/** How llama.cpp stores the KV cache (the setting's 'auto' is resolved before it gets here). */
export type KvCacheType = 'f16' | 'q8_0'

export const KV_BYTES_PER_ELEMENT: Record<KvCacheType, number> = { f16: 2, q8_0: 34 / 32 }

/** How the context is made, beyond its size per sequence. */
export interface ContextShape {
  /** Sequences (parallel conversations) in the context, each with `contextSize` cells of its own. Default 1. */
  sequences?: number
  /** Default f16. */
  kvCacheType?: KvCacheType
  /** Whether llama.cpp uses flash attention; default: when the model supports it (`FitInput.flashAttention`). */
  flashAttention?: boolean
  /** Layers on the GPU as the user chose them (capped at the model's); default: as many as fit. */
  gpuLayers?: number
}

export interface MemoryNeeds {
  /** The context actually used per sequence: within [256, trained context]. */
  contextSize: number
  sequences: number
  kvCacheType: KvCacheType
  weightsBytes: number
  kvCacheBytes: number
  /** llama.cpp's compute buffer (activations of one micro-batch, the logits, the attention mask). */
  computeBytes: number
  /** Compute buffer + output buffer + vocabulary tables + runtime. */
  overheadBytes: number
  totalBytes: number
}

const padUp = (value: number, multiple: number) => Math.ceil(value / multiple) * multiple

/** The context size the engine would create: at least 256 tokens, at most what the model was trained for. */
export function effectiveContextSize(input: Pick<FitInput, 'trainContextSize'>, contextSize: number): number {
  const trained = input.trainContextSize && input.trainContextSize > 0 ? input.trainContextSize : contextSize
  return Math.max(FIT_ASSUMPTIONS.minContextSize, Math.min(contextSize, trained))
}

/**
 * Memory to load `input` with a context of `contextSize` tokens per sequence, following how llama.cpp
 * allocates:
 * - weights: as stored in the file (memory-mapped);
 * - KV cache: layers × KV heads × (key + value head size) × cells × bytes per element (f16: 2, q8_0:
 *   34/32); cells are contextSize × sequences, padded to 256 as node-llama-cpp does; sliding-window
 *   layers keep only window + one batch of cells per sequence;
 * - compute buffer: the peak of one micro-batch of T tokens, as 4-byte floats: the feed-forward block
 *   holds gate, up and product (3 × feed-forward width) next to ~4 embedding-wide activations; the
 *   output holds the logits (vocabulary) next to 2 embedding-wide ones; whichever is larger. Flash
 *   attention adds an f16 mask of cells × T; without it the attention scores, heads × cells × T floats
 *   — the cells of one sequence: llama.cpp keeps each sequence's cells in a stream of its own and
 *   splits the batch between them.
 *   For generated llamas whose feed-forward layer is wider than the embedding (as in real models)
 *   this matches llama.cpp's reported "CPU compute buffer size" to within 0.1 MB; their vocabulary
 *   is too small to check the logits side, which follows the graph's shape.
 * - output buffer: one row of logits (vocabulary × 4 bytes); llama.cpp's vocabulary tables; the
 *   runtime's own few megabytes.
 */
export function memoryNeeds(input: FitInput, contextSize: number, shape: ContextShape = {}): MemoryNeeds {
  const a = FIT_ASSUMPTIONS
  const sequences = Math.max(1, Math.floor(shape.sequences ?? 1))
  const kvCacheType = shape.kvCacheType ?? 'f16'
  const flashAttention = shape.flashAttention ?? input.flashAttention
  const context = effectiveContextSize(input, contextSize)
  const cells = padUp(context * sequences, a.kvCellPadding)
  const streamCells = cells / sequences
  const batch = Math.min(context * sequences, a.microBatchTokens)
  const kvPerCell = input.kvHeads * (input.headDimK + input.headDimV) * KV_BYTES_PER_ELEMENT[kvCacheType]
  const swa = input.slidingWindow
  const swaLayers = swa ? Math.min(swa.layers, input.layers) : 0
  const swaCells = swa ? Math.min(cells, sequences * padUp(swa.window + batch, a.kvCellPadding)) : cells
  const kvCacheBytes = Math.ceil(kvPerCell * ((input.layers - swaLayers) * cells + swaLayers * swaCells))

  const d = input.embeddingLength
  const activations = Math.max(3 * input.feedForwardLength + 4 * d, input.vocabSize + 2 * d)
  const attention = flashAttention ? 2 * streamCells : 4 * streamCells * Math.max(1, input.heads)
  const computeBytes = batch * (4 * activations + attention)
  const overheadBytes = computeBytes + 4 * input.vocabSize + a.vocabBytesPerToken * input.vocabSize + a.runtimeBytes
  return {
    contextSize: context,
    sequences,
    kvCacheType,
    weightsBytes: input.weightsBytes,
    kvCacheBytes,
    computeBytes,
    overheadBytes,
    totalBytes: input.weightsBytes + kvCacheBytes + overheadBytes,
  }
}

/** RAM the model may use: the total less headroom for the OS and other apps. */
export function usableRamBytes(ramTotalBytes: number): number {
  const { share, minBytes, maxBytes } = FIT_ASSUMPTIONS.ramReserve
  return Math.max(0, ramTotalBytes - Math.min(maxBytes, Math.max(minBytes, ramTotalBytes * share)))
}

/** GPU memory the model may use on one GPU: free (or total) less node-llama-cpp's padding. */
export function usableVramBytes(gpu: Gpu): number {
  const total = gpu.vramTotalBytes ?? 0
  const { share, maxBytes } = FIT_ASSUMPTIONS.vramPadding
  return Math.max(0, (gpu.vramFreeBytes ?? total) - Math.min(maxBytes, total * share))
}

/**
 * How `input` would fit `hardware` with a context of `contextSize` tokens. Layers go to the GPU(s)
 * while they fit in free GPU memory (after the compute buffer, which the GPU holds once any layer is
 * there); the rest, and the token-embedding table, stay in RAM.
 */
export function estimateFit(input: FitInput, contextSize: number, hardware: FitHardware, shape: ContextShape = {}): FitEstimate {
  const needs = memoryNeeds(input, contextSize, shape)
  const gpus = usableGpus(hardware.gpus, hardware.gpuBackends)
  const unified = gpus.length > 0 && gpus.every((g) => g.unifiedMemory)
  const layers = Math.max(1, input.layers)
  const offloadable = Math.max(0, needs.weightsBytes - input.cpuOnlyWeightsBytes)
  const perLayer = (offloadable + needs.kvCacheBytes) / layers
  const gpuCompute = needs.computeBytes * gpus.length
  const freeVram = gpus.reduce((sum, g) => sum + usableVramBytes(g), 0)
  const fitting = gpus.length === 0 ? 0 : Math.max(0, Math.min(layers, Math.floor((freeVram - gpuCompute) / perLayer)))
  const gpuLayers = gpus.length === 0 ? 0 : shape.gpuLayers === undefined ? fitting : Math.max(0, Math.min(layers, Math.round(shape.gpuLayers)))
  const gpuShare = gpuLayers / layers
  // Each GPU holds a compute buffer for its part of the graph; the first is already in `needs`.
  const extraCompute = gpuLayers > 0 ? needs.computeBytes * (gpus.length - 1) : 0
  const overheadBytes = needs.overheadBytes + extraCompute
  const totalBytes = needs.totalBytes + extraCompute
  const vramBytes = gpuLayers > 0 ? Math.min(totalBytes, Math.round(gpuLayers * perLayer + gpuCompute)) : 0
  const ramBytes = totalBytes - vramBytes

  const usableRam = usableRamBytes(hardware.ramTotalBytes)
  // Unified memory: what the GPU holds is RAM too.
  // A user's choice of more layers than fit overfills the GPU, whatever RAM is left.
  const tooBig = gpuLayers > fitting || (unified ? totalBytes > usableRam : ramBytes > usableRam)

  const a = FIT_ASSUMPTIONS
  const readPerToken = offloadable * input.activeWeightsShare
  const secondsPerToken =
    (readPerToken * (1 - gpuShare)) / a.cpuBytesPerSecond + (readPerToken * gpuShare) / (unified ? a.unifiedBytesPerSecond : a.gpuBytesPerSecond)
  const tokensPerSecond = secondsPerToken > 0 ? 1 / secondsPerToken : Infinity
  // Split between GPU and CPU is "slowly" whatever the arithmetic says: the CPU part sets the pace,
  // and the transfers between them add to it.
  const comfortable = gpuShare === 1 || (gpuShare === 0 && tokensPerSecond >= a.comfortableTokensPerSecond)
  const label: FitLabel = tooBig ? 'too_big' : comfortable ? 'runs_well' : 'runs_slowly'

  const facts: Facts = { totalBytes, gpus, unified, gpuShare, vramBytes, ramBytes, usableRam, freeVram, hasAnyGpu: hardware.gpus.length > 0, overfull: gpuLayers > fitting ? gpuLayers : 0 }
  return {
    label,
    labelText: label === 'runs_slowly' && gpuShare === 0 ? LABEL_TEXT.runs_slowly_cpu : LABEL_TEXT[label],
    reason: reasonFor(label, facts),
    contextSize: needs.contextSize,
    weightsBytes: needs.weightsBytes,
    kvCacheBytes: needs.kvCacheBytes,
    overheadBytes,
    totalBytes,
    vramBytes,
    ramBytes,
    gpuShare,
  }
}

/** The layers `fit` puts on the GPU: what the engine passes node-llama-cpp as `gpuLayers`. */
export function gpuLayersFor(input: Pick<FitInput, 'layers'>, fit: Pick<FitEstimate, 'gpuShare'>): number {
  return Math.round(fit.gpuShare * Math.max(1, input.layers))
}

interface Facts {
  totalBytes: number
  gpus: Gpu[]
  unified: boolean
  gpuShare: number
  vramBytes: number
  ramBytes: number
  usableRam: number
  freeVram: number
  hasAnyGpu: boolean
  /** The user's layer count when it is more than fit on the GPU, else 0. */
  overfull: number
}

function reasonFor(label: FitLabel, f: Facts): string {
  const total = formatBytes(f.totalBytes)
  const gpu = f.gpus.length === 1 ? words('fit.theGpu', { model: (f.gpus[0] as Gpu).model }) : words('fit.theGpus')
  if (label === 'too_big' && f.overfull > 0) {
    const [needs, free] = formatBytesApart(f.vramBytes, f.freeVram)
    return say('fit.overfull', { layers: f.overfull, needs, gpu, free })
  }
  if (label === 'too_big') {
    // The two figures set against each other must read apart ("18.3 GiB … 17.6 GiB", not "18 … 18").
    if (f.unified || f.vramBytes === 0) {
      const [needs, spares] = formatBytesApart(f.totalBytes, f.usableRam)
      return say('fit.tooBig', { needs, spares })
    }
    const [rest, spares] = formatBytesApart(f.ramBytes, f.usableRam)
    return say('fit.tooBigSplit', { total, vram: formatBytes(f.vramBytes), gpu, rest, spares })
  }
  if (f.gpuShare === 1) {
    if (f.unified) {
      const chip = f.gpus.find(isAppleGpu)?.model
      return chip ? say('fit.fitsUnified', { free: formatBytes(f.freeVram), chip, total }) : say('fit.fitsChip', { free: formatBytes(f.freeVram), total })
    }
    return say('fit.fitsGpu', { gpu, vram: formatBytes(f.vramBytes), free: formatBytes(f.freeVram) })
  }
  if (label === 'runs_well') {
    return say('fit.runsWellCpu', { total, usable: formatBytes(f.usableRam) })
  }
  if (f.gpuShare > 0) {
    return say('fit.partlyGpu', { total, percent: Math.round(f.gpuShare * 100), gpu })
  }
  if (f.gpus.length > 0) return say('fit.cpuAlone', { total, gpu })
  return say('fit.noGpu', { total, usable: formatBytes(f.usableRam), gpu: words(f.hasAnyGpu ? 'fit.usableGpu' : 'fit.anyGpu') })
}
