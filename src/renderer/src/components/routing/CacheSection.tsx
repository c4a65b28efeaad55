import { useId } from 'react'
import type { Settings } from '../../api'
import { SaveText, Section, type Saver } from '../settings/fields'

const CACHE_CHOICES: { value: Settings['responseCache']; label: string; help: string }[] = [
  { value: 'off', label: 'Off', help: 'Every message is answered afresh.' },
  {
    value: 'deterministic',
    label: 'Only exact repeats at Creativity 0',
    help: 'The same chat sent again to the same model at Creativity 0 gets the saved answer — free and instant.',
  },
  { value: 'always', label: 'Always for exact repeats', help: 'Also at higher Creativity, where a new answer would differ: saves the most, varies the least.' },
]

/** "Response cache": whether the same chat sent again gets the saved answer. */
export function CacheSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const legend = useId()
  return (
    <Section id="routing-cache" title="Response cache" intro="Aura can keep answers and give the same one again when exactly the same chat is sent to the same model.">
      <fieldset className="px-4 py-4" aria-labelledby={legend}>
        <legend id={legend} className="sr-only">
          Response cache
        </legend>
        <div className="space-y-2.5">
          {CACHE_CHOICES.map((choice) => (
            <label key={choice.value} className="flex items-start gap-2.5 text-sm">
              <input
                type="radio"
                name="response-cache"
                value={choice.value}
                data-testid={`setting-cache-${choice.value}`}
                checked={settings.responseCache === choice.value}
                onChange={() => void saver.save('responseCache', { responseCache: choice.value })}
                className="mt-1 accent-violet-600"
              />
              <span>
                <span className="font-medium">{choice.label}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{choice.help}</span>
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
