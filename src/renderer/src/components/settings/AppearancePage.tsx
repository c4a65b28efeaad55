import { useId, useState } from 'react'
import type { Settings } from '../../api'
import { showTheme } from '../../lib/appearance'
import { useSettings } from '../../stores/settings'
import { Row, SaveText, Section, Switch, useSaver } from './fields'

const THEMES: { value: Settings['theme']; label: string; help: string }[] = [
  { value: 'light', label: 'Light', help: 'Dark text on a light page.' },
  { value: 'dark', label: 'Dark', help: 'Light text on a dark page: easier on the eyes at night.' },
  { value: 'system', label: 'System', help: 'Follows your computer’s setting, also when it changes in the evening.' },
]

/** Settings → Appearance: light or dark, and whether the chat list stays beside the page. */
export function AppearancePage() {
  const settings = useSettings((s) => s.settings)
  const saver = useSaver()
  // The choice shows at once; the setting follows a moment later.
  const [picked, setPicked] = useState<Settings['theme'] | null>(null)
  const legend = useId()
  const sidebarLabel = useId()
  const sidebarHelp = useId()

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-appearance">
      <h2 className="text-xl font-semibold tracking-tight">Appearance</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">How Aura looks on this computer.</p>
      <p className="sr-only" role="status">
        {saver.announcement}
      </p>
      {settings && (
        <>
          <Section id="appearance-theme" title="Theme">
            <fieldset className="px-4 py-4" aria-labelledby={legend}>
              <legend id={legend} className="sr-only">
                Theme
              </legend>
              <div className="grid gap-2.5 sm:grid-cols-3">
                {THEMES.map((theme) => (
                  <label
                    key={theme.value}
                    className="flex items-start gap-2.5 rounded-lg border border-zinc-200 p-3 text-sm has-checked:border-violet-500 has-checked:bg-violet-50/60 dark:border-zinc-700 dark:has-checked:border-violet-400 dark:has-checked:bg-violet-950/40"
                  >
                    <input
                      type="radio"
                      name="theme"
                      value={theme.value}
                      data-testid={`setting-theme-${theme.value}`}
                      checked={(picked ?? settings.theme) === theme.value}
                      onChange={() => {
                        setPicked(theme.value)
                        showTheme(theme.value)
                        void saver.save('theme', { theme: theme.value })
                      }}
                      className="mt-1 accent-violet-600"
                    />
                    <span>
                      <span className="font-medium">{theme.label}</span>
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">{theme.help}</span>
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

          <Section id="appearance-layout" title="Layout">
            <Row
              label="Chat list beside the page"
              help="On a wide window. On a narrow one the list folds away; the button at the top left shows it."
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
                onLabel="Shown"
                offLabel="Hidden"
              />
            </Row>
          </Section>
        </>
      )}
    </div>
  )
}
