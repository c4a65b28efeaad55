import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../../../shared/i18n'
import { encodeTinyLlama, writeDamagedGguf } from '../testing/tinyLlama'
import { DAMAGED_MODEL_PROBLEM, ModelLibrary, readModelInfo } from './index'

/** A model file's problem, read from its header, is said in the language the page shows (docs/languages.md). */
describe('a model file’s problem in the user’s language', () => {
  let modelsDir = ''
  beforeEach(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'aura-problems-'))
  })
  afterEach(async () => {
    setLanguage('en')
    await rm(modelsDir, { recursive: true, force: true })
  })

  it('words a damaged, an incomplete and a hostile file in Spanish and Chinese', async () => {
    const damaged = await writeDamagedGguf(join(modelsDir, 'empty.gguf'), 'zero-length')
    const incomplete = await writeDamagedGguf(join(modelsDir, 'cut.gguf'), 'truncated')
    const hostile = join(modelsDir, 'hostile.gguf')
    const bytes = Buffer.from(encodeTinyLlama())
    bytes.writeBigUInt64LE(10_000_000_000n, 8) // "ten billion tensors"
    await writeFile(hostile, bytes)
    expect((await readModelInfo(damaged, modelsDir)).problem).toBe(DAMAGED_MODEL_PROBLEM)
    setLanguage('es')
    expect((await readModelInfo(damaged, modelsDir)).problem).toBe('Este archivo está dañado o no es un modelo GGUF (quizá es una descarga sin terminar). Bórralo y descárgalo de nuevo.')
    expect((await readModelInfo(incomplete, modelsDir)).problem).toMatch(/^Este archivo de modelo está incompleto/)
    expect((await readModelInfo(hostile, modelsDir)).problem).toMatch(/^Este archivo está dañado o se hizo para causar daño\. Su cabecera enumera 10\.000\.000\.000 tensores/)
    setLanguage('zh-CN')
    expect((await readModelInfo(damaged, modelsDir)).problem).toMatch(/^这个文件已损坏/)
  })

  it('says a listed model’s problem again after the language changes', async () => {
    await writeDamagedGguf(join(modelsDir, 'empty.gguf'), 'zero-length')
    const library = new ModelLibrary(() => modelsDir)
    expect((await library.list())[0]?.problem).toBe(DAMAGED_MODEL_PROBLEM)
    setLanguage('es')
    expect((await library.list())[0]?.problem).toMatch(/^Este archivo está dañado/)
  })
})
