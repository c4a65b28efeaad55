import { describe, expect, it } from 'vitest'
import type { FitLabel, HardwareProfile } from '../../../shared/api'
import { buildHardwareProfile } from '../hardware/profile'
import { loadRecording, type RecordedMachine } from '../testing/replayProbe'
import { resolveKvCacheType, sequencesThatFit } from './context'
import { estimateFit, gpuLayersFor, memoryNeeds, usableRamBytes, type FitHardware } from './estimate'
import { fitInputFromCatalog, type FitInput } from './input'
import { bitsPerWeight } from './quants'
import { catalogEntry } from '../testing/testCatalog'

const GiB = 1024 ** 3
const MiB = 1024 ** 2

async function machine(name: RecordedMachine): Promise<HardwareProfile> {
  return buildHardwareProfile((await loadRecording(name)).readings)
}

/** Llama 3.1 8B Instruct Q4_K_M, as its GGUF describes it. */
const LLAMA_8B: FitInput = {
  weightsBytes: 4_920_734_272,
  cpuOnlyWeightsBytes: 128256 * 4096 * 0.5625, // token_embd in Q4_K: 144 bytes per 256 weights
  layers: 32,
  kvHeads: 8,
  headDimK: 128,
  headDimV: 128,
  slidingWindow: null,
  heads: 32,
  embeddingLength: 4096,
  feedForwardLength: 14336,
  vocabSize: 128256,
  trainContextSize: 131072,
  flashAttention: true,
  activeWeightsShare: 1,
  source: 'file',
}

describe('memoryNeeds', () => {
  it('sizes the KV cache as llama.cpp does: 512 MiB for Llama 3 8B at 4096 tokens, f16', () => {
    // llama.cpp logs "KV self size = 512.00 MiB, K (f16): 256.00 MiB, V (f16): 256.00 MiB" for it.
    expect(memoryNeeds(LLAMA_8B, 4096).kvCacheBytes).toBe(512 * MiB)
    expect(memoryNeeds(LLAMA_8B, 32768).kvCacheBytes).toBe(4096 * MiB)
    // Cells come in multiples of 256.
    expect(memoryNeeds(LLAMA_8B, 1000).kvCacheBytes).toBe(128 * MiB)
  })

  it('grows the compute buffer with the context (attention mask) and caps its batch at 512 tokens', () => {
    const small = memoryNeeds(LLAMA_8B, 2048)
    const large = memoryNeeds(LLAMA_8B, 8192)
    expect(large.computeBytes - small.computeBytes).toBe(2 * (8192 - 2048) * 512)
    // The logits of one 512-token batch dominate: 128256 × 512 × 4 bytes ≈ 250 MiB.
    expect(small.computeBytes).toBeGreaterThan(250 * MiB)
    expect(small.computeBytes).toBeLessThan(300 * MiB)
  })

  it('uses the context the engine would: never above the trained length, never below 256 tokens', () => {
    const trained2k = { ...LLAMA_8B, trainContextSize: 2048 }
    expect(memoryNeeds(trained2k, 8192).contextSize).toBe(2048)
    expect(memoryNeeds(trained2k, 100).contextSize).toBe(256)
    expect(estimateFit(trained2k, 8192, { ramTotalBytes: 64 * GiB, gpus: [], gpuBackends: [] }).contextSize).toBe(2048)
  })

  it('keeps only window + batch cells for sliding-window layers (Gemma 3: 5 of every 6)', () => {
    const gemma: FitInput = { ...LLAMA_8B, layers: 48, kvHeads: 8, headDimK: 256, headDimV: 256, slidingWindow: { window: 1024, layers: 40 } }
    const full = memoryNeeds({ ...gemma, slidingWindow: null }, 32768).kvCacheBytes
    const swa = memoryNeeds(gemma, 32768).kvCacheBytes
    const perCell = 8 * 512 * 2
    expect(swa).toBe(perCell * (8 * 32768 + 40 * 1536))
    expect(swa / full).toBeLessThan(0.25)
  })
})

/** The bench's generated ~148M F16 llama (bench/lib/modelFiles.ts SYNTHETIC_FULL) with an 8192-token window. */
const SYNTHETIC_148M: FitInput = {
  ...LLAMA_8B,
  weightsBytes: 297_357_344,
  cpuOnlyWeightsBytes: 32000 * 768 * 2,
  layers: 12,
  kvHeads: 12,
  heads: 12,
  embeddingLength: 768,
  feedForwardLength: 2560,
  vocabSize: 32000,
  headDimK: 64,
  headDimV: 64,
  trainContextSize: 8192,
}

describe('several sequences and the KV cache type', () => {
  it('sizes 4 sequences × 4096 tokens as llama.cpp does: 576 MiB in f16, 306 MiB in q8_0 (34 bytes per 32 values)', () => {
    // llama.cpp logs "CPU KV buffer size = 576.00 MiB" and "= 306.00 MiB" for the generated model.
    const f16 = memoryNeeds(SYNTHETIC_148M, 4096, { sequences: 4, kvCacheType: 'f16' })
    const q8 = memoryNeeds(SYNTHETIC_148M, 4096, { sequences: 4, kvCacheType: 'q8_0' })
    expect(f16.kvCacheBytes).toBe(576 * MiB)
    expect(q8.kvCacheBytes).toBe(306 * MiB)
    expect(memoryNeeds(SYNTHETIC_148M, 4096).kvCacheBytes).toBe(144 * MiB)
    expect(f16).toMatchObject({ contextSize: 4096, sequences: 4, kvCacheType: 'f16' })
  })

  it('counts attention scores over one sequence’s cells: llama.cpp keeps each sequence in a stream of its own', () => {
    const one = memoryNeeds(SYNTHETIC_148M, 4096, { flashAttention: false })
    const four = memoryNeeds(SYNTHETIC_148M, 4096, { sequences: 4, flashAttention: false })
    expect(four.computeBytes).toBe(one.computeBytes)
    // Without flash attention: 12 heads × 4096 cells × 512 tokens of 4-byte scores on top of the activations.
    expect(four.computeBytes - memoryNeeds(SYNTHETIC_148M, 4096, { sequences: 4, flashAttention: true }).computeBytes).toBe(512 * (4 * 4096 * 12 - 2 * 4096))
  })

  it('says how many sequences of a context fit: more with q8_0, none when one does not', async () => {
    const mini = await machine('mini-pc-n100-cpu-only') // 16 GiB, no GPU: 12 GiB to spare
    const qwen8b = fitInputFromCatalog(catalogEntry('qwen3-8b'), 'Q4_K_M') // 36 layers × 8 KV heads × 128: 144 KiB a token in f16
    const f16 = sequencesThatFit(qwen8b, 8192, mini, 'f16')
    const q8 = sequencesThatFit(qwen8b, 8192, mini, 'q8_0')
    expect(f16).toBeGreaterThanOrEqual(4)
    expect(q8).toBeGreaterThan(f16 * 1.7)
    for (const [type, n] of [['f16', f16], ['q8_0', q8]] as const) {
      expect(estimateFit(qwen8b, 8192, mini, { sequences: n, kvCacheType: type }).label).not.toBe('too_big')
      expect(estimateFit(qwen8b, 8192, mini, { sequences: n + 1, kvCacheType: type }).label).toBe('too_big')
    }
    expect(sequencesThatFit(qwen8b, 8192, mini, 'f16', 3)).toBe(3)
    expect(sequencesThatFit(fitInputFromCatalog(catalogEntry('llama-3.3-70b'), 'Q4_K_M'), 4096, mini, 'f16')).toBe(0)
  })

  it('keeps the sequences that fit on the GPU: one more must not push layers to the processor', async () => {
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const qwen8b = fitInputFromCatalog(catalogEntry('qwen3-8b'), 'Q4_K_M')
    const n = sequencesThatFit(qwen8b, 4096, gaming, 'f16')
    expect(n).toBeGreaterThanOrEqual(2)
    expect(estimateFit(qwen8b, 4096, gaming, { sequences: n, kvCacheType: 'f16' }).gpuShare).toBe(1)
    expect(estimateFit(qwen8b, 4096, gaming, { sequences: n + 1, kvCacheType: 'f16' }).gpuShare).toBeLessThan(1)
  })

  it('Automatic KV type: f16 while it fits, q8_0 when only q8_0 fits or keeps more on the GPU, f16 for models without flash attention', async () => {
    const mini = await machine('mini-pc-n100-cpu-only')
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const qwen8b = fitInputFromCatalog(catalogEntry('qwen3-8b'), 'Q4_K_M')
    expect(resolveKvCacheType(qwen8b, 8192, mini, 'auto')).toBe('f16')
    // 32k tokens: 4.5 GiB of f16 cache beside 5 GB of weights outgrows the 12 GiB with 4 sequences, not in q8_0.
    expect(resolveKvCacheType(qwen8b, 32768, mini, 'auto', 2)).toBe('q8_0')
    // On the RTX 4070 one f16 cache of 32k tokens still fits the GPU; with two, q8_0 keeps more layers there.
    expect(resolveKvCacheType(qwen8b, 32768, gaming, 'auto')).toBe('f16')
    const twoF16 = estimateFit(qwen8b, 32768, gaming, { sequences: 2, kvCacheType: 'f16' }).gpuShare
    expect(estimateFit(qwen8b, 32768, gaming, { sequences: 2, kvCacheType: 'q8_0' }).gpuShare).toBeGreaterThan(twoF16)
    expect(resolveKvCacheType(qwen8b, 32768, gaming, 'auto', 2)).toBe('q8_0')
    expect(resolveKvCacheType(qwen8b, 32768, gaming, 'f16', 2)).toBe('f16')
    expect(resolveKvCacheType({ ...qwen8b, flashAttention: false }, 32768, gaming, 'q8_0')).toBe('f16')
  })
})

describe('estimateFit labels on recorded machines (Q4_K_M, 4096 tokens)', () => {
  const models = ['qwen2.5-0.5b', 'qwen3-4b', 'qwen3-8b', 'qwen3-14b', 'qwen3-32b', 'llama-3.3-70b']
  const W = 'runs_well'
  const S = 'runs_slowly'
  const X = 'too_big'
  it.each<[RecordedMachine, FitLabel[]]>([
    ['macbook-air-m2-16gb', [W, W, W, W, X, X]],
    ['gaming-pc-rtx4070-12gb', [W, W, W, W, S, X]],
    ['enthusiast-rtx4090-24gb', [W, W, W, W, W, S]],
    ['workstation-rtx-a6000-48gb', [W, W, W, W, W, W]],
    ['dual-rtx3090-48gb', [W, W, W, W, W, W]],
    ['laptop-rtx4060-8gb', [W, W, W, S, X, X]],
    ['mini-pc-n100-cpu-only', [W, W, S, S, X, X]],
  ])('%s: 0.5B, 4B, 8B, 14B, 32B, 70B → %j', async (name, labels) => {
    const profile = await machine(name)
    const fits = models.map((id) => estimateFit(fitInputFromCatalog(catalogEntry(id), 'Q4_K_M'), 4096, profile))
    expect(fits.map((f) => f.label)).toEqual(labels)
    for (const fit of fits) {
      expect(fit.vramBytes + fit.ramBytes).toBe(fit.totalBytes)
      expect(fit.totalBytes).toBe(fit.weightsBytes + fit.kvCacheBytes + fit.overheadBytes)
    }
  })

  it('says where a model runs, in plain words', async () => {
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const at = (id: string, profile: FitHardware) => estimateFit(fitInputFromCatalog(catalogEntry(id), 'Q4_K_M'), 4096, profile)

    const fits = at('qwen3-8b', gaming)
    expect(fits).toMatchObject({ labelText: 'Runs well', gpuShare: 1, ramBytes: expect.any(Number) })
    expect(fits.reason).toMatch(/^It fits entirely on the NVIDIA GeForce RTX 4070: about 5\.\d GiB of 9\.7 GiB free\.$/)

    const split = at('qwen3-32b', gaming)
    expect(split.labelText).toBe('Runs, but slowly (partly on the CPU)')
    expect(split.gpuShare).toBeGreaterThan(0.3)
    expect(split.gpuShare).toBeLessThan(0.7)
    expect(split.reason).toMatch(/^It needs about \d+(\.\d)? GiB, and only \d+% of it fits on the NVIDIA GeForce RTX 4070; the rest runs on the processor/)

    const huge = at('llama-3.3-70b', gaming)
    expect(huge.labelText).toBe('Too big for this computer')
    expect(huge.reason).toMatch(/^It needs about \d+ GiB: \d\.\d GiB fit on the NVIDIA GeForce RTX 4070, and the other \d+ GiB is more than the 26 GiB of memory/)

    const mini = await machine('mini-pc-n100-cpu-only')
    expect(at('qwen3-4b', mini).reason).toMatch(/small enough to run at a comfortable speed on the processor/)
    const slow = at('qwen3-8b', mini)
    expect(slow.labelText).toBe('Runs, but slowly (on the CPU)')
    expect(slow.reason).toMatch(/^It fits in memory \(about 5\.\d GiB of 12 GiB\), but without a graphics card Aura can use, a model this size writes slowly\.$/)

    const mac = await machine('macbook-air-m2-16gb')
    expect(at('qwen3-8b', mac).reason).toMatch(/^It fits in the 9\.8 GiB of memory the Apple M2's graphics can use \(it needs about 5\.\d GiB\)\.$/)
  })

  it('puts everything in RAM when node-llama-cpp has no GPU back-end, though a card is present', async () => {
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const fit = estimateFit(fitInputFromCatalog(catalogEntry('qwen3-8b'), 'Q4_K_M'), 4096, { ...gaming, gpuBackends: [] })
    expect(fit).toMatchObject({ label: 'runs_slowly', gpuShare: 0, vramBytes: 0 })
    expect(fit.ramBytes).toBe(fit.totalBytes)
  })

  it('counts what the GPU holds on a Mac as RAM too', async () => {
    const mac = await machine('macbook-air-m2-16gb')
    // 14B at 8k: the GPU share (9.8 GiB) takes it all, but it needs more than the 12 GiB a 16 GiB Mac can spare.
    const fit = estimateFit(fitInputFromCatalog(catalogEntry('qwen3-14b'), 'Q8_0'), 8192, mac)
    expect(fit.label).toBe('too_big')
    expect(fit.reason).toMatch(/^It needs about 1\d GiB of memory, and this computer can spare about 12 GiB\.$/)
  })
})

describe('the words of a fit', () => {
  it('never says a model is too big for what the computer can spare in the same figure twice', async () => {
    const mini = await machine('mini-pc-n100-cpu-only')
    const input = fitInputFromCatalog(catalogEntry('qwen3-14b'), 'Q8_0')
    const need = estimateFit(input, 8192, mini).totalBytes
    // A computer that can spare a little less than the model needs: both round to the same whole GiB.
    const spare = (Math.round(need / GiB) - 0.49) * GiB
    let low = spare
    let high = spare * 2
    while (high - low > 1024) {
      const mid = (low + high) / 2
      if (usableRamBytes(mid) < spare) low = mid
      else high = mid
    }
    const fit = estimateFit(input, 8192, { ...mini, ramTotalBytes: high })
    expect(fit.label).toBe('too_big')
    const [, needs, spares] = /needs about (\S+ \S+) of memory, and this computer can spare about (\S+ \S+)\./.exec(fit.reason) ?? []
    expect(needs).toBeDefined()
    expect(needs).not.toBe(spares)
  })
})

describe('mixture-of-experts models', () => {
  it('run at the speed of the experts in use: 30B-A3B runs well without a GPU where a dense 14B does not', async () => {
    const mini = await machine('mini-pc-n100-cpu-only')
    const moe = {
      ...catalogEntry('qwen3-32b'),
      id: 'qwen3-30b-a3b',
      name: 'Qwen3 30B A3B',
      parameters: 30.5e9,
      quants: [{ quant: 'Q4_K_M', repo: 'x/y', file: 'z.gguf', sizeBytes: 18.6e9, isDefault: true }],
      arch: { layers: 48, kvHeads: 4, headDim: 128, embedding: 2048 },
      activeParameters: 3.3e9,
    }
    // 18.6 GB does not fit a 16 GB mini PC at all; on a 32 GB one it runs well on the CPU.
    expect(estimateFit(fitInputFromCatalog(moe, 'Q4_K_M'), 4096, mini).label).toBe('too_big')
    const bigger = { ...mini, ramTotalBytes: 32 * GiB }
    expect(estimateFit(fitInputFromCatalog(moe, 'Q4_K_M'), 4096, bigger).label).toBe('runs_well')
    expect(estimateFit(fitInputFromCatalog(catalogEntry('qwen3-14b'), 'Q4_K_M'), 4096, bigger).label).toBe('runs_slowly')
  })
})

describe('headroom', () => {
  it('leaves a quarter of RAM to the OS and other apps, at least 2 GiB and at most 6 GiB', () => {
    expect(usableRamBytes(8 * GiB)).toBe(6 * GiB)
    expect(usableRamBytes(16 * GiB)).toBe(12 * GiB)
    expect(usableRamBytes(64 * GiB)).toBe(58 * GiB)
    expect(usableRamBytes(1 * GiB)).toBe(0)
  })
})

describe('fitInputFromCatalog', () => {
  it('takes the size from the catalog, else parameters × bits per weight', () => {
    const entry = catalogEntry('qwen3-8b')
    expect(fitInputFromCatalog(entry, 'Q4_K_M').weightsBytes).toBe(5.03e9)
    const noSize = { ...entry, quants: entry.quants.map((q) => ({ ...q, sizeBytes: null })) }
    expect(fitInputFromCatalog(noSize, 'Q8_0').weightsBytes).toBe(Math.round((8.19e9 * 8.5) / 8))
    expect(bitsPerWeight('q4_k_m')).toBe(4.89)
    expect(bitsPerWeight('something new')).toBe(4.89)
  })

  it('uses the catalog shape when given, and guesses one from the size otherwise', () => {
    const entry = catalogEntry('qwen3-8b')
    const guessed = fitInputFromCatalog(entry, 'Q4_K_M')
    expect(guessed).toMatchObject({ source: 'guess', layers: 36, kvHeads: 8, headDimK: 128, trainContextSize: 32768 })
    const given = fitInputFromCatalog({ ...entry, arch: { layers: 40, kvHeads: 4, headDim: 96, embedding: 3072 } }, 'Q4_K_M')
    expect(given).toMatchObject({ source: 'catalog', layers: 40, kvHeads: 4, headDimK: 96, headDimV: 96, embeddingLength: 3072 })
    expect(memoryNeeds(given, 4096).kvCacheBytes).toBe(40 * 4 * 192 * 2 * 4096)
    // Gemma 3 12B as services/catalog describes it: 5 of every 6 layers keep only 1024 tokens.
    const gemma = fitInputFromCatalog(
      { ...catalogEntry('gemma-3-12b'), arch: { layers: 48, kvHeads: 8, headDim: 256, embedding: 3840, slidingWindow: { size: 1024, globalEvery: 6 } } },
      'Q4_K_M',
    )
    expect(gemma.slidingWindow).toEqual({ window: 1024, layers: 40 })
    expect(memoryNeeds(gemma, 32768).kvCacheBytes).toBe(8 * 512 * 2 * (8 * 32768 + 40 * 1536))
  })
})

describe('GPU layers', () => {
  it('Automatic: as many layers as fit, as a number the engine passes to node-llama-cpp; none without a GPU', async () => {
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const mini = await machine('mini-pc-n100-cpu-only')
    expect(gpuLayersFor(LLAMA_8B, estimateFit(LLAMA_8B, 4096, gaming))).toBe(32)
    // 64k tokens of f16 cache (8 GiB) beside the weights: only part of the layers fit the 12 GiB.
    const long = gpuLayersFor(LLAMA_8B, estimateFit(LLAMA_8B, 65536, gaming))
    expect(long).toBeGreaterThan(0)
    expect(long).toBeLessThan(32)
    expect(gpuLayersFor(LLAMA_8B, estimateFit(LLAMA_8B, 4096, mini))).toBe(0)
  })

  it("covers the user's split: fewer layers on the GPU leave more in RAM, and more than fit say so", async () => {
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const all = estimateFit(LLAMA_8B, 4096, gaming)
    const half = estimateFit(LLAMA_8B, 4096, gaming, { gpuLayers: 16 })
    expect(half.gpuShare).toBe(0.5)
    expect(half.ramBytes).toBeGreaterThan(all.ramBytes)
    expect(half.vramBytes).toBeLessThan(all.vramBytes)
    expect(half.label).toBe('runs_slowly')
    // All 32 layers with 64k tokens do not fit the card's 12 GiB: too big, before loading.
    const forced = estimateFit(LLAMA_8B, 65536, gaming, { gpuLayers: 32 })
    expect(forced.label).toBe('too_big')
    expect(forced.reason).toMatch(/graphics/i)
  })
})
