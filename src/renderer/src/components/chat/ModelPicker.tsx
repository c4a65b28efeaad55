import type { CloudModel, EngineStatus, InstalledModel } from '../../api'
import { cloudModelLabel, groupByProvider, isServerProvider, providerOfModelId } from '../../lib/cloudWords'
import { formatCount } from '../../lib/format'
import { AUTO_MODEL_ID, type ChatModel } from '../../lib/useModel'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { useCloud } from '../../stores/cloud'
import { useModels } from '../../stores/models'
import { useSettings } from '../../stores/settings'
import { ChipIcon, CloudIcon, RouteIcon, ServerIcon, ShieldIcon } from '../common/icons'

const describe = (model: InstalledModel): string => {
  if (model.problem) return `${model.name} — can’t be used: ${model.problem}`
  const details = [model.parameters ? formatCount(model.parameters) : null, model.quantization].filter(Boolean)
  return details.length ? `${model.name} (${details.join(', ')})` : model.name
}

/** The Auto option's line in the list. */
export const autoOptionLabel = (localOnly: boolean): string =>
  localOnly ? 'Auto · Local only' : 'Auto — picks a model for each message'

const describeChat = (model: ChatModel): string =>
  model.kind === 'auto'
    ? model.name
    : model.kind === 'local'
      ? describe(model.local)
      : model.cloud
        ? cloudModelLabel(model.cloud)
        : model.name


/**
 * Auto first (Aura picks for each message), then installed chat models (damaged ones are listed but
 * cannot be picked; models for documents are not listed), then the cloud models the user's keys and servers open, grouped by provider,
 * each with its price. With Local only on, cloud models are listed but cannot be picked.
 */
export function ModelPicker({ model }: { model: ChatModel | null }) {
  const models = useModels((s) => s.models)
  const listed = useModels((s) => s.loaded)
  const cloud = useCloud((s) => s.models)
  const engine = useApp((s) => s.engine)
  const localOnly = useSettings((s) => s.settings?.localOnly ?? false)
  return <ModelPickerView model={model} models={models} listed={listed} cloud={cloud} engine={engine} localOnly={localOnly} />
}

interface ModelPickerViewProps {
  model: ChatModel | null
  models: InstalledModel[]
  /** The first listing of local models is in. */
  listed: boolean
  cloud: CloudModel[]
  engine: EngineStatus | null
  localOnly: boolean
}

export function ModelPickerView({ model, models: installed, listed, cloud, engine, localOnly }: ModelPickerViewProps) {
  // Embedding models are for documents: they cannot chat.
  const models = installed.filter((m) => !m.embedding)
  const loading = engine?.state === 'loading' && model !== null && (model.kind === 'auto' || engine.modelId === model.id)
  const none = models.length === 0 && cloud.length === 0
  // Until the first listing arrives, "no models" would be a false alarm.
  const emptyLabel = listed ? 'No models installed' : 'Looking for models…'
  // The closed select shows the chosen option's own text: the twin that sizes it holds the same.
  const label = model?.kind === 'auto' ? autoOptionLabel(localOnly) : model ? describeChat(model) : none ? emptyLabel : 'Choose a model'
  // A cloud model picked before, while the cloud list is on its way: an option so the choice shows.
  const waiting = model?.kind === 'cloud' && model.cloud === null ? model : null
  const onServer = model?.kind === 'cloud' && isServerProvider(providerOfModelId(model.id))
  const Icon = model?.kind === 'auto' ? RouteIcon : onServer ? ServerIcon : model?.kind === 'cloud' ? CloudIcon : ChipIcon
  const offNote = localOnly ? ' (off while Local only is on)' : ''

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
        <Icon size={16} className="pointer-events-none absolute top-1/2 left-2.5 z-10 -translate-y-1/2 text-zinc-600 dark:text-zinc-400" />
        <select
          id="model-picker"
          data-testid="model-picker"
          value={model?.id ?? ''}
          disabled={none && !waiting}
          onChange={(e) => useChat.getState().selectModel(e.target.value)}
          className="absolute inset-0 w-full min-w-0 appearance-none truncate rounded-lg border border-transparent bg-transparent py-1.5 pr-8 pl-8 text-sm font-medium hover:bg-zinc-100 focus:border-violet-500 disabled:opacity-70 dark:hover:bg-zinc-800 dark:[&>option]:bg-zinc-800"
        >
          {none && !waiting && <option value="">{emptyLabel}</option>}
          {model === null && !none && <option value="">Choose a model</option>}
          {!none && (
            <option value={AUTO_MODEL_ID} data-testid="model-option-auto">
              {autoOptionLabel(localOnly)}
            </option>
          )}
          {waiting && <option value={waiting.id}>{waiting.name}</option>}
          {models.length > 0 && (
            <optgroup label="On this computer">
              {models.map((m) => (
                <LocalOption key={m.id} model={m} />
              ))}
            </optgroup>
          )}
          {groupByProvider(cloud).map((group) => {
            // Your own servers are listed under Local only only when it allows them (on this computer, or private).
            const server = isServerProvider(group.provider)
            return (
              <optgroup key={group.provider} label={server ? `Your server · ${group.name}` : `${group.name}${offNote}`} data-provider={group.provider}>
                {group.models.map((m) => (
                  <option key={m.id} value={m.id} disabled={localOnly && !server}>
                    {cloudModelLabel(m)}
                  </option>
                ))}
              </optgroup>
            )
          })}
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
      {/* Auto says Local only itself; a model picked by hand gets the reminder beside it. */}
      {localOnly && model?.kind !== 'auto' && (
        <button
          type="button"
          data-testid="local-only-badge"
          title="Local only is on: nothing you write leaves this computer. Change it in Settings → Routing & Budget."
          className="hidden shrink-0 items-center gap-1 rounded-full border border-emerald-300 bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 hover:bg-emerald-100 sm:inline-flex dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-200 dark:hover:bg-emerald-900/60"
          onClick={() => useApp.getState().openSettings('routing')}
        >
          <ShieldIcon size={12} />
          Local only
        </button>
      )}
      {loading && (
        <span role="status" className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
          Loading model…
        </span>
      )}
    </div>
  )
}

function LocalOption({ model }: { model: InstalledModel }) {
  return (
    <option value={model.id} disabled={model.problem !== null} title={model.problem ?? undefined}>
      {describe(model)}
    </option>
  )
}
