import { useId } from 'react'
import type { Settings } from '../../api'
import { useTranslation } from '../../i18n'
import { isServerProvider, modelPartOf } from '../../lib/cloudWords'
import { useCloud } from '../../stores/cloud'
import { useUsage } from '../../stores/usage'
import { Row, Section, type Saver } from '../settings/fields'
import { CloudOptions, selectClass } from './ModelSelects'

/** "Savings": the cloud model that what staying local saved is counted against. */
export function SavingsSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const { t } = useTranslation()
  const id = useId()
  const cloud = useCloud((s) => s.models)
  const baselineName = useUsage((s) => s.summary?.baseline.name)
  const priced = cloud.filter((m) => !isServerProvider(m.provider) && m.price !== null)
  const current = settings.savingsBaselineModelId
  const known = priced.some((m) => m.id === current)
  return (
    <Section id="routing-savings" title={t('routing.savings.title')} intro={t('routing.savings.intro')}>
      <Row label={t('routing.savings.compare')} help={t('routing.savings.compareHelp')} htmlFor={id} state={saver.states.savingsBaselineModelId}>
        <select id={id} data-testid="setting-savings-baseline" value={current} onChange={(e) => void saver.save('savingsBaselineModelId', { savingsBaselineModelId: e.target.value })} className={selectClass}>
          {!known && <option value={current}>{baselineName ?? modelPartOf(current)}</option>}
          <CloudOptions models={priced} />
        </select>
      </Row>
    </Section>
  )
}
