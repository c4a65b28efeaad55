import { useId } from 'react'
import type { Settings } from '../../api'
import { useTranslation } from '../../i18n'
import { SaveText, Section, type Saver } from '../settings/fields'

/** The choices, in order; each is named `routing.cache.<value>` and explained by `…Help`. */
const CACHE_CHOICES: Settings['responseCache'][] = ['off', 'deterministic', 'always']

/** "Response cache": whether the same chat sent again gets the saved answer. */
export function CacheSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const legend = useId()
  const { t } = useTranslation()
  return (
    <Section id="routing-cache" title={t('routing.cache.title')} intro={t('routing.cache.intro')}>
      <fieldset className="px-4 py-4" aria-labelledby={legend}>
        <legend id={legend} className="sr-only">
          {t('routing.cache.title')}
        </legend>
        <div className="space-y-2.5">
          {CACHE_CHOICES.map((choice) => (
            <label key={choice} className="flex items-start gap-2.5 text-sm">
              <input
                type="radio"
                name="response-cache"
                value={choice}
                data-testid={`setting-cache-${choice}`}
                checked={settings.responseCache === choice}
                onChange={() => void saver.save('responseCache', { responseCache: choice })}
                className="mt-1 accent-violet-600"
              />
              <span>
                <span className="font-medium">{t(`routing.cache.${choice}`)}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{t(`routing.cache.${choice}Help`)}</span>
              </span>
            </label>
          ))}
        </div>
        {saver.states.responseCache && (
          <div className="mt-2">
            <SaveText state={saver.states.responseCache} />
          </div>
        )}
      </fieldset>
    </Section>
  )
}
