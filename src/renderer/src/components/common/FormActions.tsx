import type { ReactNode } from 'react'
import { useTranslation } from '../../i18n'
import { ui } from './ui'

/** A form's Cancel and submit buttons, right-aligned (with an optional note on the left). */
export function FormActions({ onCancel, label, testId, disabled, note }: { onCancel: () => void; label: string; testId: string; disabled?: boolean; note?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="mt-1.5 flex items-center justify-end gap-2">
      {note && <span className={`mr-auto text-xs ${ui.muted}`}>{note}</span>}
      <button type="button" className={ui.secondary} onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className={ui.primary} data-testid={testId} disabled={disabled}>
        {label}
      </button>
    </div>
  )
}
