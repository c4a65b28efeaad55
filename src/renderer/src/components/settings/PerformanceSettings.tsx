import { useId, useState } from 'react'
import type { Settings, SettingsPatch } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { formatNumber } from '../../lib/format'
import { wordsInTokens } from '../../lib/modelWords'
import { termHints } from '../../lib/termWords'
import { useSettings } from '../../stores/settings'
import { Term } from '../common/Term'

interface Draft {
  threadsMode: 'auto' | 'custom'
  threads: string
  contextSize: number
  kvCacheType: Settings['kvCacheType']
  maxTokens: string
  temperature: number
}

const contextSizes = [1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072]

/** The KV cache types, in plain words (models.performance.memoryChoices). */
const kvCacheChoices: Array<Settings['kvCacheType']> = ['auto', 'f16', 'q8_0']

const fromSettings = (s: Settings): Draft => ({
  threadsMode: s.threads === 'auto' ? 'auto' : 'custom',
  threads: s.threads === 'auto' ? '' : String(s.threads),
  contextSize: s.contextSize,
  kvCacheType: s.kvCacheType,
  maxTokens: String(s.maxTokens),
  temperature: s.temperature,
})

const sameDraft = (a: Draft, b: Draft): boolean =>
  a.threadsMode === b.threadsMode &&
  (a.threadsMode === 'auto' || a.threads.trim() === b.threads.trim()) &&
  a.contextSize === b.contextSize &&
  a.kvCacheType === b.kvCacheType &&
  a.maxTokens.trim() === b.maxTokens.trim() &&
  a.temperature === b.temperature

/** Checks a draft; returns the patch to save, or the first problem in plain words. */
function toPatch(draft: Draft): { patch: SettingsPatch } | { problem: string } {
  let threads: Settings['threads'] = 'auto'
  if (draft.threadsMode === 'custom') {
    const n = Number(draft.threads)
    if (!Number.isInteger(n) || n < 1 || n > 256) return { problem: i18n.t('models.performance.threadsProblem') }
    threads = n
  }
  const maxTokens = Number(draft.maxTokens)
  if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > 32768) {
    return { problem: i18n.t('models.performance.maxTokensProblem', { max: formatNumber(32768) }) }
  }
  return { patch: { threads, contextSize: draft.contextSize, kvCacheType: draft.kvCacheType, maxTokens, temperature: draft.temperature } }
}

const inputClass =
  'rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm focus:border-violet-500 focus:outline-none disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-800'

export function PerformanceSettings() {
  const { t } = useTranslation()
  const settings = useSettings((s) => s.settings)
  const loadError = useSettings((s) => s.error)
  /** null = no edits: the form shows the saved settings. */
  const [edits, setEdits] = useState<Draft | null>(null)
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const ids = { threads: useId(), context: useId(), memory: useId(), maxTokens: useId(), temperature: useId(), help: useId() }

  if (!settings) {
    return (
      <section aria-labelledby={ids.help} className="mt-10">
        <h3 id={ids.help} className="text-base font-semibold">
          {t('models.performance.heading')}
        </h3>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{loadError ?? t('models.performance.loading')}</p>
      </section>
    )
  }

  const saved = fromSettings(settings)
  const draft = edits ?? saved
  const dirty = !sameDraft(draft, saved)
  const change = (patch: Partial<Draft>) => {
    setEdits({ ...draft, ...patch })
    setStatus(null)
  }

  const save = async () => {
    const checked = toPatch(draft)
    if ('problem' in checked) {
      setStatus({ kind: 'error', text: checked.problem })
      return
    }
    setSaving(true)
    const problem = await useSettings.getState().update(checked.patch)
    setSaving(false)
    if (problem) {
      setStatus({ kind: 'error', text: t('common.couldNotSave', { problem }) })
    } else {
      setEdits(null)
      setStatus({ kind: 'saved', text: t('models.performance.saved') })
    }
  }

  // The words a reply of this length holds, said beside the field (the saved length while the field holds no number).
  const typed = Number(draft.maxTokens)
  const replyTokens = Number.isInteger(typed) && typed > 0 ? typed : settings.maxTokens
  const contextOptions = contextSizes.includes(draft.contextSize)
    ? contextSizes
    : [...contextSizes, draft.contextSize].sort((a, b) => a - b)

  return (
    <section aria-labelledby={ids.help} className="mt-10" data-testid="settings-performance">
      <h3 id={ids.help} className="text-base font-semibold">
        {t('models.performance.heading')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('models.performance.intro')}</p>

      <form
        className="mt-4 divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <fieldset className="grid gap-3 px-4 py-4 @3xl:grid-cols-[13rem_1fr]">
          <legend className="sr-only">{t('models.performance.threads')}</legend>
          <div aria-hidden="true">
            <div className="text-sm font-medium">{t('models.performance.threads')}</div>
            <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{t('models.performance.threadsHint')}</p>
          </div>
          <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="threads-mode"
                data-testid="settings-threads-auto"
                checked={draft.threadsMode === 'auto'}
                onChange={() => change({ threadsMode: 'auto' })}
                className="accent-violet-600"
              />
              {t('models.performance.automatic')}
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="threads-mode"
                data-testid="settings-threads-custom"
                checked={draft.threadsMode === 'custom'}
                onChange={() => change({ threadsMode: 'custom', threads: draft.threads || '1' })}
                className="accent-violet-600"
              />
              {t('models.performance.use')}
            </label>
            <input
              id={ids.threads}
              type="number"
              min={1}
              max={256}
              step={1}
              inputMode="numeric"
              aria-label={t('models.performance.threadCount')}
              data-testid="settings-threads"
              disabled={draft.threadsMode !== 'custom'}
              value={draft.threadsMode === 'custom' ? draft.threads : ''}
              placeholder={t('models.performance.auto')}
              onChange={(e) => change({ threads: e.target.value })}
              className={`${inputClass} -ml-3 w-20`}
            />
            <span className="-ml-3 text-zinc-600 dark:text-zinc-400">{t('models.performance.threadsUnit')}</span>
          </div>
        </fieldset>

        <div className="grid gap-3 px-4 py-4 @3xl:grid-cols-[13rem_1fr]">
          <div>
            <label htmlFor={ids.context} className="text-sm font-medium">
              {t('models.performance.context')}
            </label>
            <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{t('models.performance.contextHint')}</p>
          </div>
          <div>
            <select
              id={ids.context}
              data-testid="settings-context-size"
              title={termHints.tokens}
              value={draft.contextSize}
              onChange={(e) => change({ contextSize: Number(e.target.value) })}
              className={`${inputClass} pr-8`}
            >
              {contextOptions.map((size) => (
                <option key={size} value={size}>
                  {t('models.tokensAndWords', { number: formatNumber(size), words: formatNumber(wordsInTokens(size)) })}
                </option>
              ))}
            </select>
          </div>
        </div>

        <fieldset className="grid gap-3 px-4 py-4 @3xl:grid-cols-[13rem_1fr]" aria-describedby={ids.memory}>
          <legend className="sr-only">{t('models.performance.memory')}</legend>
          <div aria-hidden="true">
            <div className="text-sm font-medium">{t('models.performance.memory')}</div>
            <p id={ids.memory} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
              {t('models.performance.memoryHint')}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-x-5 gap-y-2 self-center text-sm">
            {kvCacheChoices.map((choice) => (
              <label key={choice} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="kv-cache-type"
                  data-testid={`settings-memory-${choice}`}
                  checked={draft.kvCacheType === choice}
                  onChange={() => change({ kvCacheType: choice })}
                  className="accent-violet-600"
                />
                {t(`models.performance.memoryChoices.${choice}`)}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="grid gap-3 px-4 py-4 @3xl:grid-cols-[13rem_1fr]">
          <div>
            <label htmlFor={ids.maxTokens} className="text-sm font-medium">
              {t('models.performance.maxTokens')}
            </label>
            <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{t('models.performance.maxTokensHint')}</p>
          </div>
          <div className="flex items-center gap-2 text-sm">
            <input
              id={ids.maxTokens}
              type="number"
              min={1}
              max={32768}
              step={1}
              inputMode="numeric"
              data-testid="settings-max-tokens"
              value={draft.maxTokens}
              onChange={(e) => change({ maxTokens: e.target.value })}
              className={`${inputClass} w-28`}
            />
            <Term hint={termHints.tokens} className="text-zinc-600 dark:text-zinc-400">
              {t('models.performance.tokensUnit', { words: formatNumber(wordsInTokens(replyTokens)) })}
            </Term>
          </div>
        </div>

        <div className="grid gap-3 px-4 py-4 @3xl:grid-cols-[13rem_1fr]">
          <div>
            <label htmlFor={ids.temperature} className="text-sm font-medium">
              {t('models.performance.creativity')}
            </label>
            <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{t('models.performance.creativityHint')}</p>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <input
              id={ids.temperature}
              type="range"
              min={0}
              max={2}
              step={0.05}
              data-testid="settings-temperature"
              value={draft.temperature}
              onChange={(e) => change({ temperature: Number(e.target.value) })}
              className="w-56 min-w-0 shrink accent-violet-600"
            />
            <output htmlFor={ids.temperature} className="w-10 tabular-nums">
              {draft.temperature.toFixed(2)}
            </output>
          </div>
        </div>

        <div className="flex flex-wrap items-center justify-end gap-3 bg-zinc-50 px-4 py-3 dark:bg-zinc-800/40">
          <p
            role={status?.kind === 'error' ? 'alert' : 'status'}
            data-testid="settings-status"
            className={`mr-auto text-sm ${status?.kind === 'error' ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}
          >
            {status?.text ?? ''}
          </p>
          {dirty && (
            <button
              type="button"
              className="rounded-lg px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-700"
              onClick={() => {
                setEdits(null)
                setStatus(null)
              }}
            >
              {t('models.performance.undo')}
            </button>
          )}
          <button
            type="submit"
            data-testid="settings-save"
            disabled={!dirty || saving}
            className="rounded-lg bg-violet-600 px-3.5 py-1.5 text-sm font-medium text-white hover:bg-violet-700 disabled:bg-zinc-200 disabled:text-zinc-500 dark:disabled:bg-zinc-700 dark:disabled:text-zinc-400"
          >
            {saving ? t('common.saving') : t('models.save')}
          </button>
        </div>
      </form>
    </section>
  )
}
