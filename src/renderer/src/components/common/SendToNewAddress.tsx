import { ui } from './ui'

/**
 * A saved key (or token) was saved for one host and the address now points at another: Aura does
 * not send it there unless the user says so here — or pastes it again.
 */
export function SendToNewAddress({
  what,
  savedFor,
  sendTo,
  working,
  onSend,
  onEnterAgain,
}: {
  /** "key" or "token" */
  what: string
  savedFor: string
  sendTo: string
  working: boolean
  onSend(): void
  /** Absent where the card has no field to paste it into (an added server: remove it and add it again). */
  onEnterAgain?: () => void
}) {
  return (
    <div
      role="group"
      aria-label={`Send your ${what} to ${sendTo}?`}
      data-testid="send-to-new-address"
      className="mt-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2.5 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <p>
        This {what} was saved for <strong className="break-words">{savedFor}</strong>. Send it to{' '}
        <strong className="break-words">{sendTo}</strong>?
      </p>
      <p className="mt-1 text-xs text-amber-900 dark:text-amber-200">
        Say yes only if you changed the address yourself: whoever runs {sendTo} can use your {what}.
      </p>
      <div className="mt-2 flex flex-wrap gap-1.5">
        <button type="button" data-testid="send-to-new-address-yes" className={ui.secondary} disabled={working} onClick={onSend}>
          {working ? 'Sending…' : 'Send it'}
        </button>
        {onEnterAgain && (
          <button type="button" data-testid="send-to-new-address-reenter" className={ui.secondary} disabled={working} onClick={onEnterAgain}>
            Enter the {what} again
          </button>
        )}
      </div>
    </div>
  )
}
