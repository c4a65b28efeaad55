import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { i18n, locale, useTranslation } from '../../i18n'
import type { SettingsPatch } from '../../api'
import { formatNumber } from '../../lib/format'
import { useSettings } from '../../stores/settings'
import { AlertIcon, CheckIcon } from '../common/icons'
import { ui } from '../common/ui'

export type SaveState = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; text: string } | null

/**
 * Saves settings as they change (a patch each time) and says how it went, per field: "Saving…",
 * "Saved", or why not. Also announces it once for screen readers (`announcement`).
 */
export function useSaver(onSaved?: (patch: SettingsPatch) => void) {
  const [states, setStates] = useState<Record<string, SaveState>>({})
  const [announcement, setAnnouncement] = useState('')
  const { t } = useTranslation()
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>())
  const generation = useRef(new Map<string, number>())

  useEffect(() => {
    const pending = timers.current
    return () => {
      for (const timer of pending.values()) clearTimeout(timer)
    }
  }, [])

  const save = async (key: string, patch: SettingsPatch): Promise<boolean> => {
    const mine = (generation.current.get(key) ?? 0) + 1
    generation.current.set(key, mine)
    clearTimeout(timers.current.get(key))
    setStates((s) => ({ ...s, [key]: { kind: 'saving' } }))
    const problem = await useSettings.getState().update(patch)
    if (generation.current.get(key) !== mine) return problem === null
    if (problem) {
      const text = t('common.couldNotSave', { problem })
      setStates((s) => ({ ...s, [key]: { kind: 'error', text } }))
      setAnnouncement(text)
      return false
    }
    setStates((s) => ({ ...s, [key]: { kind: 'saved' } }))
    setAnnouncement(t('common.saved'))
    onSaved?.(patch)
    // "Saved" fades after a moment; the value itself shows what is saved.
    timers.current.set(
      key,
      setTimeout(() => setStates((s) => (s[key]?.kind === 'saved' ? { ...s, [key]: null } : s)), 2500),
    )
    return true
  }

  /** A problem found before saving (the value is not valid). */
  const reject = (key: string, text: string | null) => {
    setStates((s) => ({ ...s, [key]: text ? { kind: 'error', text } : null }))
    if (text) setAnnouncement(text)
  }

  return { states, save, reject, announcement }
}

export type Saver = ReturnType<typeof useSaver>

/** "Saving…" / "Saved ✓" / the problem, next to a field. */
export function SaveNote({ state, id }: { state: SaveState | undefined; id?: string }) {
  const { t } = useTranslation()
  if (!state) return <span id={id} />
  if (state.kind === 'error') {
    return (
      <span id={id} className="flex items-start gap-1 text-xs text-red-700 dark:text-red-400" data-testid="save-error">
        <AlertIcon size={13} className="mt-px shrink-0" />
        {state.text}
      </span>
    )
  }
  return (
    <span id={id} className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="save-state" data-state={state.kind}>
      {state.kind === 'saved' && <CheckIcon size={13} className="text-emerald-600 dark:text-emerald-400" />}
      {state.kind === 'saving' ? t('common.saving') : t('common.saved')}
    </span>
  )
}

/** The same words as SaveNote without its icon: in a table row, or under a group of choices. */
export function SaveText({ state }: { state: SaveState | undefined }) {
  const { t } = useTranslation()
  if (!state) return null
  return (
    <span className={`text-xs ${state.kind === 'error' ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`} data-testid={state.kind === 'error' ? 'save-error' : 'save-state'} data-state={state.kind}>
      {state.kind === 'error' ? state.text : state.kind === 'saving' ? t('common.saving') : t('common.saved')}
    </span>
  )
}

/** A settings section: a heading, a line about it, then its rows in a card. */
export function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} id={id} className="mt-10 scroll-mt-4">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {title}
      </h3>
      {intro && <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{intro}</p>}
      <div className={`${ui.card} mt-4 divide-y divide-zinc-200 dark:divide-zinc-800`}>{children}</div>
    </section>
  )
}

/** One setting: its name and one-line explanation on the left, the control on the right. */
export function Row({
  label,
  help,
  htmlFor,
  labelId,
  helpId,
  children,
  state,
  testId,
}: {
  label: string
  help: ReactNode
  /** The control the label names (omit for groups, which use `labelId`). */
  htmlFor?: string
  labelId?: string
  helpId?: string
  children: ReactNode
  state?: SaveState
  testId?: string
}) {
  // Two columns only where the settings page itself is wide enough (a container query on its scroller,
  // so the chat list and the settings menu beside it count): else a long select is cut short.
  return (
    <div className="grid gap-x-6 gap-y-2 px-4 py-4 @3xl:grid-cols-[minmax(0,13rem)_1fr]" data-testid={testId}>
      <div>
        {htmlFor ? (
          <label htmlFor={htmlFor} id={labelId} className="text-sm font-medium">
            {label}
          </label>
        ) : (
          <div id={labelId} className="text-sm font-medium">
            {label}
          </div>
        )}
        <p id={helpId} className="mt-0.5 text-xs leading-relaxed text-zinc-600 dark:text-zinc-400">
          {help}
        </p>
      </div>
      <div className="flex min-w-0 flex-col items-start justify-center gap-1.5">
        {children}
        <SaveNote state={state} />
      </div>
    </div>
  )
}

/** An on/off switch (a button with role="switch"). */
export function Switch({
  checked,
  onChange,
  labelledBy,
  describedBy,
  disabled,
  testId,
  onLabel,
  offLabel,
}: {
  checked: boolean
  onChange: (checked: boolean) => void
  labelledBy: string
  describedBy?: string
  disabled?: boolean
  testId?: string
  onLabel?: string
  offLabel?: string
}) {
  const { t } = useTranslation()
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      disabled={disabled}
      data-testid={testId}
      onClick={() => onChange(!checked)}
      className="group inline-flex items-center gap-2.5 rounded-full text-sm disabled:opacity-50"
    >
      <span
        aria-hidden="true"
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors ${
          checked ? 'bg-violet-600' : 'bg-zinc-300 dark:bg-zinc-600'
        }`}
      >
        <span className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${checked ? 'translate-x-5.5' : 'translate-x-0.5'}`} />
      </span>
      <span className="font-medium text-zinc-700 dark:text-zinc-300">{checked ? (onLabel ?? t('forms.on')) : (offLabel ?? t('forms.off'))}</span>
    </button>
  )
}

export interface NumberRule {
  min?: number
  max?: number
  integer?: boolean
  /** Empty means "none" (saved as null). */
  allowEmpty?: boolean
}

/** Reads a typed number against its rules: the value (null = empty), or the problem in plain words. */
export function readNumber(text: string, rule: NumberRule, what: string): { value: number | null } | { problem: string } {
  const trimmed = text.trim().replace(',', '.')
  if (!trimmed) return rule.allowEmpty ? { value: null } : { problem: i18n.t('forms.number.empty', { what }) }
  const value = Number(trimmed)
  if (!Number.isFinite(value)) return { problem: i18n.t('forms.number.notNumber', { what, text: text.trim() }) }
  if (rule.integer && !Number.isInteger(value)) return { problem: i18n.t('forms.number.whole', { what }) }
  if (rule.min !== undefined && value < rule.min) return { problem: i18n.t('forms.number.atLeast', { what, min: rule.min.toLocaleString(locale(), { maximumFractionDigits: 6 }) }) }
  if (rule.max !== undefined && value > rule.max) return { problem: i18n.t('forms.number.atMost', { what, max: formatNumber(rule.max) }) }
  return { value }
}

/**
 * A number typed in a box, saved when the box is left or Enter is pressed (not at each key), and
 * checked first; the saved value comes back when the box is emptied by mistake or Esc is pressed.
 */
export function NumberField({
  id,
  value,
  rule,
  what,
  onCommit,
  onProblem,
  prefix,
  suffix,
  placeholder,
  disabled,
  testId,
  describedBy,
  width = 'w-28',
  label,
}: {
  id?: string
  /** The saved value (null = none). */
  value: number | null
  rule: NumberRule
  /** Its name in a problem ("Daily budget: use a number"). */
  what: string
  onCommit: (value: number | null) => void
  onProblem: (problem: string | null) => void
  prefix?: string
  suffix?: string
  placeholder?: string
  disabled?: boolean
  testId?: string
  describedBy?: string
  width?: string
  /** An accessible name when no <label> points at the box. */
  label?: string
}) {
  const shown = value === null ? '' : String(value)
  const [draft, setDraft] = useState<string | null>(null)
  const [invalid, setInvalid] = useState(false)
  const autoId = useId()
  const inputId = id ?? autoId
  const text = draft ?? shown

  const commit = () => {
    if (draft === null) return
    const read = readNumber(draft, rule, what)
    if ('problem' in read) {
      setInvalid(true)
      onProblem(read.problem)
      return
    }
    setInvalid(false)
    onProblem(null)
    setDraft(null)
    if (read.value !== value) onCommit(read.value)
  }

  return (
    <span className="inline-flex items-center gap-2 text-sm">
      {prefix && <span className="text-zinc-600 dark:text-zinc-400">{prefix}</span>}
      <input
        id={inputId}
        type="text"
        inputMode={rule.integer ? 'numeric' : 'decimal'}
        data-testid={testId}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            commit()
          } else if (e.key === 'Escape' && draft !== null) {
            e.preventDefault()
            setDraft(null)
            setInvalid(false)
            onProblem(null)
          }
        }}
        className={`${ui.input} ${width} tabular-nums ${invalid ? 'border-red-500 dark:border-red-500' : ''}`}
      />
      {suffix && <span className="text-zinc-600 dark:text-zinc-400">{suffix}</span>}
    </span>
  )
}
