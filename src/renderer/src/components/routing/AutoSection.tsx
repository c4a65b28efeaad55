import type { Settings } from '../../api'
import { useTranslation } from '../../i18n'
import { Section, type Saver } from '../settings/fields'
import { LocalOnly } from './LocalOnly'
import { ModelChoices } from './ModelChoices'
import { WeakAnswers } from './WeakAnswers'

/** "How Auto picks": Local only, the models Auto may use, and what it does with a weak answer. */
export function AutoSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const { t } = useTranslation()
  return (
    <Section id="routing-auto" title={t('routing.auto.title')} intro={t('routing.auto.intro')}>
      <LocalOnly settings={settings} saver={saver} />
      <ModelChoices settings={settings} saver={saver} />
      <WeakAnswers settings={settings} saver={saver} />
    </Section>
  )
}
