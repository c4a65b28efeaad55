/**
 * The load guard in LlamaEngine (inference/llamaEngine.ts): the fit estimate refuses a model that
 * will not fit before it is loaded, unless the user asks to load it anyway.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GenerateRequest, ModelRef } from '../engine/inferenceEngine'
import { LlamaEngine } from '../engine/llamaEngine'
import { rejection } from '../testing/rejection'
import { writeTinyLlama } from '../testing/tinyLlama'

const GiB = 1024 ** 3

let dir: string
let small: ModelRef
/** 21 MiB of weights, trained for 131072 tokens: 1 GiB of KV cache at full length. */
let long: ModelRef
let engine: LlamaEngine

function request(model: ModelRef, overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model, messages: [{ role: 'user', content: 'Hello there' }], maxTokens: 2, temperature: 0.7, threads: 1, contextSize: 512, ...overrides }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-guard-'))
  small = { id: 'small', file: await writeTinyLlama(join(dir, 'small.gguf')) }
  long = {
    id: 'long',
    file: await writeTinyLlama(join(dir, 'long.gguf'), { layers: 8, embedding: 256, heads: 8, kvHeads: 8, feedForward: 512, contextLength: 131072 }),
  }
  // 2.5 GiB of RAM: 0.5 GiB for models once the OS and other apps have their 2 GiB.
  engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, memoryBytes: 2.5 * GiB })
})

afterAll(async () => {
  await engine?.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('LlamaEngine load guard', () => {
  it('refuses, before loading, a model the estimate says is too big, with the numbers and the estimate', async () => {
    await engine.load(small, { threads: 1, contextSize: 512 })
    const loads = engine.diagnostics().modelLoads
    const error = await rejection(engine.load(long, { threads: 1, contextSize: 131072 }))
    expect(error.code).toBe('model_too_big')
    expect(error.message).toMatch(
      /^"Aura Tiny Llama" is too big for this computer\. It needs about 1\.\d GiB of memory, and this computer can spare about 512 MiB\. \(The model takes \d+ MiB, its memory of a 131072-token conversation 1 GiB, and working space \d+ MiB\.\) Choose a smaller model, or a shorter context in Settings, or load it anyway\.$/,
    )
    expect(error.data).toMatchObject({ label: 'too_big', labelText: 'Too big for this computer', contextSize: 131072, vramBytes: 0, gpuShare: 0 })
    // Checked before unloading: the model in use stays loaded.
    expect(engine.diagnostics().modelLoads).toBe(loads)
    expect(engine.status()).toEqual({ state: 'ready', modelId: 'small', threads: 1 })
  })

  it('loads the same model with a context that fits', async () => {
    await engine.load(long, { threads: 1, contextSize: 2048 })
    expect(engine.status()).toEqual({ state: 'ready', modelId: 'long', threads: 1 })
    await engine.unload()
  })

  it('refuses a reply that would load it, and writes one when asked to load it anyway', async () => {
    expect((await rejection(engine.generate(request(long, { contextSize: 131072 })))).code).toBe('model_too_big')
    expect(engine.status().state).toBe('idle')
    const result = await engine.generate(request(long, { contextSize: 131072, loadAnyway: true }))
    expect(result.stats.tokens).toBeGreaterThanOrEqual(1)
    expect(engine.status()).toMatchObject({ state: 'ready', modelId: 'long' })
  })
})
