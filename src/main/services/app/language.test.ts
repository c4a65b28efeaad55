import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AuraError, type Envelope } from '../../../shared/api'
import { setLanguage, words } from '../../../shared/i18n'
import { createServices, type Services } from '../createServices'
import { createDispatcher, type Handlers } from '../dispatch'
import { silentLogger } from '../ports'
import { memoryStore } from '../testing/memoryStore'
import { failureNote, fallbackReason } from '../router/fallbackNotes'

/** The services word their messages in the language the page shows (docs/languages.md). */
describe('the services’ language', () => {
  const opened: { services: Services; dataDir: string }[] = []
  const start = (settings: Record<string, unknown> = {}, env: Record<string, string> = {}) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aura-language-'))
    const services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir }, settingsStore: memoryStore({ threads: 1, ...settings }), env })
    opened.push({ services, dataDir })
    return services
  }
  const failure = async (services: Services, procedure: string, input: unknown) => {
    const result = (await services.dispatch(procedure, input)) as Envelope<unknown>
    if (result.ok) throw new Error(`${procedure} did not fail`)
    return result.error
  }
  afterEach(async () => {
    for (const { services, dataDir } of opened.splice(0)) {
      await services.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    }
    setLanguage('en')
  })

  it('says a failing request in Spanish once the page shows Spanish', async () => {
    const services = start()
    expect((await failure(services, 'downloads.cancel', { id: 'gone' })).message).toBe('There is no such download (it may have been canceled).')
    expect((await services.dispatch('app.setLanguage', { language: 'es' })).ok).toBe(true)
    const error = await failure(services, 'downloads.cancel', { id: 'gone' })
    expect(error).toEqual({ code: 'not_found', message: 'No existe esa descarga (quizá se canceló).' })
    const conversation = (await services.dispatch('conversations.create', {})) as Envelope<{ id: string }>
    if (!conversation.ok) throw new Error('no conversation')
    expect((await failure(services, 'chat.regenerate', { conversationId: conversation.data.id, modelId: 'auto' })).message).toBe(
      'Todavía no hay nada que responder: primero envía un mensaje.',
    )
  })

  it('says it in Simplified Chinese, with the values filled in', async () => {
    const services = start()
    await services.dispatch('app.setLanguage', { language: 'zh-CN' })
    const error = await failure(services, 'downloads.start', { repo: 'someone/models', file: 'README.md' })
    expect(error.code).toBe('invalid_input')
    expect(error.message).toBe('README.md 不是模型文件：Aura 下载的是 GGUF 模型，文件名以 .gguf 结尾。请从 someone/models 中选择一个 .gguf 文件。')
  })

  it('starts in the language of the setting, else the terminal’s', async () => {
    expect((await failure(start({ language: 'es' }), 'downloads.cancel', { id: 'gone' })).message).toBe('No existe esa descarga (quizá se canceló).')
    expect((await failure(start({}, { LANG: 'zh_CN.UTF-8' }), 'downloads.cancel', { id: 'gone' })).message).toBe('没有这个下载（可能已被取消）。')
    // Traditional Chinese is not shown Simplified; a language Aura lacks falls back to English.
    expect((await failure(start({}, { LC_ALL: 'zh_TW.UTF-8' }), 'downloads.cancel', { id: 'gone' })).message).toMatch(/^There is no such download/)
    expect((await failure(start({}, { LANG: 'fr_FR.UTF-8' }), 'downloads.cancel', { id: 'gone' })).message).toMatch(/^There is no such download/)
  })

  it('says Auto’s reason and what it passed over in the page’s language', async () => {
    const services = start()
    await services.dispatch('app.setLanguage', { language: 'es' })
    const preview = (await services.dispatch('router.preview', { text: 'What is the capital of Australia?', modelId: 'auto' })) as Envelope<{ reason: string }>
    if (!preview.ok) throw new Error('no decision')
    expect(preview.data.reason).toBe(
      'Ningún modelo puede responder: no hay ningún modelo local instalado ni ninguna clave de la nube. Instala un modelo en Ajustes → Modelos de IA o añade una clave en Ajustes → Claves de la nube.',
    )
    // Refused in the same words when a chat is sent.
    const conversation = (await services.dispatch('conversations.create', {})) as Envelope<{ id: string }>
    if (!conversation.ok) throw new Error('no conversation')
    const refused = await failure(services, 'chat.send', { conversationId: conversation.data.id, modelId: 'auto', text: 'What is the capital of Australia?' })
    expect(refused.message).toBe(preview.data.reason)
  })

  it('words the line under a reply that moved on to another model', () => {
    const local = { modelId: 'tiny', modelName: 'Tiny', tier: 'local-fast', server: null } as unknown as Parameters<typeof failureNote>[1]
    const cloud = { ...local, modelId: 'openai/gpt', modelName: 'GPT', tier: 'cloud' } as Parameters<typeof failureNote>[1]
    setLanguage('es')
    const note = failureNote({ code: 'model_load_failed', message: '' }, local)
    expect(fallbackReason(note, cloud)).toBe('No se pudo cargar el modelo local Tiny (puede que se quedara sin memoria) — respondió GPT en la nube')
    // A run for an app through the API words it in English.
    expect(fallbackReason(failureNote({ code: 'model_load_failed', message: '' }, local, 'en'), cloud, 'en')).toBe(
      'The local model Tiny could not be loaded (it may have run out of memory) — answered by GPT in the cloud',
    )
  })

  it('keeps English for the API for other apps and for the error itself (logs)', async () => {
    const handlers = { 'downloads.cancel': () => Promise.reject(new AuraError('not_found', words('downloads.noSuch'))) } as unknown as Handlers
    const english = createDispatcher(new Proxy(handlers, { get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? (() => ({})) }), silentLogger)
    setLanguage('es')
    const result = await english('downloads.cancel', { id: 'gone' })
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no such download (it may have been canceled).' } })
    expect(new AuraError('not_found', words('downloads.noSuch')).message).toBe('There is no such download (it may have been canceled).')
  })
})
