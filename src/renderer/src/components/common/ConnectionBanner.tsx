import { useEffect, useState } from 'react'
import { useConnection } from '../../stores/connection'

/** After this long without Aura, say what might help. */
const HINT_AFTER_MS = 10_000

/** Browser mode: the host went away (restarting?) and the bridge is trying to reach it again. */
export function ConnectionBanner() {
  const state = useConnection((s) => s.state)
  const reconnectNow = useConnection((s) => s.reconnectNow)
  const [longWait, setLongWait] = useState(false)
  const lost = state === 'reconnecting'

  useEffect(() => {
    if (!lost) return
    const timer = setTimeout(() => setLongWait(true), HINT_AFTER_MS)
    return () => {
      clearTimeout(timer)
      setLongWait(false)
    }
  }, [lost])

  if (!lost) return null
  return (
    <div
      role="status"
      data-testid="reconnecting"
      className="fixed inset-x-0 top-2 z-50 mx-auto flex w-fit max-w-[calc(100vw-1rem)] flex-wrap items-center justify-center gap-x-3 gap-y-1 rounded-2xl border border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-950 shadow-md dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
      <span>Reconnecting to Aura…</span>
      {longWait && <span>If you restarted Aura, open the address it printed.</span>}
      {reconnectNow && (
        <button type="button" className="rounded-full px-2 py-0.5 font-medium underline underline-offset-2" onClick={reconnectNow}>
          Try now
        </button>
      )}
    </div>
  )
}
