import { describe, expect, it } from 'vitest'
import { en } from './en'
import { LANGUAGES, pickLanguage, resources } from './index'

/** Every leaf of a bundle as "area.key" → text. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [p, v] of leaves(value as object, path)) out.set(p, v)
  }
  return out
}

/** Words that stay as they are in every language: names, what a user types, and Spanish's "Natural" (a temperature). */
const SAME_EVERYWHERE = new Set(['Aura', 'Auto', 'JSON', 'Markdown', 'OK', 'Natural', 'Vulkan', 'Metal'])

/** A pattern with no words of its own ("{{name}} ({{value}})"): nothing to translate, though a language may reorder it. */
const noWords = (text: string) => !/\p{L}/u.test(text.replace(/{{\s*\w+\s*}}|<\/?\w+>/g, ''))

/** The {{variables}} filled in and the <tags> a link or bold name wraps (Trans): a translation keeps them all. */
const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}|<\/?(\w+)>/g)].map((m) => m[0].replace(/\s/g, '')).sort()

const source = leaves(en)

describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s', (language) => {
  const bundle = leaves(resources[language].translation)

  it('has every English key, and no other', () => {
    expect([...bundle.keys()].sort()).toEqual([...source.keys()].sort())
  })

  it('translates every sentence: nothing empty, nothing left in English', () => {
    const untranslated = [...source].filter(([key, text]) => {
      const theirs = bundle.get(key)?.trim()
      return !theirs || (theirs === text && !SAME_EVERYWHERE.has(text) && !noWords(text))
    })
    expect(untranslated.map(([key]) => key)).toEqual([])
  })

  it('keeps the same {{variables}} and <tags>', () => {
    const mismatched = [...source].filter(([key, text]) => variables(text).join() !== variables(bundle.get(key) ?? '').join())
    expect(mismatched.map(([key]) => key)).toEqual([])
  })
})

describe('pickLanguage', () => {
  it('follows the computer’s languages in their order, falling back to English', () => {
    expect(pickLanguage('system', ['es-MX', 'en-US'])).toBe('es')
    expect(pickLanguage('system', ['zh-Hans-CN'])).toBe('zh-CN')
    expect(pickLanguage('system', ['zh-SG'])).toBe('zh-CN')
    expect(pickLanguage('system', ['zh'])).toBe('zh-CN')
    // Traditional Chinese readers get their next language rather than Simplified.
    expect(pickLanguage('system', ['zh-TW', 'es'])).toBe('es')
    expect(pickLanguage('system', ['fr-FR', 'de'])).toBe('en')
    expect(pickLanguage('system', [])).toBe('en')
  })

  it('takes the chosen language over the computer’s', () => {
    expect(pickLanguage('zh-CN', ['en-US'])).toBe('zh-CN')
  })
})
