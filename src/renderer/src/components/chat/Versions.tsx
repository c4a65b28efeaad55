import { useTranslation } from '../../i18n'
import { useChat } from '../../stores/chat'
import { isStreamingIn, useStreaming } from '../../stores/streaming'
import { ChevronRightIcon } from '../common/icons'

const arrow =
  'inline-flex size-6 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-200/70 hover:text-zinc-900 disabled:opacity-40 disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-700/70 dark:hover:text-white'

/**
 * ‹ 2/3 ›: the versions of a message (its replies written again, or its edits). Each keeps its own
 * text, model, route and cost; switching shows the conversation as it went on from that one.
 */
export function Versions({ id, kind }: { id: string; kind: 'reply' | 'message' }) {
  const { t } = useTranslation()
  const ids = useChat((s) => s.versions[id])
  const activeId = useChat((s) => s.activeId)
  const busy = useChat((s) => s.busy)
  const streaming = useStreaming(isStreamingIn(activeId))
  if (!ids) return null
  const at = ids.indexOf(id)
  const go = (to: number) => {
    const target = ids[to]
    if (target) void useChat.getState().showVersion(target)
  }
  const locked = busy || streaming
  return (
    <span role="group" aria-label={t(`message.versions.${kind}`)} data-testid="versions" className="inline-flex items-center gap-0.5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
      <button type="button" className={arrow} aria-label={t(`message.previous.${kind}`)} data-testid="version-previous" disabled={at <= 0 || locked} onClick={() => go(at - 1)}>
        <ChevronRightIcon size={14} className="rotate-180" />
      </button>
      <span data-testid="version-of" aria-label={t('message.versionOf', { at: at + 1, total: ids.length })}>
        {at + 1}/{ids.length}
      </span>
      <button
        type="button"
        className={arrow}
        aria-label={t(`message.next.${kind}`)}
        data-testid="version-next"
        disabled={at >= ids.length - 1 || locked}
        onClick={() => go(at + 1)}
      >
        <ChevronRightIcon size={14} />
      </button>
    </span>
  )
}
