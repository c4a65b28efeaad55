/**
 * The KV cache type and flash attention as the engine asks node-llama-cpp for them, checked against
 * llama.cpp's own account of the KV cache it allocates ("CPU KV buffer size = … MiB").
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getLlama, LlamaLogLevel, type Llama, type LlamaContextOptions, type LlamaModel } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryNeeds, readFitInput, type FitInput } from '../fit'
import { writeTinyLlama } from '../testing/tinyLlama'
import { llamaContextOptions, planContext } from './contextOptions'

const GiB = 1024 ** 3
const CONTEXT = 1024
const SEQUENCES = 4

let dir: string
let file: string
let llama: Llama
let model: LlamaModel
let input: FitInput
/** llama.cpp's KV buffer of the last context made, in bytes. */
let kvBuffer = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-kv-'))
  // Heads of 64 values, as in real models (a q8_0 block holds 32).
  file = await writeTinyLlama(join(dir, 'kv.gguf'), { layers: 4, embedding: 256, heads: 4, kvHeads: 2, feedForward: 768, contextLength: 8192 })
  input = await readFitInput(file)
  llama = await getLlama({
    gpu: false,
    build: 'never',
    progressLogs: false,
    logLevel: LlamaLogLevel.info,
    logger: (_level, message) => {
      const match = /KV buffer size =\s*([\d.]+) MiB/.exec(message)
      if (match) kvBuffer = Math.round(Number(match[1]) * 1024 ** 2)
    },
  })
  model = await llama.loadModel({ modelPath: file })
})

afterAll(async () => {
  // A context that failed to be made holds the model's dispose forever (see withTimeout in llamaEngine.ts).
  const settled = (promise: Promise<void> | undefined) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, 2_000))])
  await settled(model?.dispose())
  await settled(llama?.dispose())
  await rm(dir, { recursive: true, force: true })
})

async function kvBytes(options: Partial<LlamaContextOptions>): Promise<number> {
  kvBuffer = 0
  const context = await model.createContext({ contextSize: CONTEXT, sequences: SEQUENCES, threads: 1, ...options })
  await new Promise((resolve) => setTimeout(resolve, 20)) // the log arrives through the event loop
  await context.dispose()
  return kvBuffer
}

describe('KV cache type', () => {
  it('makes the f16 and q8_0 caches llama.cpp reports, and the estimate predicts them for 4 sequences', async () => {
    const f16 = await kvBytes(llamaContextOptions({ kvCacheType: 'f16', flashAttention: false }))
    const q8 = await kvBytes(llamaContextOptions({ kvCacheType: 'q8_0', flashAttention: true }))
    expect(f16).toBe(memoryNeeds(input, CONTEXT, { sequences: SEQUENCES, kvCacheType: 'f16' }).kvCacheBytes)
    expect(q8).toBe(memoryNeeds(input, CONTEXT, { sequences: SEQUENCES, kvCacheType: 'q8_0' }).kvCacheBytes)
    // llama.cpp's q8_0: blocks of 32 values in 34 bytes, against 64 in f16.
    expect(q8 / f16).toBe(34 / 64)
  })

  it('needs the spelling "Q8_0": node-llama-cpp silently makes an f16 cache for "q8_0"', async () => {
    const f16 = await kvBytes({ flashAttention: true })
    const lower = await kvBytes({ flashAttention: true, experimentalKvCacheKeyType: 'q8_0' as 'Q8_0', experimentalKvCacheValueType: 'q8_0' as 'Q8_0' })
    expect(lower).toBe(f16)
    expect(llamaContextOptions({ kvCacheType: 'q8_0', flashAttention: true })).toMatchObject({ experimentalKvCacheKeyType: 'Q8_0', experimentalKvCacheValueType: 'Q8_0' })
  })

  it('cannot make a q8_0 cache without flash attention, so the plan always pairs them', async () => {
    await expect(model.createContext({ contextSize: CONTEXT, threads: 1, flashAttention: false, experimentalKvCacheValueType: 'Q8_0' })).rejects.toThrow()
    const plan = await planContext(llama, file, CONTEXT, 'q8_0', {})
    expect(plan).toMatchObject({ kvCacheType: 'q8_0', flashAttention: true })
  })

  it('Automatic: f16 while memory allows, q8_0 when only it fits; flash attention on the CPU', async () => {
    const plenty = await planContext(llama, file, 8192, 'auto', { ramTotalBytes: 16 * GiB })
    expect(plenty).toMatchObject({ kvCacheType: 'f16', flashAttention: true, fit: { label: 'runs_well' } })
    // Past the 2 GiB kept for the OS and other apps, room for the model with a q8_0 cache, not an f16 one.
    const f16Bytes = memoryNeeds(input, 8192, { kvCacheType: 'f16', flashAttention: true }).totalBytes
    const q8Bytes = memoryNeeds(input, 8192, { kvCacheType: 'q8_0', flashAttention: true }).totalBytes
    const short = { ramTotalBytes: 2 * GiB + (f16Bytes + q8Bytes) / 2 }
    const plan = await planContext(llama, file, 8192, 'auto', short)
    expect(plan).toMatchObject({ kvCacheType: 'q8_0', flashAttention: true })
    expect(plan.fit?.label).not.toBe('too_big')
    // The user's choice stands, even where memory is short.
    expect((await planContext(llama, file, 8192, 'f16', short)).kvCacheType).toBe('f16')
  })

  it("the user's flash attention and GPU layers: off keeps an f16 cache (q8_0 needs it); no layers without a GPU", async () => {
    const off = await planContext(llama, file, 8192, 'q8_0', { ramTotalBytes: 16 * GiB }, 1, { flashAttention: false })
    expect(off).toMatchObject({ kvCacheType: 'f16', flashAttention: false })
    const on = await planContext(llama, file, 8192, 'f16', { ramTotalBytes: 16 * GiB }, 1, { flashAttention: true, gpuLayers: 99 })
    expect(on).toMatchObject({ kvCacheType: 'f16', flashAttention: true, gpuLayers: 0 })
  })
})
