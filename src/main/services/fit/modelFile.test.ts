import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTinyVocab, writeTinyLlama, writeTinyLlamaShards } from '../testing/tinyLlama'
import { fitInputFromGguf } from './input'
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
      activeWeightsShare: 1,
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

describe('fitInputFromGguf for a mixture-of-experts model', () => {
  it('counts the share of the weights read per token from the expert tensors', () => {
    const F32 = 0
    const tensor = (name: string, dims: number[]) => ({ name, dimensions: dims, ggmlType: F32, fileOffset: 0, filePart: 1 })
    // 8 experts, 2 used: the expert tensors are 3/4 of the weights, so 1/4 + 3/4 × 2/8 = 7/16 are read.
    const info = {
      metadata: { general: { architecture: 'qwen3moe' }, tokenizer: { ggml: { tokens: ['a', 'b'] } } },
      architectureMetadata: { block_count: 1, embedding_length: 64, expert_count: 8, expert_used_count: 2, attention: { head_count: 4, head_count_kv: 2 } },
      fullTensorInfo: [tensor('token_embd.weight', [64, 256]), tensor('blk.0.ffn_up_exps.weight', [64, 96, 8])],
    } as unknown as Parameters<typeof fitInputFromGguf>[0]
    expect(fitInputFromGguf(info, 1_000_000).activeWeightsShare).toBeCloseTo(7 / 16)
  })
})
