import { useId, useMemo } from 'react'
import type { Attachment } from '../../api'
import { useTranslation } from '../../i18n'
import { chatTokens, contextUse, type ContextWindow } from '../../lib/contextUse'
import { useChat } from '../../stores/chat'

/**
 * How much of the chosen model's window this chat uses (an estimate), in plain words, with the
 * numbers in its tooltip; amber past 80%, and it says so when older messages will be left out.
 */
export function ContextGauge({ window, draft, files }: { window: ContextWindow | null; draft: string; files: readonly Attachment[] }) {
  const { t } = useTranslation()
  const messages = useChat((s) => s.messages)
  const ids = useChat((s) => s.messageIds)
  const instructions = useChat((s) => s.instructions)
  const tokens = useMemo(() => chatTokens(ids.map((id) => messages[id]!).filter(Boolean), draft, files, instructions), [ids, messages, draft, files, instructions])
  const helpId = useId()
  if (!window || tokens === 0) return null
  const use = contextUse(tokens, window)
  const level = use.percent > 100 ? 'over' : use.percent >= 80 ? 'high' : 'ok'
  const bar = level === 'ok' ? 'bg-violet-500' : level === 'high' ? 'bg-amber-500' : 'bg-red-500'
  return (
    <div data-testid="context-gauge" data-level={level} data-percent={use.percent} title={use.detail} className="flex min-w-0 items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      <span
        role="meter"
        aria-label={t('message.windowUsed')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, use.percent)}
        aria-valuetext={use.words}
        aria-describedby={helpId}
        className="h-1.5 w-14 shrink-0 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <span className={`block h-full rounded-full ${bar}`} style={{ width: `${Math.max(2, Math.min(100, use.percent))}%` }} />
      </span>
      <span className={`min-w-0 ${level === 'ok' ? '' : 'text-amber-800 dark:text-amber-300'}`} data-testid="context-gauge-words">
        {use.words}
      </span>
      <span id={helpId} className="sr-only">
        {use.detail}
      </span>
    </div>
  )
}
