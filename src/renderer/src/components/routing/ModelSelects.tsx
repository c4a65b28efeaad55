import type { CloudModel } from '../../api'
import { useTranslation } from '../../i18n'
import { groupByProvider, modelPartOf } from '../../lib/cloudWords'
import { ui } from '../common/ui'

/** The look of the page's model pickers. */
export const selectClass = `${ui.input} max-w-full pr-8`

/**
 * A local model to pick, or "Automatic", or a model on one of the user's servers (`servers`, grouped
 * per server); a chosen model no longer here stays shown.
 */
export function LocalSelect({
  id,
  testId,
  value,
  models,
  servers = [],
  automatic,
  onChange,
}: {
  id: string
  testId: string
  value: string | null
  models: { id: string; name: string }[]
  servers?: CloudModel[]
  automatic: string
  onChange: (id: string | null) => void
}) {
  const { t } = useTranslation()
  const missing = value !== null && !models.some((m) => m.id === value) && !servers.some((m) => m.id === value)
  const local = models.map((m) => (
    <option key={m.id} value={m.id}>
      {m.name}
    </option>
  ))
  return (
    <select id={id} data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} className={selectClass}>
      <option value="">{automatic}</option>
      {missing && <option value={value}>{t('routing.choices.notAvailable', { model: modelPartOf(value) })}</option>}
      {servers.length === 0 ? local : <optgroup label={t('routing.choices.onThisComputer')}>{local}</optgroup>}
      {groupByProvider(servers).map((group) => (
        <optgroup key={group.provider} label={t('routing.choices.serverGroup', { server: group.name })}>
          {group.models.map((m) => (
            // The closed select shows only the option: it names the server too.
            <option key={m.id} value={m.id}>
              {t('routing.choices.serverModel', { model: m.name, server: m.providerName })}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  )
}

/** Cloud models as options, a group per company. */
export function CloudOptions({ models }: { models: CloudModel[] }) {
  return groupByProvider(models).map((group) => (
    <optgroup key={group.provider} label={group.name}>
      {group.models.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </optgroup>
  ))
}
