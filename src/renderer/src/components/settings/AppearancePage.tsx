import { useId, useState } from 'react'
import { LANGUAGE_NAMES, LANGUAGES, type LanguageSetting, pickLanguage, showLanguage, useTranslation } from '../../i18n'
import type { Settings } from '../../api'
import { showTheme } from '../../lib/appearance'
import { useSettings } from '../../stores/settings'
import { ui } from '../common/ui'
import { Row, SaveText, Section, Switch, useSaver } from './fields'

const THEMES: Settings['theme'][] = ['light', 'dark', 'system']

/** Settings → Appearance: light or dark, the language, and whether the chat list stays beside the page. */
export function AppearancePage() {
  const settings = useSettings((s) => s.settings)
  const saver = useSaver()
  const { t } = useTranslation()
  // The choice shows at once; the setting follows a moment later.
  const [picked, setPicked] = useState<Settings['theme'] | null>(null)
  const legend = useId()
  const languageSelect = useId()
  const languageHelp = useId()
  const sidebarLabel = useId()
  const sidebarHelp = useId()
  const systemLanguage = LANGUAGE_NAMES[pickLanguage('system', navigator.languages ?? [navigator.language])]

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-appearance">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.appearance.label')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('appearance.intro')}</p>
      <p className="sr-only" role="status">
        {saver.announcement}
      </p>
      {settings && (
        <>
          <Section id="appearance-theme" title={t('appearance.theme')}>
            <fieldset className="px-4 py-4" aria-labelledby={legend}>
              <legend id={legend} className="sr-only">
                {t('appearance.theme')}
              </legend>
              <div className="grid gap-2.5 sm:grid-cols-3">
                {THEMES.map((theme) => (
                  <label
                    key={theme}
                    className="flex items-start gap-2.5 rounded-lg border border-zinc-200 p-3 text-sm has-checked:border-violet-500 has-checked:bg-violet-50/60 dark:border-zinc-700 dark:has-checked:border-violet-400 dark:has-checked:bg-violet-950/40"
                  >
                    <input
                      type="radio"
                      name="theme"
                      value={theme}
                      data-testid={`setting-theme-${theme}`}
                      checked={(picked ?? settings.theme) === theme}
                      onChange={() => {
                        setPicked(theme)
                        showTheme(theme)
                        void saver.save('theme', { theme })
                      }}
                      className="mt-1 accent-violet-600"
                    />
                    <span>
                      <span className="font-medium">{t(`appearance.${theme}`)}</span>
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">{t(`appearance.${theme}Help`)}</span>
                    </span>
                  </label>
                ))}
              </div>
              {saver.states.theme && (
                <div className="mt-2">
                  <SaveText state={saver.states.theme} />
                </div>
              )}
            </fieldset>
          </Section>

          <Section id="appearance-language" title={t('appearance.language')}>
            <Row
              label={t('appearance.languageLabel')}
              help={t('appearance.languageHelp')}
              htmlFor={languageSelect}
              helpId={languageHelp}
              state={saver.states.language}
            >
              <select
                id={languageSelect}
                data-testid="setting-language"
                aria-describedby={languageHelp}
                className={`${ui.input} max-w-full min-w-0`}
                value={settings.language}
                onChange={(event) => {
                  const language = event.target.value as LanguageSetting
                  showLanguage(language)
                  void saver.save('language', { language })
                }}
              >
                <option value="system">{t('appearance.languageSystem', { language: systemLanguage })}</option>
                {LANGUAGES.map((language) => (
                  <option key={language} value={language} lang={language}>
                    {LANGUAGE_NAMES[language]}
                  </option>
                ))}
              </select>
            </Row>
          </Section>

          <Section id="appearance-layout" title={t('appearance.layout')}>
            <Row
              label={t('appearance.sidebar')}
              help={t('appearance.sidebarHelp')}
              labelId={sidebarLabel}
              helpId={sidebarHelp}
              state={saver.states.sidebarCollapsed}
            >
              <Switch
                checked={!settings.sidebarCollapsed}
                onChange={(shown) => void saver.save('sidebarCollapsed', { sidebarCollapsed: !shown })}
                labelledBy={sidebarLabel}
                describedBy={sidebarHelp}
                testId="setting-sidebar"
                onLabel={t('appearance.shown')}
                offLabel={t('appearance.hidden')}
              />
            </Row>
          </Section>
        </>
      )}
    </div>
  )
}
