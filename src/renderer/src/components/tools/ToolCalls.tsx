import { useEffect, useId, useRef, useState } from 'react'
import type { Message, MessageToolCall } from '../../api'
import { useTranslation } from '../../i18n'
import { formatSeconds } from '../../lib/format'
import { argumentText } from '../../lib/toolWords'
import { useReplyToolCalls, useToolCalls, type ToolAnswer } from '../../stores/toolCalls'
import { useTools } from '../../stores/tools'
import { ChevronDownIcon } from '../common/icons'
import { ui } from '../common/ui'
import { WrenchIcon } from './WrenchIcon'

/** The tools a reply called, in order: a card each, the ask inline while one waits for the user. */
export function ToolCalls({ message }: { message: Message }) {
  const { t } = useTranslation()
  const calls = useReplyToolCalls(message)
  if (calls.length === 0) return null
  return (
    <ul className="mb-2 space-y-1.5" aria-label={t('tools.call.list')} data-testid="tool-calls">
      {calls.map((call) => (
        <li key={call.id}>{call.state === 'asking' && call.askId ? <ToolAsk call={call} askId={call.askId} /> : <ToolCallCard call={call} />}</li>
      ))}
    </ul>
  )
}

const STATE_TONE: Record<MessageToolCall['state'], string> = {
  asking: 'text-amber-800 dark:text-amber-300',
  running: 'text-violet-700 dark:text-violet-300',
  done: 'text-emerald-800 dark:text-emerald-300',
  failed: 'text-red-700 dark:text-red-400',
  denied: 'text-zinc-600 dark:text-zinc-400',
  stopped: 'text-zinc-600 dark:text-zinc-400',
}

/** One call, folded to a line (tool · server, state, time); open, its arguments and result. */
function ToolCallCard({ call }: { call: MessageToolCall }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const bodyId = useId()
  return (
    <div data-testid="tool-call" data-state={call.state} data-tool={call.tool} className="rounded-lg border border-zinc-200 bg-zinc-50/70 text-sm dark:border-zinc-700 dark:bg-zinc-800/50">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={bodyId}
        data-testid="tool-call-toggle"
        onClick={() => setOpen(!open)}
        className="flex w-full min-w-0 items-center gap-2 rounded-lg px-3 py-1.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-700/50"
      >
        <WrenchIcon size={14} className="shrink-0 text-zinc-600 dark:text-zinc-400" />
        <span className="sr-only">{t('tools.call.show', { tool: call.tool })}</span>
        <span className="min-w-0 flex-1 truncate" aria-hidden="true">
          <span className="font-medium">{call.tool}</span>
          <span className={ui.muted}> · {call.server}</span>
        </span>
        <span data-testid="tool-call-state" className={`shrink-0 text-xs font-medium ${STATE_TONE[call.state]}`}>
          {call.state === 'running' && <span aria-hidden="true" className="mr-1 inline-block size-2.5 animate-spin rounded-full border-2 border-current border-t-transparent align-[-1px]" />}
          {t(`tools.call.state.${call.state}`)}
        </span>
        {call.ms !== null && <span className={`shrink-0 text-xs ${ui.muted}`}>{formatSeconds(call.ms)}</span>}
        <ChevronDownIcon size={14} className={`shrink-0 transition-transform ${open ? 'rotate-180' : ''}`} />
      </button>
      {open && (
        <div id={bodyId} data-testid="tool-call-body" className="border-t border-zinc-200 px-3 py-2 dark:border-zinc-700">
          <p className={`text-xs font-medium ${ui.muted}`}>{t('tools.call.args')}</p>
          <Arguments args={call.args} />
          {call.result !== null && (
            <>
              <p className={`mt-2 text-xs font-medium ${ui.muted}`}>{call.state === 'done' ? t('tools.call.result') : t('tools.call.error')}</p>
              {/* The server's words, not Aura's: plain text, never Markdown or HTML that could load anything. */}
              <pre data-testid="tool-call-result" className="mt-1 max-h-64 overflow-y-auto rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 font-mono text-xs break-words whitespace-pre-wrap dark:border-zinc-700 dark:bg-zinc-900">
                {call.result}
              </pre>
              {call.state !== 'denied' && call.state !== 'stopped' && (
                <p className={`mt-1 text-xs ${ui.muted}`} data-testid="tool-call-untrusted">
                  {t('tools.call.untrusted', { server: call.server })}
                  {call.truncated && ` ${t('tools.call.truncated')}`}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  )
}

/** The arguments the model wrote, one per line: name, then its value as text. */
function Arguments({ args }: { args: Record<string, unknown> }) {
  const { t } = useTranslation()
  const entries = Object.entries(args)
  if (entries.length === 0) return <p className="mt-0.5 text-xs italic">{t('tools.call.noArgs')}</p>
  return (
    <dl data-testid="tool-call-args" className="mt-1 grid grid-cols-[minmax(0,max-content)_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="font-mono font-medium break-all">{name}</dt>
          <dd className="max-h-40 overflow-y-auto font-mono break-words whitespace-pre-wrap">{argumentText(value)}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * A call waiting for the user, inline in the reply: what the tool is, its server, its arguments;
 * Allow once / in this chat / always, or Don't allow. Focus comes here when it appears.
 */
function ToolAsk({ call, askId }: { call: MessageToolCall; askId: string }) {
  const { t } = useTranslation()
  const ids = { title: useId(), what: useId() }
  const first = useRef<HTMLButtonElement>(null)
  const [answering, setAnswering] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const tool = useTools((s) => s.servers?.find((server) => server.name === call.server)?.tools.find((candidate) => candidate.name === call.tool))

  useEffect(() => {
    first.current?.focus({ preventScroll: false })
  }, [askId])

  const answer = async (choice: ToolAnswer) => {
    setAnswering(true)
    const failed = await useToolCalls.getState().answer(askId, choice)
    setAnswering(false)
    setProblem(failed ? t('tools.ask.failed', { problem: failed }) : null)
  }

  const buttons: { choice: ToolAnswer; label: string; style: string }[] = [
    { choice: 'once', label: t('tools.ask.once'), style: ui.primary },
    { choice: 'chat', label: t('tools.ask.chat'), style: ui.secondary },
    { choice: 'always', label: t('tools.ask.always'), style: ui.secondary },
    { choice: 'deny', label: t('tools.ask.deny'), style: ui.secondary },
  ]
  return (
    <section
      role="group"
      aria-labelledby={ids.title}
      aria-describedby={ids.what}
      data-testid="tool-ask"
      data-tool={call.tool}
      className="rounded-xl border border-amber-300 bg-amber-50 px-3.5 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-50"
    >
      <h4 id={ids.title} className="flex items-center gap-2 font-semibold">
        <WrenchIcon size={15} className="shrink-0" />
        {t('tools.ask.title')}
      </h4>
      <p id={ids.what} className="mt-1 break-words">
        {t('tools.ask.what', { tool: tool?.title ?? call.tool, server: call.server })}
      </p>
      {tool?.description && <p className="mt-0.5 line-clamp-3 text-xs break-words opacity-90">{tool.description}</p>}
      <p className="mt-2 text-xs font-medium">{t('tools.ask.with')}</p>
      <Arguments args={call.args} />
      <div className="mt-3 flex flex-wrap gap-2">
        {buttons.map(({ choice, label, style }, index) => (
          <button key={choice} ref={index === 0 ? first : undefined} type="button" data-testid={`tool-ask-${choice}`} className={style} disabled={answering} onClick={() => void answer(choice)}>
            {label}
          </button>
        ))}
      </div>
      {problem && (
        <p role="alert" className="mt-2 text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </section>
  )
}
