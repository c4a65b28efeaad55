import type { McpServer } from '../../api'
import { useTranslation } from '../../i18n'

const TONE: Record<McpServer['state'] | 'off', string> = {
  running: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  starting: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200',
  failed: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
  stopped: 'border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  off: 'border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
}

/** Running, starting, failed, not started, or off: a dot and a word. */
export function ServerState({ server }: { server: McpServer }) {
  const { t } = useTranslation()
  const state = server.enabled ? server.state : 'off'
  return (
    <span data-testid="tools-server-state" data-state={state} className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${TONE[state]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full bg-current ${state === 'starting' ? 'animate-pulse' : ''}`} />
      {t(`tools.state.${state}`)}
    </span>
  )
}
