import { useEffect, useId, useState } from 'react'
import type { DiscoveredModel } from '../../api'
import { errorMessage } from '../../lib/client'
import { formatBytes } from '../../lib/format'
import { sourceNames } from '../../lib/modelWords'
import { useModels } from '../../stores/models'
import { CheckCircleIcon, RefreshIcon } from '../common/icons'
import { ui } from '../common/ui'
import { VirtualList } from '../common/VirtualList'

/** Models LM Studio, Ollama, Jan, GPT4All or the Hugging Face cache already downloaded: used in place, no copy. */
export function OtherApps() {
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
            Models from other apps
          </h3>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            Already downloaded models with LM Studio, Ollama, Jan or GPT4All? Aura can use them where they are — no second copy.
          </p>
        </div>
        <button type="button" data-testid="discover-models" className={ui.secondary} disabled={discovering} onClick={() => void useModels.getState().discover()}>
          <RefreshIcon size={15} className={discovering ? 'animate-spin' : ''} />
          {discovering ? 'Looking…' : 'Look again'}
        </button>
      </div>

      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          Aura couldn’t look for them: {error}
        </p>
      )}
      {discovered === null && discovering && <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Looking for models from other apps…</p>}
      {discovered && discovered.length === 0 && (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="discover-none">
          Aura found none on this computer.
        </p>
      )}
      {discovered && discovered.length > 0 && (
        <VirtualList
          items={discovered}
          getKey={(d) => d.file}
          label="Models found in other apps"
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
          In Aura
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
          {busy ? 'Adding…' : 'Use in Aura'}
          <span className="sr-only">: {model.name}</span>
        </button>
      )}
    </div>
  )
}

/** A .gguf the user has somewhere: its path, used in place. */
function AddFile() {
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
      setStatus({ kind: 'ok', text: `${model.name} is ready to use.` })
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
        Add a .gguf file…
      </label>
      <p id={hintId} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        Paste the full path of a model file on this computer. Aura uses it where it is.
      </p>
      <div className="mt-2 flex gap-2">
        <input
          id={inputId}
          data-testid="import-path"
          aria-describedby={hintId}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/home/me/Downloads/model.gguf"
          spellCheck={false}
          autoComplete="off"
          className={`${ui.input} min-w-0 flex-1 font-mono`}
        />
        <button type="submit" data-testid="import-path-submit" className={ui.secondary} disabled={busy || !path.trim()}>
          {busy ? 'Adding…' : 'Add'}
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
