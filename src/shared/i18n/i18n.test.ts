import { describe, expect, it } from 'vitest'
import { en } from './en'
import { LANGUAGES, pickLanguage, resources, say, terminalLanguages, words } from './index'

/** Each message of a bundle as "area.key" → text. */
const messages = (bundle: object): Map<string, string> =>
  new Map(Object.entries(bundle).flatMap(([area, keys]) => Object.entries(keys as Record<string, string>).map(([key, text]) => [`${area}.${key}`, text] as const)))

/** The {{values}} a message fills in: a translation keeps them all (and adds none). */
const values = (text: string) => [...text.matchAll(/{{\s*(\w+)[^}]*}}/g)].map((m) => m[1]).sort()

/** The same in every language: a word for punctuation between list items, and what is a name. */
const SAME = new Set(['chat.listComma', 'route.line', 'route.lineCost', 'route.lineWhyCost'])

const source = messages(en)

describe.each(LANGUAGES.filter((language) => language !== 'en'))('the services’ words in %s', (language) => {
  const theirs = messages(resources[language].translation)

  it('has exactly English’s keys', () => {
    expect([...theirs.keys()].sort()).toEqual([...source.keys()].sort())
  })

  it('translates every message: nothing empty, nothing left in English', () => {
    const left = [...source].filter(([key, text]) => !theirs.get(key)?.trim() || (theirs.get(key) === text && !SAME.has(key)))
    expect(left.map(([key]) => key)).toEqual([])
  })

  it('fills in the same values', () => {
    const mismatched = [...source].filter(([key, text]) => values(text).join() !== values(theirs.get(key) ?? '').join())
    expect(mismatched.map(([key]) => key)).toEqual([])
  })
})

describe('saying', () => {
  it('fills values, counts plurals, and says a phrase inside a sentence in the same language', () => {
    expect(say('keys.serverModels', { name: 'LM Studio', count: 1 }, 'en')).toBe('LM Studio answered with 1 model.')
    expect(say('keys.serverModels', { name: 'LM Studio', count: 3 }, 'es')).toBe('LM Studio respondió con 3 modelos.')
    const wait = words('problems.seconds', { count: 30 })
    expect(say('problems.tooManyWait', { name: 'OpenAI', wait }, 'es')).toBe('OpenAI está recibiendo demasiadas solicitudes con esta clave ahora mismo. Vuelve a intentarlo en 30 segundos.')
    expect(say('problems.tooManyWait', { name: 'OpenAI', wait }, 'zh-CN')).toBe('OpenAI 现在收到这个密钥的请求太多了。请在 30 秒后重试。')
    // Plain text: nothing HTML-escaped.
    expect(say('chat.unexpected', { detail: '<b> & "x"' }, 'en')).toBe('The model stopped with an unexpected error (<b> & "x"). Try again, or pick another model.')
  })

  it('writes numbers the reader’s way', () => {
    const long = { model: 'Tiny', tokens: 12345, room: 2048, reply: 512 }
    expect(say('engine.promptTooLong', long, 'en')).toMatch(/^This message is too long for "Tiny": it is about 12,345 tokens, and the model can read 2,048 at a time/)
    expect(say('engine.promptTooLong', long, 'es')).toMatch(/unos 12\.345 tokens/)
  })

  it('keeps the English of words for logs and the API', () => {
    expect(words('downloads.fileGone', { file: 'a.gguf', repo: 'me/a' }).text).toBe('a.gguf is no longer on the Hub (me/a).')
  })
})

describe('the computer’s languages', () => {
  it('reads a terminal’s locale as POSIX ranks its variables', () => {
    expect(terminalLanguages({ LANG: 'es_ES.UTF-8' })).toEqual(['es-ES'])
    expect(terminalLanguages({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toEqual(['zh-CN'])
    expect(terminalLanguages({ LANG: 'es_ES.UTF-8', LC_ALL: 'de_DE@euro' })).toEqual(['de-DE'])
    expect(terminalLanguages({ LANG: 'C.UTF-8' })).toEqual([])
    expect(terminalLanguages({})).toEqual([])
    expect(pickLanguage('system', terminalLanguages({ LANG: 'zh_TW.UTF-8' }))).toBe('en')
  })
})
