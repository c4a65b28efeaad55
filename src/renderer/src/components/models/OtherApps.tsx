import { useEffect, useId, useState } from 'react'
import type { DiscoveredModel } from '../../api'
import { useTranslation } from '../../i18n'
import { errorMessage } from '../../lib/client'
import { formatBytes } from '../../lib/format'
import { sourceNames } from '../../lib/modelWords'
import { useModels } from '../../stores/models'
import { CheckCircleIcon, RefreshIcon } from '../common/icons'
import { ui } from '../common/ui'
import { VirtualList } from '../common/VirtualList'

/** Models LM Studio, Ollama, Jan, GPT4All or the Hugging Face cache already downloaded: used in place, no copy. */
export function OtherApps() {
  const { t } = useTranslation()
  const discovered = useModels((s) => s.discovered)
  const discovering = useModels((s) => s.discovering)
  const error = useModels((s) => s.discoverError)

  useEffect(() => {
    const s = useModels.getState()
    if (s.discovered === null && !s.discovering) void s.discover()
  }, [])

  return (
    <section aria-labelledby="other-apps-heading" className="mt-10" id="other-apps-section">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h3 id="other-apps-heading" className="text-base font-semibold">
            {t('models.otherApps.heading')}
          </h3>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('models.otherApps.intro')}</p>
        </div>
        <button type="button" data-testid="discover-models" className={ui.secondary} disabled={discovering} onClick={() => void useModels.getState().discover()}>
          <RefreshIcon size={15} className={discovering ? 'animate-spin' : ''} />
          {discovering ? t('models.otherApps.looking') : t('models.otherApps.lookAgain')}
        </button>
      </div>

      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          {t('models.otherApps.failed', { error })}
        </p>
      )}
      {discovered === null && discovering && <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{t('models.otherApps.lookingLong')}</p>}
      {discovered && discovered.length === 0 && (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="discover-none">
          {t('models.otherApps.none')}
        </p>
      )}
      {discovered && discovered.length > 0 && (
        <VirtualList
          items={discovered}
          getKey={(d) => d.file}
          label={t('models.otherApps.list')}
          estimateSize={68}
          threshold={30}
          maxHeight={420}
          className={`${ui.card} mt-4`}
          itemClassName="border-b border-zinc-200 last:border-b-0 dark:border-zinc-700/80"
          renderItem={(model) => <DiscoveredRow model={model} />}
        />
      )}

      <AddFile />
    </section>
  )
}

function DiscoveredRow({ model }: { model: DiscoveredModel }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <div data-testid="discovered-model" data-source={model.source} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
      <div className="min-w-0 flex-1 basis-60">
        <p className="flex flex-wrap items-center gap-2 font-medium break-words">
          {model.name}
          <span className={ui.chip}>{sourceNames[model.source]}</span>
        </p>
        <p className="mt-0.5 truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={model.file}>
          {model.file}
        </p>
        {problem && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
      </div>
      <span className="text-sm tabular-nums">{formatBytes(model.sizeBytes)}</span>
      {model.imported ? (
        <span className="inline-flex items-center gap-1 text-sm font-medium text-emerald-700 dark:text-emerald-400">
          <CheckCircleIcon size={15} />
          {t('models.otherApps.inAura')}
        </span>
      ) : (
        <button
          type="button"
          data-testid="import-model"
          className={ui.secondary}
          disabled={busy}
          onClick={async () => {
            setBusy(true)
            setProblem(null)
            try {
              await useModels.getState().importPath(model.file)
            } catch (error) {
              setProblem(errorMessage(error))
            }
            setBusy(false)
          }}
        >
          {busy ? t('models.otherApps.adding') : t('models.otherApps.use')}
          <span className="sr-only">: {model.name}</span>
        </button>
      )}
    </div>
  )
}

/** A .gguf the user has somewhere: its path, used in place. */
function AddFile() {
  const { t } = useTranslation()
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const inputId = useId()
  const hintId = useId()

  const add = async () => {
    const value = path.trim().replace(/^["']|["']$/g, '')
    if (!value) return
    setBusy(true)
    setStatus(null)
    try {
      const model = await useModels.getState().importPath(value)
      setStatus({ kind: 'ok', text: t('models.otherApps.ready', { name: model.name }) })
      setPath('')
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) })
    }
    setBusy(false)
  }

  return (
    <form
      className="mt-5 rounded-xl border border-zinc-200 px-4 py-3.5 dark:border-zinc-700"
      onSubmit={(e) => {
        e.preventDefault()
        void add()
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium">
        {t('models.otherApps.addFile')}
      </label>
      <p id={hintId} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        {t('models.otherApps.addFileHint')}
      </p>
      <div className="mt-2 flex gap-2">
        <input
          id={inputId}
          data-testid="import-path"
          aria-describedby={hintId}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={t('models.otherApps.pathExample')}
          spellCheck={false}
          autoComplete="off"
          className={`${ui.input} min-w-0 flex-1 font-mono`}
        />
        <button type="submit" data-testid="import-path-submit" className={ui.secondary} disabled={busy || !path.trim()}>
          {busy ? t('models.otherApps.adding') : t('models.otherApps.add')}
        </button>
      </div>
      <p
        role={status?.kind === 'error' ? 'alert' : 'status'}
        data-testid="import-status"
        className={`text-sm ${status ? 'mt-2' : ''} ${status?.kind === 'error' ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
      >
        {status?.text ?? ''}
      </p>
    </form>
  )
}
