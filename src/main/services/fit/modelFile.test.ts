import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTinyVocab, writeTinyLlama, writeTinyLlamaShards } from '../testing/tinyLlama'
import { estimateForModelFile, readFitInput } from './modelFile'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-fit-file-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('readFitInput', () => {
  it("reads the model's shape from its GGUF metadata", async () => {
    const file = await writeTinyLlama(join(dir, 'shaped.gguf'), { layers: 3, embedding: 96, heads: 6, kvHeads: 3, feedForward: 200, contextLength: 4096 })
    const vocab = buildTinyVocab().tokens.length
    expect(await readFitInput(file)).toEqual({
      weightsBytes: (await stat(file)).size,
      cpuOnlyWeightsBytes: vocab * 96 * 4, // token_embd.weight, F32
      layers: 3,
      kvHeads: 3,
      headDimK: 16,
      headDimV: 16,
      slidingWindow: null,
      heads: 6,
      embeddingLength: 96,
      feedForwardLength: 200,
      vocabSize: vocab,
      trainContextSize: 4096,
      flashAttention: true,
      source: 'file',
    })
  })

  it('counts every part of a split model', async () => {
    const parts = await writeTinyLlamaShards(join(dir, 'split'), 'tiny', 3)
    const sizes = await Promise.all(parts.map(async (p) => (await stat(p)).size))
    const input = await readFitInput(parts[0] ?? '')
    expect(input.weightsBytes).toBe(sizes.reduce((a, b) => a + b, 0))
    expect(input.layers).toBe(2)
  })

  it('estimates a file at the context the engine would use', async () => {
    const file = await writeTinyLlama(join(dir, 'default.gguf'))
    const fit = await estimateForModelFile(file, 32768, { ramTotalBytes: 8 * 1024 ** 3, gpus: [], gpuBackends: [] })
    expect(fit).toMatchObject({ label: 'runs_well', contextSize: 2048, gpuShare: 0, vramBytes: 0 })
    await expect(estimateForModelFile(join(dir, 'missing.gguf'), 2048, { ramTotalBytes: 1, gpus: [], gpuBackends: [] })).rejects.toThrow()
  })
})
