import { useMemo, useRef, useState } from 'react'
import type { CloudModel, EngineStatus, InstalledModel, ModelListItem, ModelSpeed } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { cloudModelLabel, groupByProvider, isServerProvider, providerOfModelId } from '../../lib/cloudWords'
import { formatCount } from '../../lib/format'
import { formatMoney, useMoney } from '../../lib/money'
import { AUTO_MODEL_ID, autoName, type ChatModel } from '../../lib/useModel'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { useCloud } from '../../stores/cloud'
import { useModels } from '../../stores/models'
import { useSettings } from '../../stores/settings'
import { useSpeeds } from '../../stores/speeds'
import { ChevronDownIcon, ChipIcon, CloudIcon, RouteIcon, ServerIcon, ShieldIcon } from '../common/icons'
import { LoadDot } from './picker/LoadDot'
import { ModelDefaults } from './picker/ModelDefaults'
import { ModelMenu } from './picker/ModelMenu'
import { loadWords, pickerGroups, type Where } from './picker/rows'

const describe = (model: InstalledModel): string => {
  if (model.problem) return i18n.t('picker.cantUseNamed', { name: model.name, problem: model.problem })
  const details = [model.parameters ? formatCount(model.parameters) : null, model.quantization].filter(Boolean)
  return details.length ? `${model.name} (${details.join(', ')})` : model.name
}

/** The Auto option's line in the list. */
export const autoOptionLabel = (localOnly: boolean): string => (localOnly ? autoName(true) : i18n.t('picker.autoOption'))

/**
 * The chat's model: a button showing the chosen one (its name, where it runs, whether it is loaded)
 * that opens a searchable list grouped by where models run (picker/ModelMenu). A local model's own
 * defaults sit beside it (picker/ModelDefaults).
 *
 * Behind the button a native select holds the same choice (hidden from sight, screen readers and
 * Tab): it lists Auto, installed chat models (damaged ones listed but not pickable) and cloud
 * models by provider with Local only respected, and its change is the one place a pick is made.
 * Scripts and tests that drive the picker (`selectOption` on `model-picker`) keep working.
 */
export function ModelPicker({ model }: { model: ChatModel | null }) {
  const models = useModels((s) => s.models)
  const listed = useModels((s) => s.loaded)
  const cloud = useCloud((s) => s.models)
  const engine = useApp((s) => s.engine)
  const localOnly = useSettings((s) => s.settings?.localOnly ?? false)
  const speeds = useSpeeds((s) => s.speeds)
  const money = useMoney()
  return (
    <ModelPickerView
      model={model}
      models={models}
      listed={listed}
      cloud={cloud}
      engine={engine}
      localOnly={localOnly}
      speeds={speeds}
      money={money}
      onOpen={() => void useSpeeds.getState().load()}
      onPick={(id) => useChat.getState().selectModel(id)}
    />
  )
}

interface ModelPickerViewProps {
  model: ChatModel | null
  models: ModelListItem[]
  /** The first listing of local models is in. */
  listed: boolean
  cloud: CloudModel[]
  engine: EngineStatus | null
  localOnly: boolean
  speeds?: readonly ModelSpeed[]
  money?: (usd: number) => string
  onOpen?: () => void
  onPick?: (id: string) => void
}

const WHERE_ICON: Record<Where, typeof ChipIcon> = { auto: RouteIcon, local: ChipIcon, server: ServerIcon, cloud: CloudIcon }

export function ModelPickerView({ model, models: installed, listed, cloud, engine, localOnly, speeds = [], money = formatMoney, onOpen, onPick }: ModelPickerViewProps) {
  // Embedding models are for documents: they cannot chat.
  const models = installed.filter((m) => !m.embedding)
  const [menu, setMenu] = useState<{ query: string } | null>(null)
  const button = useRef<HTMLButtonElement>(null)
  const { t, i18n: layer } = useTranslation()
  const language = layer.language
  // The rows' words are in the language on screen: made again when it changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const groups = useMemo(() => pickerGroups({ models, cloud, engine, localOnly, speeds, money }), [models, cloud, engine, localOnly, speeds, money, language])
  const loading = engine?.state === 'loading' && model !== null && (model.kind === 'auto' || engine.modelId === model.id)
  const none = models.length === 0 && cloud.length === 0
  // Until the first listing arrives, "no models" would be a false alarm.
  const emptyLabel = t(listed ? 'picker.noneInstalled' : 'picker.looking')
  // A cloud model picked before, while the cloud list is on its way: an option so the choice shows.
  const waiting = model?.kind === 'cloud' && model.cloud === null ? model : null
  const onServer = model?.kind === 'cloud' && isServerProvider(providerOfModelId(model.id))
  const where: Where = model?.kind === 'auto' ? 'auto' : onServer ? 'server' : model?.kind === 'cloud' ? 'cloud' : 'local'
  const row = model ? groups.flatMap((g) => g.rows).find((r) => r.id === model.id) : undefined
  const name = row?.name ?? model?.name ?? (none ? emptyLabel : t('picker.choose'))
  const Icon = WHERE_ICON[where]
  const disabled = none && !waiting

  const open = (query = '') => {
    if (disabled) return
    onOpen?.()
    setMenu({ query })
  }
  const close = () => {
    setMenu(null)
    button.current?.focus()
  }

  return (
    // Shrinks with a crowded header down to a floor where the name still shows a few letters (it truncates, nothing spills over the chat's title).
    <div className="flex min-w-36 items-center gap-1">
      {/* A flex box, so the button shrinks with its box. */}
      <div className="relative flex min-w-0">
        <button
          ref={button}
          type="button"
          data-testid="model-button"
          data-value={model?.id ?? ''}
          aria-haspopup="dialog"
          aria-expanded={menu !== null}
          disabled={disabled}
          onClick={() => (menu ? close() : open())}
          onKeyDown={(e) => {
            // Type to search: a letter on the closed button opens the list with it typed.
            if (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) {
              e.preventDefault()
              open(e.key)
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              open()
            }
          }}
          className="flex max-w-[min(28rem,60vw)] min-w-0 items-center gap-2 rounded-lg py-1.5 pr-2 pl-2.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-70 dark:hover:bg-zinc-800"
        >
          <Icon size={16} className="shrink-0 text-zinc-600 dark:text-zinc-400" />
          <span className="sr-only">{t('picker.modelLabel')}</span>
          <span className="truncate" data-testid="model-button-name">
            {name}
          </span>
          {model && model.kind !== 'auto' && (
            // Where it runs only where the header has room for it beside the chat's title and costs.
            <span className="hidden shrink-0 text-xs font-normal text-zinc-600 lg:inline dark:text-zinc-400">
              <span aria-hidden="true">· </span>
              <span className="sr-only">, </span>
              {where === 'cloud' && model.kind === 'cloud' && model.cloud ? model.cloud.providerName : t(`picker.where.${where as Exclude<Where, 'auto'>}`)}
            </span>
          )}
          {row?.load && (
            <span className="flex shrink-0 items-center" data-testid="model-button-load" data-state={row.load}>
              <LoadDot state={row.load} />
              <span className="sr-only">, {loadWords(row.load)}</span>
            </span>
          )}
          <ChevronDownIcon size={16} className="shrink-0 text-zinc-600 dark:text-zinc-400" />
        </button>
        {menu && (
          <ModelMenu
            groups={groups}
            value={model?.id ?? null}
            initialQuery={menu.query}
            onClose={close}
            onPick={(id) => {
              onPick?.(id)
              close()
            }}
          />
        )}
        {/* The form control behind the button (see above): out of sight, out of the tab order. */}
        <select
          id="model-picker"
          data-testid="model-picker"
          aria-label={t('picker.model')}
          aria-hidden="true"
          tabIndex={-1}
          value={model?.id ?? ''}
          disabled={disabled}
          onChange={(e) => onPick?.(e.target.value)}
          className="sr-only"
        >
          {none && !waiting && <option value="">{emptyLabel}</option>}
          {model === null && !none && <option value="">{t('picker.choose')}</option>}
          {!none && (
            <option value={AUTO_MODEL_ID} data-testid="model-option-auto">
              {autoOptionLabel(localOnly)}
            </option>
          )}
          {waiting && <option value={waiting.id}>{waiting.name}</option>}
          {models.length > 0 && (
            <optgroup label={t('picker.where.local')}>
              {models.map((m) => (
                <LocalOption key={m.id} model={m} />
              ))}
            </optgroup>
          )}
          {groupByProvider(cloud).map((group) => {
            const server = isServerProvider(group.provider)
            return (
              <optgroup key={group.provider} label={server ? t('picker.yourServer', { name: group.name }) : localOnly ? t('picker.offNote', { provider: group.name }) : group.name} data-provider={group.provider}>
                {group.models.map((m) => (
                  <option key={m.id} value={m.id} disabled={localOnly && !server}>
                    {cloudModelLabel(m)}
                  </option>
                ))}
              </optgroup>
            )
          })}
        </select>
      </div>
      {model?.kind === 'local' && <ModelDefaults model={model.local} name={name} />}
      {/* Auto says Local only itself; a model picked by hand gets the reminder beside it. */}
      {localOnly && model?.kind !== 'auto' && (
        <button
          type="button"
          data-testid="local-only-badge"
          title={t('picker.localOnlyTitle')}
          className="hidden shrink-0 items-center gap-1 rounded-full border border-emerald-300 bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 hover:bg-emerald-100 sm:inline-flex dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-200 dark:hover:bg-emerald-900/60"
          onClick={() => useApp.getState().openSettings('routing')}
        >
          <ShieldIcon size={12} />
          {t('picker.localOnly')}
        </button>
      )}
      {loading && (
        <span role="status" className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
          {t('picker.loadingModel')}
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
