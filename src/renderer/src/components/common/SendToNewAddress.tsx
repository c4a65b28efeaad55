import { Trans, useTranslation } from '../../i18n'
import { ui } from './ui'

/**
 * A saved key (or token) was saved for one host and the address now points at another: Aura does
 * not send it there unless the user says so here — or pastes it again.
 */
export function SendToNewAddress({
  kind,
  savedFor,
  sendTo,
  working,
  onSend,
  onEnterAgain,
}: {
  /** What was saved: a key (a cloud company's, a server's) or a token (Hugging Face's). */
  kind: 'key' | 'token'
  savedFor: string
  sendTo: string
  working: boolean
  onSend(): void
  /** Absent where the card has no field to paste it into (an added server: remove it and add it again). */
  onEnterAgain?: () => void
}) {
  const { t } = useTranslation()
  return (
    <div
      role="group"
      aria-label={t(`forms.send.${kind}.question`, { sendTo })}
      data-testid="send-to-new-address"
      className="mt-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2.5 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <p>
        <Trans i18nKey={`forms.send.${kind}.savedFor`} values={{ savedFor, sendTo }} components={{ b: <strong className="break-words" /> }} />
      </p>
      <p className="mt-1 text-xs text-amber-900 dark:text-amber-200">
        {t(`forms.send.${kind}.warning`, { sendTo })}
      </p>
      <div className="mt-2 flex flex-wrap gap-1.5">
        <button type="button" data-testid="send-to-new-address-yes" className={ui.secondary} disabled={working} onClick={onSend}>
          {working ? t('forms.send.sending') : t(`forms.send.${kind}.send`)}
        </button>
        {onEnterAgain && (
          <button type="button" data-testid="send-to-new-address-reenter" className={ui.secondary} disabled={working} onClick={onEnterAgain}>
            {t(`forms.send.${kind}.again`)}
          </button>
        )}
      </div>
    </div>
  )
}
