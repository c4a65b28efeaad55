import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeOllamaModel } from '../testing/fakeApps'
import { rejection } from '../testing/rejection'
import { writeDamagedGguf, writeTinyLlama, writeTinyLlamaShards } from '../testing/tinyLlama'
import { INCOMPLETE_MODEL_PROBLEM, ModelLibrary, missingImportProblem } from './index'

let root: string
let modelsDir: string
/** Stands in for settings.importedModels: the tests persist what the library returns. */
let imported: string[]
let library: ModelLibrary

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-import-'))
  modelsDir = join(root, 'models')
  imported = []
  library = new ModelLibrary(() => modelsDir, { importedModels: () => imported })
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function importAndPersist(path: string) {
  const result = await library.importModel(path)
  imported = result.importedModels
  return result
}

describe('importing a model in place', () => {
  it('lists the file where it is, as imported, without copying it', async () => {
    const file = await writeTinyLlama(join(root, 'Downloads', 'tiny-chat.gguf'), { chatTemplate: true })
    await writeTinyLlama(join(modelsDir, 'local.gguf'))
    const result = await importAndPersist(file)
    expect(result.added).toBe(true)
    expect(result.importedModels).toEqual([file])
    expect(result.model).toMatchObject({ id: 'imported/tiny-chat', file, imported: true, hasChatTemplate: true, problem: null })

    const models = await library.list()
    expect(models.map((m) => [m.id, m.imported])).toEqual([
      ['imported/tiny-chat', true],
      ['local', false],
    ])
    expect(models.find((m) => m.imported)).toEqual(result.model)
    expect(await readdir(modelsDir)).toEqual(['local.gguf'])
  })

  it('gives a second file of the same name a stable id, which keeps naming it after the first is removed', async () => {
    const first = await writeTinyLlama(join(root, 'a', 'tiny.gguf'))
    const second = await writeTinyLlama(join(root, 'b', 'tiny.gguf'), { seed: 2 })
    await writeTinyLlama(join(modelsDir, 'imported', 'other.gguf')) // a models-folder id that looks imported
    await importAndPersist(first)
    const { model } = await importAndPersist(second)
    expect(model.id).toMatch(/^imported\/tiny-[0-9a-f]{6}$/)
    const ids = (await library.list()).map((m) => m.id)
    expect(ids).toEqual(['imported/other', 'imported/tiny', model.id])
    // Importing more never renames what is there.
    await importAndPersist(await writeTinyLlama(join(root, 'c', 'more.gguf')))
    expect((await library.resolve(model.id)).file).toBe(second)

    const forgotten = await library.deleteModel('imported/tiny')
    expect(forgotten.kind).toBe('forgotten')
    if (forgotten.kind === 'forgotten') imported = forgotten.importedModels
    expect((await library.resolve('imported/tiny')).file).toBe(second)
    expect((await library.resolve(model.id)).file).toBe(second)
  })

  it('lists an imported file that was moved or deleted with a plain problem', async () => {
    const file = join(root, 'gone', 'vanished.gguf')
    imported = [file]
    const [model] = await library.list()
    expect(model).toMatchObject({ id: 'imported/vanished', file, imported: true, sizeBytes: 0, problem: missingImportProblem(file) })
    expect(model?.problem).toBe(`This model's file was moved or deleted: ${file}`)
    expect((await rejection(library.resolve('imported/vanished'))).code).toBe('model_invalid')
  })

  it('refuses what is not a usable GGUF file, in plain words', async () => {
    const missing = await rejection(library.importModel(join(root, 'nope.gguf')))
    expect(missing.code).toBe('not_found')
    expect(missing.message).toContain('There is no file at')

    await mkdir(join(root, 'folder.gguf'))
    const folder = await rejection(library.importModel(join(root, 'folder.gguf')))
    expect(folder.code).toBe('model_invalid')
    expect(folder.message).toContain('is a folder')

    await writeFile(join(root, 'notes.txt'), 'hello, not a model')
    const text = await rejection(library.importModel(join(root, 'notes.txt')))
    expect(text.code).toBe('model_invalid')
    expect(text.message).toBe('"notes.txt" is not a model Aura can use. Aura runs GGUF models (files ending in .gguf).')

    const truncated = await writeDamagedGguf(join(root, 'half.gguf'), 'truncated')
    const damaged = await rejection(library.importModel(truncated))
    expect(damaged.code).toBe('model_invalid')
    expect(damaged.message).toBe(INCOMPLETE_MODEL_PROBLEM)

    expect((await rejection(library.importModel('  '))).code).toBe('not_found')
    expect(imported).toEqual([])
  })

  it('does not import twice, nor a file already in the models folder', async () => {
    const inside = await writeTinyLlama(join(modelsDir, 'org', 'here.gguf'))
    const result = await library.importModel(inside)
    expect(result).toMatchObject({ added: false, importedModels: [], model: { id: 'org/here', imported: false } })

    const outside = await writeTinyLlama(join(root, 'x', 'there.gguf'))
    await importAndPersist(outside)
    await symlink(outside, join(root, 'link.gguf'))
    for (const path of [outside, join(root, 'x', '..', 'x', 'there.gguf'), join(root, 'link.gguf')]) {
      const again = await library.importModel(path)
      expect(again).toMatchObject({ added: false, importedModels: [outside], model: { id: 'imported/there' } })
    }
  })

  it('imports a split model by any of its parts, as one model', async () => {
    const parts = await writeTinyLlamaShards(join(root, 'split'), 'big', 3)
    const sizes = await Promise.all(parts.map(async (p) => (await stat(p)).size))
    const { model, importedModels } = await importAndPersist(parts[1] ?? '')
    expect(importedModels).toEqual([parts[0]])
    expect(model).toMatchObject({ id: 'imported/big', file: parts[0], sizeBytes: sizes.reduce((a, b) => a + b, 0), problem: null })
  })

  it('names an imported Ollama blob by its Ollama name', async () => {
    const ollama = join(root, '.ollama', 'models')
    // general.name "llama" is just the architecture, so the name comes from Ollama.
    const blob = await writeOllamaModel(ollama, { model: 'llama3.2', tag: '3b', llama: { name: 'llama' } })
    const { model } = await importAndPersist(blob)
    expect(model).toMatchObject({ id: 'imported/llama3.2:3b', name: 'llama3.2:3b', file: blob, architecture: 'llama', problem: null })
    expect((await library.resolve('imported/llama3.2:3b')).file).toBe(blob)
    expect((await library.resolve(blob)).id).toBe('imported/llama3.2:3b')
  })

  it('resolves imported models by id and by path', async () => {
    const file = await writeTinyLlama(join(root, 'elsewhere', 'mine.gguf'))
    await importAndPersist(file)
    expect((await library.resolve('imported/mine')).file).toBe(file)
    expect(await library.resolve(file)).toMatchObject({ id: 'imported/mine', imported: true })
  })
})

describe('deleteModel', () => {
  it('deletes a model from the models folder, and the folders it leaves empty', async () => {
    const file = await writeTinyLlama(join(modelsDir, 'org', 'repo', 'one.gguf'))
    await writeTinyLlama(join(modelsDir, 'org', 'two.gguf'))
    const result = await library.deleteModel('org/repo/one')
    expect(result).toMatchObject({ kind: 'deleted', files: [file], model: { id: 'org/repo/one' } })
    expect(existsSync(file)).toBe(false)
    expect(existsSync(join(modelsDir, 'org', 'repo'))).toBe(false)
    expect((await library.list()).map((m) => m.id)).toEqual(['org/two'])
  })

  it('deletes every part of a split model', async () => {
    const parts = await writeTinyLlamaShards(join(modelsDir, 'split'), 'big', 3)
    const result = await library.deleteModel('split/big')
    expect(result.kind === 'deleted' && result.files).toEqual(parts)
    expect(parts.some((p) => existsSync(p))).toBe(false)
    expect(existsSync(modelsDir)).toBe(true)
  })

  it('only forgets an imported model: its file stays', async () => {
    const file = await writeTinyLlama(join(root, 'keep', 'mine.gguf'))
    await importAndPersist(file)
    const result = await library.deleteModel('imported/mine')
    expect(result).toMatchObject({ kind: 'forgotten', importedModels: [] })
    expect(existsSync(file)).toBe(true)
  })

  it('forgets an imported file that is gone', async () => {
    imported = [join(root, 'gone.gguf'), join(root, 'other.gguf')]
    const result = await library.deleteModel('imported/gone')
    expect(result).toMatchObject({ kind: 'forgotten', importedModels: [join(root, 'other.gguf')] })
  })

  it('never deletes outside the models folder through a linked folder', async () => {
    const outside = await writeTinyLlama(join(root, 'precious', 'keep.gguf'))
    await mkdir(modelsDir, { recursive: true })
    await symlink(join(root, 'precious'), join(modelsDir, 'linked'))
    const error = await rejection(library.deleteModel('linked/keep'))
    expect(error.code).toBe('invalid_input')
    expect(error.message).toContain('Aura only deletes files inside its models folder')
    expect(existsSync(outside)).toBe(true)
  })

  it('removes a linked file as a link, leaving its target', async () => {
    const target = await writeTinyLlama(join(root, 'target.gguf'))
    await mkdir(modelsDir, { recursive: true })
    await symlink(target, join(modelsDir, 'link.gguf'))
    await library.deleteModel('link')
    expect(existsSync(join(modelsDir, 'link.gguf'))).toBe(false)
    expect(existsSync(target)).toBe(true)
  })

  it('says plainly when there is no such model', async () => {
    await writeTinyLlama(join(modelsDir, 'tiny.gguf'))
    const error = await rejection(library.deleteModel('TINY'))
    expect(error.code).toBe('model_not_found')
    expect(error.message).toBe('The model "TINY" is not installed, so there is nothing to delete.')
    expect(existsSync(join(modelsDir, 'tiny.gguf'))).toBe(true)
  })
})
