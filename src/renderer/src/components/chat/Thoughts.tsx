import { useEffect, useId, useState } from 'react'
import type { Message, ReplyPhase } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { useSettings } from '../../stores/settings'
import { useStreaming } from '../../stores/streaming'
import { ChevronRightIcon } from '../common/icons'
import { Row, Section, Switch, useSaver } from '../settings/fields'

/** "Thought for 12 s" (under a second: "Thought for a moment"). */
export function thoughtLabel(ms: number): string {
  return ms < 1000 ? i18n.t('message.thoughtMoment') : i18n.t('message.thoughtFor', { time: wholeSeconds(ms) })
}

/** 3_400 → "3 s", 95_000 → "1 min 35 s": a thinking time needs no tenths. */
function wholeSeconds(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000)
  return seconds < 60 ? i18n.t('time.seconds', { seconds }) : i18n.t('time.minutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })
}

/** What a reply being made is doing, in the order it happens; null once it is writing. */
export function phaseWords(phase: ReplyPhase | null): string | null {
  switch (phase) {
    case 'loading':
    case 'reading':
    case 'thinking':
      return i18n.t(`message.phase.${phase}`)
    case 'writing':
      return null
    default:
      return i18n.t('message.phase.starting')
  }
}

/**
 * A reasoning model's thoughts, apart from its answer: folded by default ("Thought for 12 s"),
 * opened with a click or Enter on its summary. Live while the model thinks. Hidden when the user
 * turned thoughts off (they are still kept with the reply).
 */
export function Thoughts({ message }: { message: Message }) {
  const show = useSettings((s) => s.settings?.showThoughts ?? true)
  const streaming = message.status === 'streaming'
  const live = useStreaming((s) => (streaming ? s.thoughts[message.id] : undefined))
  const phase = useStreaming((s) => (streaming ? s.phase[message.id] : undefined))
  const thinking = streaming && phase === 'thinking'
  const now = useTicker(thinking)
  const text = live?.text ?? message.thoughts?.text ?? ''
  const ms = message.thoughts?.ms ?? (live ? (live.endedAt ?? now) - live.startedAt : 0)
  return <ThoughtsView text={text} ms={ms} thinking={thinking} show={show} />
}

/** The thoughts block itself: folded, its summary a button the keyboard reaches (Enter or Space opens it). */
export function ThoughtsView({ text, ms, thinking, show }: { text: string; ms: number; thinking: boolean; show: boolean }) {
  const { t } = useTranslation()
  if (!show || text.trim() === '') return null
  return (
    <details data-testid="thoughts" data-thinking={thinking || undefined} className="group/thoughts mb-2 text-sm">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-md px-1.5 py-0.5 -ml-1.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-violet-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon size={14} className="transition-transform group-open/thoughts:rotate-90" />
        <span data-testid="thoughts-label">{thinking ? t('message.thinkingFor', { time: wholeSeconds(Math.floor(ms / 1000) * 1000) }) : thoughtLabel(ms)}</span>
      </summary>
      <div
        data-testid="thoughts-text"
        className="mt-1.5 border-l-2 border-zinc-200 pl-3 whitespace-pre-wrap text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
      >
        {text}
      </div>
    </details>
  )
}

/** The words under a reply that has no text yet: loading, reading, thinking. */
export function ReplyStatus({ messageId }: { messageId: string }) {
  // The words are looked up in phaseWords: this re-renders them on a change of language.
  useTranslation()
  const phase = useStreaming((s) => s.phase[messageId] ?? null)
  // A reply opened mid-way (after a reload) has missed its phase: the engine's state still tells a load.
  const loading = useApp((s) => s.engine?.state === 'loading')
  const showThoughts = useSettings((s) => s.settings?.showThoughts ?? true)
  const words = phaseWords(phase ?? (loading ? 'loading' : null))
  // Thinking shows in the thoughts block itself, unless thoughts are hidden.
  if (!words || (phase === 'thinking' && showThoughts)) return null
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="thinking" data-phase={phase ?? undefined}>
      <span className="flex gap-1" aria-hidden="true">
        <span className="size-1.5 animate-bounce rounded-full bg-current [animation-delay:-0.3s]" />
        <span className="size-1.5 animate-bounce rounded-full bg-current [animation-delay:-0.15s]" />
        <span className="size-1.5 animate-bounce rounded-full bg-current" />
      </span>
      {words}
    </p>
  )
}

/** Settings → AI Models → Replies: show or hide thoughts (saved at once). */
export function ThoughtsSetting() {
  const { t } = useTranslation()
  const settings = useSettings((s) => s.settings)
  const saver = useSaver()
  const ids = { label: useId(), help: useId() }
  if (!settings) return null
  return (
    <Section id="replies-section" title={t('message.replies')} intro={t('message.repliesIntro')}>
      <p className="sr-only" role="status" aria-live="polite">
        {saver.announcement}
      </p>
      <Row
        label={t('message.showThoughts')}
        help={t('message.showThoughtsHelp')}
        labelId={ids.label}
        helpId={ids.help}
        state={saver.states.showThoughts}
      >
        <Switch
          checked={settings.showThoughts}
          labelledBy={ids.label}
          describedBy={ids.help}
          testId="setting-show-thoughts"
          onChange={(showThoughts) => void saver.save('showThoughts', { showThoughts })}
        />
      </Row>
    </Section>
  )
}

/** The time now, once a second while `on`. */
function useTicker(on: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!on) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [on])
  return now
}
