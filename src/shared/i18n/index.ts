import i18next from 'i18next'
import type { AuraError, AuraErrorShape } from '../api/errors'
import { en, type Messages } from './en'
import { es } from './es'
import { LANGUAGES, type Language } from './languages'
import { zhCN } from './zh-CN'

/**
 * The main side's one i18n layer: the words Aura's services, the desktop shell and the CLI show
 * (docs/languages.md). The page has its own (src/renderer/src/i18n); main may not import it.
 */
export const resources: Record<Language, { translation: Messages }> = { en: { translation: en }, es: { translation: es }, 'zh-CN': { translation: zhCN } }

/** Every message's key, "area.key"; a plural's `_one` / `_other` are one key (filled with `count`). */
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K extends `${infer B}_${'one' | 'other'}` ? B : K}` : Keys<T[K], `${P}${K}.`>
}[keyof T & string]
export type MessageKey = Keys<Messages>
/** Values filled in; a value that is itself `Words` is said in the same language (a phrase inside a sentence). */
export type Vars = { [name: string]: string | number | Words }

/** A message to be said later, in the language of whoever reads it; `text` is its English. */
export interface Words {
  key: MessageKey
  vars?: Vars
  text: string
}

const i18n = i18next.createInstance()
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // Bundled: ready at once. Plain text, never HTML: nothing to escape.
  initAsync: false,
  interpolation: { escapeValue: false },
})
// The page's typed keys (its CustomTypeOptions) are not ours: look up by plain string.
const lookup = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => string

let current: Language = 'en'

/** The language the user reads now: what the page shows (`app.setLanguage`), else the setting or the computer's. */
export function setLanguage(language: Language): void {
  current = language
}

export const currentLanguage = (): Language => current

/** A message in the user's language (or the one given). */
export function say(key: MessageKey, vars: Vars = {}, language: Language = current): string {
  const filled = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, typeof value === 'object' ? say(value.key, value.vars, language) : value]))
  return lookup(key, { ...filled, lng: language })
}

/** Words said now, in the user's language (or the one given). */
export const spoken = (said: Words, language: Language = current): string => say(said.key, said.vars, language)

/**
 * A message whose language is chosen where it is shown: an AuraError made with it reads English
 * (logs, tests, the API for other apps), and the page's door says it in the user's language.
 */
export function words(key: MessageKey, vars?: Vars): Words {
  return { key, ...(vars && { vars }), text: say(key, vars, 'en') }
}

/** An error as the user reads it: its words in their language when it has words, else its message as it is. */
export function shapeIn(error: AuraError, language: Language = current): AuraErrorShape {
  const shape = error.toShape()
  const said = error.words as Words | undefined
  return said ? { ...shape, message: spoken(said, language) } : shape
}

export * from './languages'
export type { Messages }

/** A sentence made a phrase inside another ("It is offline" → "it is offline"); languages without case keep it as it is. */
export const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1)
