import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentInfo, Envelope } from '../../../shared/api'
import { setLanguage } from '../../../shared/i18n'
import { createServices, type Services } from '../createServices'
import { memoryStore } from '../testing/memoryStore'

/** A file's refusal and the documents' errors in the language the page shows (docs/languages.md). */
describe('the documents’ language', () => {
  const opened: { services: Services; dataDir: string }[] = []
  afterEach(async () => {
    for (const { services, dataDir } of opened.splice(0)) {
      await services.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    }
    setLanguage('en')
  })
  const start = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aura-docs-language-'))
    const services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir }, settingsStore: memoryStore({ threads: 1 }), env: {} })
    opened.push({ services, dataDir })
    return { services, dataDir }
  }
  const ok = async <T>(services: Services, procedure: string, input: unknown): Promise<T> => {
    const result = (await services.dispatch(procedure, input)) as Envelope<T>
    if (!result.ok) throw new Error(`${procedure}: ${result.error.message}`)
    return result.data
  }
  /** The documents once the indexer has read (or refused) them all. */
  const settled = async (services: Services): Promise<DocumentInfo[]> => {
    for (let i = 0; i < 200; i++) {
      const docs = await ok<DocumentInfo[]>(services, 'documents.list', {})
      if (docs.every((doc) => doc.status !== 'queued')) return docs
      await new Promise((done) => setTimeout(done, 25))
    }
    throw new Error('the documents were not indexed')
  }

  it('lists a refused file’s reason in Spanish, and in Chinese once the page changes', async () => {
    const { services, dataDir } = start()
    const file = join(dataDir, 'scan.pdf')
    writeFileSync(file, 'not a pdf at all')
    await ok(services, 'app.setLanguage', { language: 'es' })
    await ok(services, 'documents.add', { paths: [file] })
    const [doc] = await settled(services)
    expect(doc!.status).toBe('failed')
    expect(doc!.problem).toBe(
      'Parece que “scan.pdf” está dañado o no es realmente el tipo de archivo que dice su nombre, así que Aura no puede leerlo. Ábrelo en el programa que lo creó y guárdalo de nuevo; luego añade la copia nueva.',
    )
    // Kept as words, not as Spanish: the same row reads in the language shown now.
    await ok(services, 'app.setLanguage', { language: 'zh-CN' })
    const [again] = await ok<DocumentInfo[]>(services, 'documents.list', {})
    expect(again!.problem).toBe('“scan.pdf” 似乎已损坏，或者并不是文件名所示的文件类型，因此 Aura 无法读取。请用创建它的程序打开并重新保存，然后添加新的副本。')
  })

  it('refuses a folder that is not there in Chinese', async () => {
    const { services, dataDir } = start()
    await ok(services, 'app.setLanguage', { language: 'zh-CN' })
    const folder = join(dataDir, 'nowhere')
    const result = (await services.dispatch('documents.addCollection', { name: 'Work', folder })) as Envelope<unknown>
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toEqual({ code: 'invalid_input', message: `${folder} 没有文件夹。请选择一个存在的文件夹。` })
  })
})
