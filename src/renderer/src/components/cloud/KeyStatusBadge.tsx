import { useTranslation } from '../../i18n'
import { KEY_STATE_TONE, keyStateLabel, type KeyState, type Tone } from '../../lib/cloudWords'

const toneClass: Record<Tone, string> = {
  neutral: 'border-zinc-300 bg-zinc-50 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
  good: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-200',
  warn: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-200',
  bad: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200',
}

const dotClass: Record<Tone, string> = {
  neutral: 'bg-zinc-400 dark:bg-zinc-500',
  good: 'bg-emerald-500',
  warn: 'bg-amber-500',
  bad: 'bg-red-500',
}

/** "Works", "Not accepted", "No key"… as a small pill; `data-status` carries the state for tests. */
export function KeyStatusBadge({ state, id }: { state: KeyState; id?: string }) {
  const tone = KEY_STATE_TONE[state]
  // Re-renders in a new language.
  useTranslation()
  return (
    <span
      id={id}
      data-testid="key-status"
      data-status={state}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${toneClass[tone]}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${dotClass[tone]}`} />
      {keyStateLabel(state)}
    </span>
  )
}

/** The text color of a test's message, by how it went. */
export const toneText: Record<Tone, string> = {
  neutral: 'text-zinc-600 dark:text-zinc-400',
  good: 'text-emerald-800 dark:text-emerald-300',
  warn: 'text-amber-900 dark:text-amber-200',
  bad: 'text-red-700 dark:text-red-300',
}
