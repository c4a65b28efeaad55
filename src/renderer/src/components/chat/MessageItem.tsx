import { memo, useDeferredValue, useState } from 'react'
import type { GenerationStats, Message } from '../../api'
import { i18n, locale, useTranslation } from '../../i18n'
import { formatCost, isCloudModelId, modelPartOf } from '../../lib/cloudWords'
import { formatSeconds } from '../../lib/format'
import { speedWords, termHints, tokenCountHint, tokenCountWords } from '../../lib/termWords'
import { useEffectiveModel } from '../../lib/useModel'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { useCloud } from '../../stores/cloud'
import { useModels } from '../../stores/models'
import { isStreamingIn, useStreaming } from '../../stores/streaming'
import { CopyButton } from '../common/CopyButton'
import { Term } from '../common/Term'
import { AlertIcon, RefreshIcon, SparkIcon } from '../common/icons'
import { routingHelp, retryAfterText } from '../../lib/routeWords'
import { AttachmentChips } from './Attachments'
import { Cited } from '../documents/Citations'
import { ErrorDetails } from './ErrorDetails'
import { DeleteButton, EditButton, EditMessage } from './MessageActions'
import { RouteAttempts, RouteLine } from './MessageRoute'
import { RateReply } from './RateReply'
import { ReplyStatus, Thoughts } from './Thoughts'
import { TooBig } from './TooBig'
import { Versions } from './Versions'
import { ToolCalls } from '../tools/ToolCalls'

interface MessageItemProps {
  id: string
  /** The last message of the chat: its reply can be regenerated. */
  isLast: boolean
  /** Where it is in the chat (1-based) and how many there are: the list shows only some of them. */
  position?: number
  count?: number
}

/**
 * One message. Memoized and subscribed to its own message only: a streamed delta re-renders just
 * the reply it belongs to.
 */
export const MessageItem = memo(function MessageItem({ id, isLast, position, count }: MessageItemProps) {
  const message = useChat((s) => s.messages[id])
  if (!message) return null
  const place = { 'aria-posinset': position, 'aria-setsize': count }
  return message.role === 'user' ? <UserMessage message={message} place={place} /> : <AssistantMessage message={message} isLast={isLast} place={place} />
})

/** aria-posinset / aria-setsize of the message's article. */
type Place = { 'aria-posinset'?: number; 'aria-setsize'?: number }

/** As `toLocaleString()` writes it in the language on screen, with one formatter for all messages (making one per call is slow). */
let dateTime: { locale: string; format: Intl.DateTimeFormat } | null = null
const timeOf = (message: Message) => {
  if (dateTime?.locale !== locale()) {
    const format = new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    dateTime = { locale: locale(), format }
  }
  return dateTime.format.format(message.createdAt)
}

function UserMessage({ message, place }: { message: Message; place: Place }) {
  const { t } = useTranslation()
  const pending = message.id.startsWith('pending-')
  const [editing, setEditing] = useState(false)
  if (editing) {
    return (
      <article {...place} aria-label={t('message.youSaidEditing')} data-testid="message-user" data-status={message.status} className="flex justify-end">
        <EditMessage message={message} onDone={() => setEditing(false)} />
      </article>
    )
  }
  return (
    <article
      {...place}
      aria-label={t('message.youSaid')}
      data-testid="message-user"
      data-status={message.status}
      data-pending={pending ? 'true' : undefined}
      className="group flex items-start justify-end gap-1"
    >
      <div className="flex pt-1.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
        <CopyButton getText={() => message.content} label={t('message.copyMessage')} />
        {!pending && <EditButton onEdit={() => setEditing(true)} />}
        {!pending && <DeleteButton message={message} />}
      </div>
      <div className="flex max-w-[85%] flex-col items-end gap-0.5">
        <div
          title={timeOf(message)}
          className={`rounded-2xl rounded-br-md bg-zinc-100 px-4 py-2.5 break-words whitespace-pre-wrap dark:bg-zinc-800 ${pending ? 'opacity-70' : ''}`}
        >
          {message.content}
          {message.attachments?.length ? (
            <div className="mt-2 whitespace-normal">
              <AttachmentChips files={message.attachments} />
            </div>
          ) : null}
        </div>
        <Versions id={message.id} kind="message" />
      </div>
    </article>
  )
}

function AssistantMessage({ message, isLast, place }: { message: Message; isLast: boolean; place: Place }) {
  const { t } = useTranslation()
  const streaming = message.status === 'streaming'
  const live = useStreaming((s) => (streaming ? s.text[message.id] : undefined))
  const localName = useModels((s) => s.models.find((m) => m.id === message.modelId)?.name)
  const cloudName = useCloud((s) => s.models.find((m) => m.id === message.modelId)?.name)
  const modelName = localName ?? cloudName ?? (message.modelId ? modelPartOf(message.modelId) : null)
  // While text pours in, React may skip frames of Markdown work rather than fall behind;
  // a finished reply shows its final text at once.
  const liveText = useDeferredValue(live ?? message.content)
  const text = streaming ? liveText : message.content

  return (
    <article
      {...place}
      aria-label={modelName ? t('message.replyFrom', { model: modelName }) : t('message.reply')}
      aria-busy={streaming || undefined}
      data-testid="message-assistant"
      data-status={message.status}
      data-id={message.id}
      className="group flex gap-3"
    >
      <div
        aria-hidden="true"
        title={timeOf(message)}
        className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-violet-500 to-fuchsia-400 text-white shadow-sm"
      >
        <SparkIcon size={15} />
      </div>
      {/* The reply's own text comes first; who wrote it and how fast sit in the footer. */}
      <div className="min-w-0 flex-1 pt-0.5">
        {message.route && <RouteAttempts attempts={message.route.attempts} />}
        <Thoughts message={message} />
        <ToolCalls message={message} />
        {streaming && !text ? (
          <ReplyStatus messageId={message.id} />
        ) : text ? (
          <div data-testid="message-text">
            <Cited message={message} text={text} streaming={streaming} />
          </div>
        ) : null}

        {message.status === 'error' && message.error?.code === 'model_too_big' && (
          <TooBig error={message.error} modelId={message.modelId} canRetry={isLast} />
        )}
        {message.status === 'error' && message.error?.code !== 'model_too_big' && (
          <div
            role="alert"
            data-testid="message-error"
            className="mt-2 flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100"
          >
            <AlertIcon size={16} className="mt-0.5 shrink-0" />
            <div className="min-w-0 flex-1">
              <p>{message.error?.message || t('message.couldNotFinish')}</p>
              {retryAfterText(message.error) && <p>{retryAfterText(message.error)}</p>}
              <RoutingHelpLink error={message.error} />
              <ErrorDetails error={message.error} />
              {isCloudModelId(message.modelId) && keyProblem(message.error) && (
                <button
                  type="button"
                  data-testid="open-cloud-keys"
                  className="mt-1 font-medium underline underline-offset-2 hover:no-underline"
                  onClick={() => useApp.getState().openSettings('cloud-keys')}
                >
                  {t('message.checkKey')}
                </button>
              )}
            </div>
          </div>
        )}

        {message.status === 'done' && message.route?.warning && (
          <p
            role="status"
            data-testid="message-warning"
            className="mt-2 flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-100"
          >
            <AlertIcon size={16} className="mt-0.5 shrink-0" />
            <span className="min-w-0">{message.route.warning}</span>
          </p>
        )}
        {!streaming && message.stats?.leftOutMessages ? (
          <p data-testid="message-left-out" className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
            {leftOutText(message.stats.leftOutMessages)}
          </p>
        ) : null}
        {message.route && <RouteLine route={message.route} />}
        {!streaming && <MessageFooter message={message} modelName={modelName} isLast={isLast} />}
      </div>
    </article>
  )
}

/** Older turns the model did not read, in plain words. */
export function leftOutText(count: number): string {
  return i18n.t('message.leftOut', { count })
}

/** A refusal of the routing rules (budget, rate limit, Local only, no model): a link to where it is changed. */
export function RoutingHelpLink({ error }: { error: Message['error'] }) {
  // Re-renders on a change of language: the label is looked up in routingHelp.
  useTranslation()
  const help = routingHelp(error)
  if (!help) return null
  return (
    <button
      type="button"
      data-testid="open-routing-help"
      className="mt-1 font-medium underline underline-offset-2 hover:no-underline"
      onClick={() => useApp.getState().openSettings(help.page)}
    >
      {help.label}
    </button>
  )
}

/** A cloud reply refused for the key's sake (not accepted, no credit): the fix is on the Cloud Keys page. */
function keyProblem(error: Message['error']): boolean {
  if (!error) return false
  const reason = (error.data as { reason?: unknown } | undefined)?.reason
  return error.code === 'unauthorized' || reason === 'no_credit'
}

function MessageFooter({ message, modelName, isLast }: { message: Message; modelName: string | null; isLast: boolean }) {
  const { t } = useTranslation()
  const note = message.status === 'stopped' ? t('message.stopped') : message.status === 'interrupted' ? t('message.interrupted') : null
  const stats = message.stats
  // A weak or failed answer: the way to a better one stands out, and shows without hovering.
  const wanting = message.status === 'error' || Boolean(message.route?.warning)
  return (
    <div className="mt-1.5 flex min-h-7 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      <Versions id={message.id} kind="reply" />
      {modelName && <span className="font-medium">{modelName}</span>}
      {note && (
        <span className="italic" data-testid="message-note">
          {note}
        </span>
      )}
      {stats && stats.tokens > 0 && <Stats stats={stats} cloud={isCloudModelId(message.modelId)} />}
      <span
        className={`flex items-center gap-0.5 ${isLast || message.rating ? '' : 'opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100'}`}
      >
        {message.content && <CopyButton getText={() => message.content} label={t('message.copyReply')} />}
        {message.content && message.status !== 'error' && <RateReply message={message} />}
        {isLast && <RegenerateButton label={message.status === 'error' ? t('message.tryAgain') : t('message.regenerate')} />}
        <DeleteButton message={message} />
        {!wanting && <StrongerButton messageId={message.id} highlight={false} />}
      </span>
      {wanting && <StrongerButton messageId={message.id} highlight />}
    </div>
  )
}

/** Tokens (read / written), cost, time to the first word and speed: what the reply took. */
function Stats({ stats, cloud }: { stats: GenerationStats; cloud: boolean }) {
  const { t } = useTranslation()
  const cost = costOf(stats, cloud)
  return (
    <span data-testid="message-stats" className="contents">
      <Dot />
      <Term data-testid="message-tokens" data-read={stats.inputTokens ?? undefined} data-wrote={stats.tokens} hint={tokenCountHint(stats.inputTokens, stats.tokens)}>
        {tokenCountWords(stats.inputTokens, stats.tokens)}
      </Term>
      <Dot />
      <span data-testid="message-cost" data-cost={stats.costUsd ?? undefined} data-estimated={stats.costEstimated || undefined} title={cost.help}>
        <span className="sr-only">{t('message.cost')} </span>
        {cost.text}
        {cost.text === '—' && <span className="sr-only">{t('message.unknown')}</span>}
      </span>
      <Dot />
      <span data-testid="message-ttft" title={t('message.firstWordTitle')}>
        {t('message.firstWordAfter', { time: formatSeconds(stats.timeToFirstTokenMs) })}
      </span>
      <Dot />
      <Term hint={termHints.speed}>{speedWords(stats.tokensPerSecond)}</Term>
    </span>
  )
}

const Dot = () => (
  <span aria-hidden="true" className="-mx-1.5 text-zinc-400 dark:text-zinc-500">
    ·
  </span>
)

/** "$0.0012", "free" for a model on this computer, "—" when no price is known. */
function costOf(stats: GenerationStats, cloud: boolean): { text: string; help: string } {
  const t = i18n.t
  const usd = stats.costUsd
  if (usd === null || usd === undefined) {
    return cloud ? { text: '—', help: t('message.costUnknownHelp') } : { text: t('message.free'), help: t('message.localNoCost') }
  }
  if (usd === 0) return { text: t('message.free'), help: cloud ? t('message.costsNothing') : t('message.localNoCost') }
  if (stats.costEstimated) return { text: t('message.estimated', { cost: formatCost(usd) }), help: t('message.estimatedHelp') }
  return { text: formatCost(usd), help: t('message.costHelp') }
}

/** "Try a stronger model": the next stronger tier writes this reply again; this answer stays above it, folded. */
function StrongerButton({ messageId, highlight }: { messageId: string; highlight: boolean }) {
  const { t } = useTranslation()
  const busy = useChatBusy()
  return (
    <button
      type="button"
      data-testid="escalate"
      data-highlight={highlight || undefined}
      disabled={busy}
      title={t('message.strongerTitle')}
      className={`inline-flex items-center gap-1.5 rounded-md px-2 py-1 font-medium disabled:opacity-50 ${
        highlight
          ? 'bg-amber-100 text-amber-950 hover:bg-amber-200 dark:bg-amber-900/60 dark:text-amber-50 dark:hover:bg-amber-900'
          : 'text-zinc-700 hover:bg-zinc-200/70 hover:text-zinc-900 disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-700/70 dark:hover:text-white'
      }`}
      onClick={() => void useChat.getState().escalate(messageId)}
    >
      <SparkIcon size={14} />
      {highlight ? t('message.tryStronger') : t('message.askStronger')}
    </button>
  )
}

/** A request is on its way or a reply is being written in this chat: no other may start. */
function useChatBusy(): boolean {
  const activeId = useChat((s) => s.activeId)
  const busy = useChat((s) => s.busy)
  const streaming = useStreaming(isStreamingIn(activeId))
  return busy || streaming
}

function RegenerateButton({ label }: { label: string }) {
  const { t } = useTranslation()
  const model = useEffectiveModel()
  const busy = useChatBusy()
  return (
    <button
      type="button"
      data-testid="regenerate"
      disabled={!model || busy}
      title={!model ? t('message.noModel') : model.kind === 'auto' ? t('message.regenerateAuto') : t('message.regenerateWith', { model: model.name })}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 font-medium text-zinc-700 hover:bg-zinc-200/70 hover:text-zinc-900 disabled:opacity-50 disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-700/70 dark:hover:text-white"
      onClick={() => model && void useChat.getState().regenerate(model.id)}
    >
      <RefreshIcon size={14} />
      {label}
    </button>
  )
}
