import type { CloudModel } from '../../api'
import { groupByProvider, modelPartOf } from '../../lib/cloudWords'
import { ui } from '../common/ui'

/** The look of the page's model pickers. */
export const selectClass = `${ui.input} max-w-full pr-8`

/** A local model to pick, or "Automatic"; a chosen model no longer on this computer stays shown. */
export function LocalSelect({
  id,
  testId,
  value,
  models,
  automatic,
  onChange,
}: {
  id: string
  testId: string
  value: string | null
  models: { id: string; name: string }[]
  automatic: string
  onChange: (id: string | null) => void
}) {
  const missing = value !== null && !models.some((m) => m.id === value)
  return (
    <select id={id} data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} className={selectClass}>
      <option value="">{automatic}</option>
      {missing && <option value={value}>{modelPartOf(value)} (not on this computer now)</option>}
      {models.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
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
