import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Settings } from '../api'
import { getClient } from '../lib/client'
import { pickLanguage } from '../../../shared/i18n/languages'
import { en } from './en'
import { es } from './es'
import { zhCN } from './zh-CN'

/**
 * The page's one i18n layer: every string on screen is `t('area.key')` from these bundles (English
 * is the source; the others must have every key — i18n.test.ts checks). Bundled, never fetched: the
 * page's security policy allows no requests but Aura's own.
 */
export const resources = { en: { translation: en }, es: { translation: es }, 'zh-CN': { translation: zhCN } } as const

export type Language = keyof typeof resources
export const LANGUAGES = Object.keys(resources) as Language[]
export type LanguageSetting = Settings['language']

/** Each language's name in itself, for the picker (a reader finds their own language by its own name). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', 'zh-CN': '中文（简体）' }

/** The key the first paint reads before the settings arrive. */
const LANGUAGE_KEY = 'aura.language'

// One choice of language for the page and the services (src/shared/i18n/languages.ts).
export { pickLanguage }

function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
}

function recalled(): LanguageSetting {
  try {
    const value = localStorage.getItem(LANGUAGE_KEY)
    if (value === 'system' || (value && value in resources)) return value as LanguageSetting
  } catch {
    // No storage (tests in Node): the computer's languages decide.
  }
  return 'system'
}

export const i18n: I18n = i18next.createInstance()
void i18n.use(initReactI18next).init({
  resources,
  lng: pickLanguage(recalled(), systemLanguages()),
  fallbackLng: 'en',
  // Bundled resources: ready before the first render.
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
})

/** The language on screen, as a locale for Intl (dates, numbers, money). */
export const locale = (): Language => (i18n.language as Language) || 'en'

/** Shows a language at once (the setting is saved separately), and marks the page with it for screen readers and fonts. */
export function showLanguage(setting: LanguageSetting): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, setting)
  } catch {
    // Storage refused: only the next first paint may differ.
  }
  const language = pickLanguage(setting, systemLanguages())
  if (i18n.language !== language) void i18n.changeLanguage(language)
  document.documentElement.lang = language
  tellServices(language)
}

/** The services word their messages (errors, warnings, notices) in the language on screen. */
function tellServices(language: Language): void {
  try {
    getClient()
      .request('app.setLanguage', { language })
      .catch(() => {})
  } catch {
    // No client yet (a component test): nothing to tell.
  }
}

/** Keeps the page's language in step with the setting, and with the computer's when it follows the system. */
export function followLanguage(subscribe: (listener: (setting: LanguageSetting) => void) => void): void {
  let current = recalled()
  showLanguage(current)
  window.addEventListener('languagechange', () => current === 'system' && showLanguage(current))
  subscribe((setting) => {
    if (setting === current) return
    current = setting
    showLanguage(setting)
  })
}

// Components take the hooks from here, so whatever renders them (the page, a test) has the layer set up.
export { Trans, useTranslation } from 'react-i18next'
