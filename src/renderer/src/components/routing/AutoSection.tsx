import type { Settings } from '../../api'
import { Section, type Saver } from '../settings/fields'
import { LocalOnly } from './LocalOnly'
import { ModelChoices } from './ModelChoices'
import { WeakAnswers } from './WeakAnswers'

/** "How Auto picks": Local only, the models Auto may use, and what it does with a weak answer. */
export function AutoSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  return (
    <Section id="routing-auto" title="How Auto picks" intro="What Auto may use, and how it weighs cost against quality.">
      <LocalOnly settings={settings} saver={saver} />
      <ModelChoices settings={settings} saver={saver} />
      <WeakAnswers settings={settings} saver={saver} />
    </Section>
  )
}
