import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTinyLlama, encodeTinyLlama, writeDamagedGguf, writeTinyLlama, writeTinyLlamaShards } from '../testing/tinyLlama'
import { checkGgufHeader, GgufHeaderError } from './ggufHeader'
import { DAMAGED_MODEL_PROBLEM, INCOMPLETE_MODEL_PROBLEM, ModelLibrary, modelIdFor, readModelInfo } from './index'
import { rejection } from '../testing/rejection'

const STORIES = fileURLToPath(new URL('../../../../../shared/fixtures/models/stories260K.gguf', import.meta.url))

let root: string
let modelsDir: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-models-'))
  modelsDir = join(root, 'models')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Parameter count of the generated model, from the shapes the writer used. */
function tinyParameterCount(): number {
  return buildTinyLlama().tensors.reduce((sum, t) => sum + t.data.length, 0)
}

describe('readModelInfo', () => {
  it('reads what the models screen shows', async () => {
    const file = await writeTinyLlama(join(modelsDir, 'tiny.gguf'), { chatTemplate: true })
    const info = await readModelInfo(file, modelsDir)
    expect(info).toEqual({
      id: 'tiny',
      name: 'Aura Tiny Llama',
      file,
      sizeBytes: (await stat(file)).size,
      architecture: 'llama',
      parameters: tinyParameterCount(),
      contextLength: 2048,
      quantization: 'F32',
      hasChatTemplate: true,
      problem: null,
    })
  })

  it('falls back to the file name when general.name only names the architecture, and to tensor types without general.file_type', async () => {
    const file = await writeTinyLlama(join(modelsDir, 'my-story-model.gguf'), { name: 'llama', fileType: false, contextLength: 512 })
    const info = await readModelInfo(file, modelsDir)
    expect(info.name).toBe('my-story-model')
    expect(info.quantization).toBe('F32')
    expect(info.contextLength).toBe(512)
    expect(info.hasChatTemplate).toBe(false)
  })

  it.each([
    ['zero-length', DAMAGED_MODEL_PROBLEM],
    ['wrong-magic', DAMAGED_MODEL_PROBLEM],
    ['header-corrupted', DAMAGED_MODEL_PROBLEM],
    ['truncated', INCOMPLETE_MODEL_PROBLEM],
  ] as const)('reports a %s file as a problem instead of throwing', async (damage, problem) => {
    const file = await writeDamagedGguf(join(modelsDir, `${damage}.gguf`), damage)
    const info = await readModelInfo(file, modelsDir)
    expect(info.problem).toBe(problem)
    expect(info.id).toBe(damage)
    expect(info.sizeBytes).toBe((await stat(file)).size)
  })

  it('rejects a garbage header quickly, without allocating what a corrupt length claims', async () => {
    const file = join(modelsDir, 'huge-string.gguf')
    const bytes = Buffer.from(encodeTinyLlama())
    bytes.writeBigUInt64LE(1_000_000_000n, 24) // first key "is" 1 GB long
    await mkdir(modelsDir, { recursive: true })
    await writeFile(file, bytes)
    const started = performance.now()
    await expect(checkGgufHeader(file, bytes.length)).rejects.toBeInstanceOf(GgufHeaderError)
    expect((await readModelInfo(file, modelsDir)).problem).toBe(DAMAGED_MODEL_PROBLEM)
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('gives ids relative to the models folder, and the path for files outside it', () => {
    expect(modelIdFor(join(modelsDir, 'qwen', 'Qwen3-4B-Q4_K_M.gguf'), modelsDir)).toBe('qwen/Qwen3-4B-Q4_K_M')
    expect(modelIdFor(join(modelsDir, 'big-00001-of-00002.gguf'), modelsDir)).toBe('big')
    expect(modelIdFor('/elsewhere/model.gguf', modelsDir)).toBe('/elsewhere/model.gguf')
  })

  it('reads the stories260K fixture', async (ctx) => {
    ctx.skip(!existsSync(STORIES), `needs stories260K.gguf at ${STORIES} (the shared folder beside the repository)`)
    const info = await readModelInfo(STORIES, join(STORIES, '..'))
    expect(info).toMatchObject({
      id: 'stories260K',
      name: 'stories260K', // its general.name is just "llama"
      architecture: 'llama',
      contextLength: 2048,
      quantization: 'F32',
      hasChatTemplate: false,
      sizeBytes: 1_185_376,
      problem: null,
    })
    // 260K in the transformer blocks, plus the 512-token embedding and output matrices.
    expect(info.parameters).toBe(292_800)
  })
})

describe('ModelLibrary', () => {
  it('creates the models folder and lists nothing in it', async () => {
    const library = new ModelLibrary(() => modelsDir)
    expect(await library.list()).toEqual([])
    expect((await stat(modelsDir)).isDirectory()).toBe(true)
  })

  it('lists .gguf files recursively, sorted by id, skipping unfinished downloads, hidden folders and other files', async () => {
    await writeTinyLlama(join(modelsDir, 'tiny.gguf'))
    await writeTinyLlama(join(modelsDir, 'org', 'repo', 'Tiny-Chat-F32.gguf'), { chatTemplate: true, seed: 2 })
    await writeFile(join(modelsDir, 'next.gguf.part'), 'half a download')
    await writeFile(join(modelsDir, 'README.md'), 'notes')
    await writeTinyLlama(join(modelsDir, '.trash', 'old.gguf'))
    const models = await new ModelLibrary(() => modelsDir).list()
    expect(models.map((m) => m.id)).toEqual(['org/repo/Tiny-Chat-F32', 'tiny'])
    expect(models.map((m) => m.hasChatTemplate)).toEqual([true, false])
    expect(models.every((m) => m.problem === null)).toBe(true)
  })

  it('lists damaged files with a problem, next to good ones', async () => {
    await writeTinyLlama(join(modelsDir, 'good.gguf'))
    await writeDamagedGguf(join(modelsDir, 'broken.gguf'), 'truncated')
    await writeDamagedGguf(join(modelsDir, 'empty.gguf'), 'zero-length')
    const models = await new ModelLibrary(() => modelsDir).list()
    expect(models.map((m) => [m.id, m.problem])).toEqual([
      ['broken', INCOMPLETE_MODEL_PROBLEM],
      ['empty', DAMAGED_MODEL_PROBLEM],
      ['good', null],
    ])
  })

  it('treats a split model as one model, by its first part', async () => {
    const parts = await writeTinyLlamaShards(join(modelsDir, 'split'), 'tiny', 3)
    const sizes = await Promise.all(parts.map(async (p) => (await stat(p)).size))
    const models = await new ModelLibrary(() => modelsDir).list()
    expect(models).toHaveLength(1)
    expect(models[0]).toMatchObject({
      id: 'split/tiny',
      file: parts[0],
      sizeBytes: sizes.reduce((a, b) => a + b, 0),
      parameters: tinyParameterCount(),
      problem: null,
    })
  })

  it('reports a split model with a missing part', async () => {
    const parts = await writeTinyLlamaShards(join(modelsDir, 'split'), 'tiny', 3)
    await unlink(parts[1] ?? '')
    const [model] = await new ModelLibrary(() => modelsDir).list()
    expect(model?.id).toBe('split/tiny')
    expect(model?.problem).toMatch(/Part 2 of 3 .* is missing/)
  })

  it('caches by (path, size, modification time)', async () => {
    const file = join(modelsDir, 'm.gguf')
    const mtime = new Date('2025-01-01T00:00:00Z')
    await writeTinyLlama(file, { name: 'First' })
    await utimes(file, mtime, mtime)
    const library = new ModelLibrary(() => modelsDir)
    expect((await library.list())[0]?.name).toBe('First')

    // Same size and modification time: the cached header is used, the file is not read again.
    await writeTinyLlama(file, { name: 'Other' })
    await utimes(file, mtime, mtime)
    expect((await library.list())[0]?.name).toBe('First')

    // A new modification time: read again.
    const later = new Date(mtime.getTime() + 5_000)
    await utimes(file, later, later)
    expect((await library.list())[0]?.name).toBe('Other')
  })

  it('follows the models folder setting', async () => {
    let dir = join(root, 'a')
    await writeTinyLlama(join(root, 'a', 'one.gguf'))
    await writeTinyLlama(join(root, 'b', 'two.gguf'))
    const library = new ModelLibrary(() => dir)
    expect((await library.list()).map((m) => m.id)).toEqual(['one'])
    dir = join(root, 'b')
    expect((await library.list()).map((m) => m.id)).toEqual(['two'])
  })

  it('follows symlinked files and folders without looping', async () => {
    const outside = await writeTinyLlama(join(root, 'elsewhere', 'linked.gguf'))
    await mkdir(modelsDir, { recursive: true })
    await symlink(outside, join(modelsDir, 'linked.gguf'))
    await symlink(modelsDir, join(modelsDir, 'loop'))
    const models = await new ModelLibrary(() => modelsDir).list()
    expect(models.map((m) => m.id)).toEqual(['linked'])
  })

  describe('resolve', () => {
    it('finds an installed model by id, by path, and by a path relative to the models folder', async () => {
      const file = await writeTinyLlama(join(modelsDir, 'org', 'tiny.gguf'))
      const library = new ModelLibrary(() => modelsDir)
      expect((await library.resolve('org/tiny')).file).toBe(file)
      expect((await library.resolve(file)).id).toBe('org/tiny')
      expect((await library.resolve('org/tiny.gguf')).id).toBe('org/tiny')
      expect((await library.resolve(relative(process.cwd(), file))).id).toBe('org/tiny')
      expect((await library.resolve('ORG/Tiny')).id).toBe('org/tiny')
    })

    it('accepts a .gguf file outside the models folder', async () => {
      const file = await writeTinyLlama(join(root, 'downloads', 'x.gguf'))
      const model = await new ModelLibrary(() => modelsDir).resolve(file)
      expect(model).toMatchObject({ id: file, file, architecture: 'llama', problem: null })
    })

    it('resolves any part of a split model to the model', async () => {
      const parts = await writeTinyLlamaShards(join(modelsDir, 'split'), 'tiny', 2)
      const model = await new ModelLibrary(() => modelsDir).resolve(parts[1] ?? '')
      expect(model).toMatchObject({ id: 'split/tiny', file: parts[0] })
    })

    it('throws model_not_found for unknown models', async () => {
      const library = new ModelLibrary(() => modelsDir)
      const error = await rejection(library.resolve('no-such-model'))
      expect(error.code).toBe('model_not_found')
      expect(error.message).toContain('"no-such-model" is not installed')
      expect((await rejection(library.resolve(''))).code).toBe('model_not_found')
      expect((await rejection(library.resolve(join(root, 'missing.gguf')))).code).toBe('model_not_found')
    })

    it('throws model_invalid for damaged files and files that are not models', async () => {
      await writeDamagedGguf(join(modelsDir, 'broken.gguf'), 'wrong-magic')
      await writeFile(join(root, 'notes.txt'), 'hello')
      const library = new ModelLibrary(() => modelsDir)
      const damaged = await rejection(library.resolve('broken'))
      expect(damaged.code).toBe('model_invalid')
      expect(damaged.message).toBe(DAMAGED_MODEL_PROBLEM)
      const text = await rejection(library.resolve(join(root, 'notes.txt')))
      expect(text.code).toBe('model_invalid')
      expect(text.message).toContain('GGUF')
    })
  })
})
