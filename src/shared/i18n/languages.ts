/** The languages Aura speaks, by their tag; English is the source every other translates. */
export const LANGUAGES = ['en', 'es', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]
/** What the `language` setting holds: one of ours, or System (the computer's). */
export type LanguageSetting = 'system' | Language

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value)

/**
 * The best of ours for the computer's languages, in its order of preference: an exact or same-language
 * match ("es-MX" → es, "zh-Hans-CN"/"zh-SG"/"zh" → zh-CN); English when none fits. Traditional
 * Chinese (zh-TW, zh-HK, zh-Hant) is not offered Simplified: it falls through to the next language.
 */
export function pickLanguage(setting: LanguageSetting, preferred: readonly string[]): Language {
  if (setting !== 'system') return setting
  for (const tag of preferred) {
    const lower = tag.toLowerCase()
    const base = lower.split('-')[0]
    if (base === 'en') return 'en'
    if (base === 'es') return 'es'
    if (base === 'zh' && !/-(tw|hk|mo|hant)\b/.test(lower)) return 'zh-CN'
  }
  return 'en'
}

/**
 * A terminal's languages, from its locale variables as POSIX ranks them (LC_ALL, then LC_MESSAGES,
 * then LANG): "es_ES.UTF-8" → ["es-ES"]. The C/POSIX locale names no language.
 */
export function terminalLanguages(env: Record<string, string | undefined>): string[] {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v?.trim())?.trim() ?? ''
  const tag = value.split(/[.@]/)[0]!.replace(/_/g, '-')
  return tag && tag !== 'C' && tag !== 'POSIX' ? [tag] : []
}
