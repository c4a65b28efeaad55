import type { InstalledModel } from '../../api'
import { formatParameters } from '../../lib/format'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { useModels } from '../../stores/models'
import { ChipIcon } from '../common/icons'

const describe = (model: InstalledModel): string => {
  if (model.problem) return `${model.name} — can’t be used: ${model.problem}`
  const details = [model.parameters ? formatParameters(model.parameters) : null, model.quantization].filter(Boolean)
  return details.length ? `${model.name} (${details.join(', ')})` : model.name
}

/** Installed models; damaged ones are listed but cannot be picked. */
export function ModelPicker({ model }: { model: InstalledModel | null }) {
  const models = useModels((s) => s.models)
  const listed = useModels((s) => s.loaded)
  const engine = useApp((s) => s.engine)
  const loading = engine?.state === 'loading' && model !== null && engine.modelId === model.id
  // Until the first listing arrives, "no models" would be a false alarm.
  const emptyLabel = listed ? 'No models installed' : 'Looking for models…'
  const label = model ? describe(model) : models.length === 0 ? emptyLabel : 'Choose a model'

  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="model-picker" className="sr-only">
        Model
      </label>
      {/* The select is as wide as the chosen model's name (the hidden twin sizes the grid cell), not the longest option. */}
      <div className="relative min-w-0 max-w-[min(28rem,60vw)]">
        <span
          aria-hidden="true"
          className="invisible block truncate border border-transparent py-1.5 pr-8 pl-8 text-sm font-medium"
        >
          {label}
        </span>
        <ChipIcon size={16} className="pointer-events-none absolute top-1/2 left-2.5 z-10 -translate-y-1/2 text-zinc-600 dark:text-zinc-400" />
        <select
          id="model-picker"
          data-testid="model-picker"
          value={model?.id ?? ''}
          disabled={models.length === 0}
          onChange={(e) => useChat.getState().selectModel(e.target.value)}
          className="absolute inset-0 w-full min-w-0 appearance-none truncate rounded-lg border border-transparent bg-transparent py-1.5 pr-8 pl-8 text-sm font-medium hover:bg-zinc-100 focus:border-violet-500 disabled:opacity-70 dark:hover:bg-zinc-800 dark:[&>option]:bg-zinc-800"
        >
          {models.length === 0 && <option value="">{emptyLabel}</option>}
          {model === null && models.length > 0 && <option value="">Choose a model</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={m.problem !== null} title={m.problem ?? undefined}>
              {describe(m)}
            </option>
          ))}
        </select>
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-600 dark:text-zinc-400"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
        >
          <path d="m6 9 6 6 6-6" />
        </svg>
      </div>
      {loading && (
        <span role="status" className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
          Loading model…
        </span>
      )}
    </div>
  )
}
