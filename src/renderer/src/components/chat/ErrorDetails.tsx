import type { Message } from '../../api'
import { useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { CopyButton } from '../common/CopyButton'

/**
 * "Copy details" under an engine that could not start: the reason in the OS's own words and where
 * Aura's log is, to paste into a question for help (the page shows the reason in plain words).
 */
export function ErrorDetails({ error }: { error: Message['error'] }) {
  const { t } = useTranslation()
  const logFile = useApp((s) => s.info?.logFile)
  const detail = (error?.data as { detail?: unknown } | undefined)?.detail
  if (error?.code !== 'model_load_failed' || typeof detail !== 'string') return null
  const text = () => [error.message, detail, logFile ? t('message.logAt', { path: logFile }) : null].filter(Boolean).join('\n\n')
  return <CopyButton getText={text} label={t('message.copyDetails')} showLabel className="mt-1" data-testid="copy-error-details" />
}
