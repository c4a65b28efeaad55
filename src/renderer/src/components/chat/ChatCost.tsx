import type { Message } from '../../api'
import { useTranslation } from '../../i18n'
import { formatCost, isCloudModelId } from '../../lib/cloudWords'
import { formatNumber } from '../../lib/format'
import { useChat } from '../../stores/chat'

/** What the chat's cloud replies cost so far; null when none was a cloud reply. */
export function chatTotal(messages: Record<string, Message>): { usd: number; tokens: number; unknown: number; estimated: number } | null {
  let usd = 0
  let tokens = 0
  let unknown = 0
  let estimated = 0
  let cloud = false
  for (const m of Object.values(messages)) {
    if (m.role !== 'assistant' || !m.stats) continue
    const cost = m.stats.costUsd
    if (isCloudModelId(m.modelId)) cloud = true
    else if (!cost) continue
    tokens += (m.stats.inputTokens ?? 0) + m.stats.tokens
    if (cost === null || cost === undefined) unknown++
    else usd += cost
    if (m.stats.costEstimated) estimated++
  }
  return cloud || usd > 0 ? { usd, tokens, unknown, estimated } : null
}

/** "This chat: $0.0123" in the chat header, once a cloud model answered in it. */
export function ChatCost() {
  const { t } = useTranslation()
  // A string, so the header re-renders only when the total changes.
  const key = useChat((s) => {
    // Every version written counts: an earlier reply kept aside cost what it cost.
    const total = chatTotal({ ...s.otherVersions, ...s.messages })
    return total ? JSON.stringify(total) : ''
  })
  if (!key) return null
  const total = JSON.parse(key) as NonNullable<ReturnType<typeof chatTotal>>
  let cost = formatCost(total.usd)
  if (total.unknown > 0) cost = t('message.atLeast', { cost })
  if (total.estimated > 0) cost = t('message.costEstimated', { cost })
  return (
    <p
      data-testid="chat-cost"
      className="shrink-0 rounded-full border border-zinc-200 px-2 py-0.5 text-xs whitespace-nowrap text-zinc-600 tabular-nums dark:border-zinc-700 dark:text-zinc-400"
      title={t('message.chatCostTitle', { tokens: formatNumber(total.tokens) })}
    >
      <span className="sr-only">{t('message.chatCostSr')} </span>
      <span aria-hidden="true" className="hidden lg:inline">
        {t('message.thisChat')}{' '}
      </span>
      {cost}
    </p>
  )
}
