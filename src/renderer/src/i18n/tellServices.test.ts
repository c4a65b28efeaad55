import { afterEach, describe, expect, it } from 'vitest'
import { tableBridge } from '../testing/tableBridge'
import { pickLanguage, showLanguage } from './index'

/** The services word their messages in the page's language (docs/languages.md): the page tells them which. */
describe('showLanguage', () => {
  const hadDocument = 'document' in globalThis
  afterEach(() => {
    if (!hadDocument) Reflect.deleteProperty(globalThis, 'document')
  })

  it('tells the services the language it shows, with System already resolved', async () => {
    // Tests run in Node: the page's <html> is all showLanguage touches of the document.
    if (!hadDocument) Object.assign(globalThis, { document: { documentElement: {} } })
    const calls = tableBridge({ 'app.setLanguage': () => ({ ok: true, data: {} }) })
    showLanguage('es')
    showLanguage('zh-CN')
    showLanguage('system')
    await Promise.resolve()
    const system = pickLanguage('system', typeof navigator === 'undefined' ? [] : navigator.languages)
    expect(calls).toEqual([
      { route: 'app.setLanguage', input: { language: 'es' } },
      { route: 'app.setLanguage', input: { language: 'zh-CN' } },
      { route: 'app.setLanguage', input: { language: system } },
    ])
  })
})
