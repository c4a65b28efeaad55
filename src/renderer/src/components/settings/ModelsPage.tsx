import { formatBytes, formatNumber, formatParameters } from '../../lib/format'
import { useModels } from '../../stores/models'
import { ModelsFolder } from '../common/ModelsFolder'
import { AlertIcon, RefreshIcon } from '../common/icons'
import { PerformanceSettings } from './PerformanceSettings'

/** The file's own name: the services may give a full path. */
const fileName = (path: string): string => path.split(/[\\/]/).pop() || path

export function ModelsPage() {
  const models = useModels((s) => s.models)
  const loaded = useModels((s) => s.loaded)
  const loading = useModels((s) => s.loading)
  const error = useModels((s) => s.error)

  return (
    <div className="mx-auto max-w-4xl px-6 py-8" data-testid="settings-models">
      <h2 className="text-xl font-semibold tracking-tight">AI Models</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Models that run on this computer. Nothing you type in a chat with them leaves your machine.
      </p>

      <section aria-labelledby="installed-heading" className="mt-8">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h3 id="installed-heading" className="text-base font-semibold">
              Installed models
            </h3>
            <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
              Aura uses every <code className="font-mono">.gguf</code> file in your models folder.
            </p>
          </div>
          <button
            type="button"
            data-testid="refresh-models"
            disabled={loading}
            onClick={() => void useModels.getState().refresh()}
            className="inline-flex items-center gap-2 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-70 dark:border-zinc-700 dark:bg-zinc-800 dark:hover:bg-zinc-700"
          >
            <RefreshIcon size={15} className={loading ? 'animate-spin' : ''} />
            Refresh
          </button>
        </div>

        <div className="mt-3">
          <ModelsFolder />
        </div>

        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}

        {loaded && models.length === 0 ? (
          <div
            className="mt-4 rounded-xl border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
            data-testid="no-models"
          >
            <p className="font-medium text-zinc-900 dark:text-zinc-100">No models yet</p>
            <p className="mt-1">
              Download a <code className="font-mono">.gguf</code> model file, put it in the folder above, then press Refresh.
              A built-in downloader is coming soon.
            </p>
          </div>
        ) : (
          <div className="mt-4 overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Installed models</caption>
              <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-medium">Name</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Size</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Architecture</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Parameters</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Context</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Quantization</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {models.map((model) => (
                  <tr key={model.id} data-testid="installed-model" data-id={model.id} className="align-top">
                    <td className="px-4 py-3">
                      <div className="font-medium break-words">{model.name}</div>
                      <div className="mt-0.5 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400" title={model.file}>
                        {fileName(model.file)}
                      </div>
                      {model.problem && (
                        <div
                          data-testid="model-problem"
                          className="mt-2 flex items-start gap-1.5 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-950 dark:bg-amber-950/50 dark:text-amber-100"
                        >
                          <AlertIcon size={14} className="mt-px shrink-0" />
                          <span>
                            <strong className="font-semibold">Can’t be used:</strong> {model.problem}
                          </span>
                        </div>
                      )}
                      {!model.problem && !model.hasChatTemplate && (
                        <div className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                          No chat format in the file — replies may be plain text continuation.
                        </div>
                      )}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">{formatBytes(model.sizeBytes)}</td>
                    <td className="px-4 py-3">{model.architecture ?? '—'}</td>
                    <td className="px-4 py-3">{formatParameters(model.parameters)}</td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      {model.contextLength ? `${formatNumber(model.contextLength)} tokens` : '—'}
                    </td>
                    <td className="px-4 py-3">{model.quantization ?? '—'}</td>
                  </tr>
                ))}
                {!loaded && (
                  <tr>
                    <td colSpan={6} className="px-4 py-6 text-center text-zinc-600 dark:text-zinc-400">
                      Looking for models…
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PerformanceSettings />
    </div>
  )
}
