import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ggufLayout } from '../testing/gguf'
import { STORIES_FIXTURE } from '../testing/testHub'
import { encodeTinyLlama, writeTinyLlama, writeTinyLlamaShards } from '../testing/tinyLlama'
import { LLAMA_CPP_ARCHITECTURES } from './architectures'
import { GGML_TYPE_IDS } from './ggufHeader'
import { ModelLibrary } from './modelLibrary'
import { importNodeLlamaCpp } from './modelInfo'

describe('what a header must say to be a model llama.cpp can run', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aura-arch-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists the three well-formed but wrong files of the soak as damaged, and every real model as usable', async () => {
    const good = encodeTinyLlama({ chatTemplate: true, seed: 5 })
    const layout = ggufLayout(good)
    const architecture = layout.kvs.find((kv) => kv.key === 'general.architecture')!
    const variant = async (name: string, change: (copy: Buffer) => void) => {
      const copy = Buffer.from(good)
      change(copy)
      await writeFile(join(dir, `${name}.gguf`), copy)
    }
    await variant('one-tensor-too-many', (c) => c.writeBigUInt64LE(BigInt(layout.tensors.length + 1), 8))
    await variant('no-tensors', (c) => c.writeBigUInt64LE(0n, 8))
    await variant('garbled-architecture', (c) => {
      for (let i = 0; i < 5; i++) c[architecture.valueAt + 8 + i]! ^= 0xff
    })
    await variant('layers-missing', (c) => c.writeUInt32LE(3, layout.kvs.find((kv) => kv.key === 'llama.block_count')!.valueAt))
    await writeTinyLlama(join(dir, 'tiny.gguf'))
    await writeTinyLlama(join(dir, 'tiny-f16.gguf'), { tensorType: 'f16', layers: 3, chatTemplate: true })
    await writeTinyLlamaShards(join(dir, 'split'), 'tiny', 3)

    const library = new ModelLibrary(() => dir)
    const problems = Object.fromEntries((await library.list()).map((model) => [model.id, model.problem]))
    expect(problems).toEqual({
      'one-tensor-too-many': expect.stringMatching(/^This file is damaged or not a GGUF model/),
      'no-tensors': 'This file is damaged: it holds no weights. Delete it and download it again.',
      'garbled-architecture': expect.stringMatching(/^This file says it is a model of the kind "\?\?\?\?\?", which this version of Aura cannot run\./),
      'layers-missing': 'This file is damaged: the weights of layer 3 of its 3 are missing. Delete it and download it again.',
      tiny: null,
      'tiny-f16': null,
      'split/tiny': null,
    })
    await expect(library.resolve('no-tensors')).rejects.toMatchObject({ code: 'model_invalid' })
  })

  it('lists the stories260K fixture as usable', async (ctx) => {
    ctx.skip(!existsSync(STORIES_FIXTURE), `needs ${STORIES_FIXTURE}`)
    const { readModelInfo } = await import('./modelInfo')
    expect((await readModelInfo(STORIES_FIXTURE, dir)).problem).toBeNull()
  })

  it('knows every architecture and weight type node-llama-cpp knows (a stale list would refuse good models)', async () => {
    // Const enums in node-llama-cpp's types, plain objects at run time.
    const { GgufArchitectureType, GgmlType } = (await importNodeLlamaCpp()) as unknown as Record<string, Record<string, string | number>>
    const missing = Object.values(GgufArchitectureType!).filter((name) => typeof name === 'string' && !['clip', '(unknown)'].includes(name) && !LLAMA_CPP_ARCHITECTURES.has(name))
    expect(missing).toEqual([])
    // Types ggml dropped (Q4_2, Q4_3, the repacked Q4_0_x_x and IQ4_NL_x_x) are refused by llama.cpp too.
    const dropped = new Set([4, 5, 31, 32, 33, 36, 37, 38])
    const types = Object.values(GgmlType!).filter((id): id is number => typeof id === 'number' && !dropped.has(id))
    expect([...GGML_TYPE_IDS].sort((a, b) => a - b)).toEqual(types.sort((a, b) => a - b))
  })
})
