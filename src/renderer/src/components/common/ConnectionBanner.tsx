import { useEffect, useState } from 'react'
import { useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { useConnection } from '../../stores/connection'

/** After this long without Aura, say what might help. */
const HINT_AFTER_MS = 10_000

/**
 * Browser mode: the host went away (restarting?) and the bridge is trying to reach it again — a
 * restart keeps the port and link, so it gets back in by itself; or it turned this page away (the
 * link changed: `aura serve --new-link`, or the kept one expired).
 */
export function ConnectionBanner() {
  const state = useConnection((s) => s.state)
  const reconnectNow = useConnection((s) => s.reconnectNow)
  // Before Aura answered once, the start screen says what to do instead.
  const started = useApp((s) => s.info !== null)
  const [longWait, setLongWait] = useState(false)
  const lost = state === 'reconnecting'
  const { t } = useTranslation()

  useEffect(() => {
    if (!lost) return
    const timer = setTimeout(() => setLongWait(true), HINT_AFTER_MS)
    return () => {
      clearTimeout(timer)
      setLongWait(false)
    }
  }, [lost])

  if (state === 'refused' && started) {
    return (
      <div role="alert" data-testid="access-refused" className={banner}>
        {t('connection.refused')}
      </div>
    )
  }
  if (!lost) return null
  return (
    <div
      role="status"
      data-testid="reconnecting"
      className={banner}
    >
      <span className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
      <span>{t('connection.reconnecting')}</span>
      {longWait && <span>{t('connection.stillRunning')}</span>}
      {reconnectNow && (
        <button type="button" className="rounded-full px-2 py-0.5 font-medium underline underline-offset-2" onClick={reconnectNow}>
          {t('connection.tryNow')}
        </button>
      )}
    </div>
  )
}

const banner =
  'fixed inset-x-0 top-2 z-50 mx-auto flex w-fit max-w-[calc(100vw-1rem)] flex-wrap items-center justify-center gap-x-3 gap-y-1 rounded-2xl border border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-950 shadow-md dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100'
