import type { CloudModel, EngineStatus, ModelListItem, ModelSpeed } from '../../../api'
import { i18n } from '../../../i18n'
import { groupByProvider, isFree, isServerProvider } from '../../../lib/cloudWords'
import { formatBytes, formatTokensPerSecond } from '../../../lib/format'
import { fitNames } from '../../../lib/modelWords'
import { friendlyName } from '../../../lib/modelNames'
import { AUTO_MODEL_ID, autoName } from '../../../lib/useModel'

/** Where a model runs: the picker's groups, in this order. */
export type Where = 'auto' | 'local' | 'server' | 'cloud'

/*
 * The words here are the i18n layer's, in the language on screen: whoever shows them calls
 * useTranslation(), so they are made again when the language changes.
 */

/** A group's name: "On this computer". */
const groupLabel = (where: Where): string => i18n.t(`picker.groups.${where}`)

/** A local model's state in the engine: in memory and answering at once, being read in, or on disk. */
export type LoadState = 'ready' | 'loading' | 'unloaded'

export const loadWords = (state: LoadState): string => i18n.t(`picker.load.${state}`)
/** What each state means for the next message. */
export const loadHint = (state: LoadState): string => i18n.t(`picker.loadHint.${state}`)

export interface PickerRow {
  id: string
  where: Where
  /** A name without the file's jargon: "Qwen3 4B", not "Qwen3-4B-Q4_K_M". */
  name: string
  /** Size and fit ("2.5 GB · Runs well"), the provider ("OpenAI"), or why it cannot be picked. */
  detail: string
  /** "42 tokens/s here" when measured on this computer. */
  speed: string | null
  /** A cloud model's price per million tokens in the user's currency; "Free" for a server. */
  price: string | null
  /** Local models only. */
  load: LoadState | null
  disabled: boolean
}

export interface PickerGroup {
  where: Where
  label: string
  rows: PickerRow[]
}

export interface PickerInput {
  models: ModelListItem[]
  cloud: CloudModel[]
  engine: EngineStatus | null
  localOnly: boolean
  speeds: readonly ModelSpeed[]
  /** Formats US dollars in the user's currency (lib/money). */
  money: (usd: number) => string
}

/** "$0.40 in · $1.60 out per million tokens" (a token is about ¾ of a word). */
function priceWords(model: CloudModel, money: (usd: number) => string): string {
  const server = isServerProvider(model.provider)
  if (!model.price || isFree(model.price)) return i18n.t(server ? 'picker.freeServer' : model.price ? 'picker.free' : 'picker.priceUnknown')
  const words = i18n.t('picker.price', { input: money(model.price.inputPerMTokens), output: money(model.price.outputPerMTokens) })
  return model.price.estimated ? i18n.t('picker.priceEstimated', { price: words }) : words
}

function loadState(id: string, engine: EngineStatus | null): LoadState {
  if (engine?.modelId !== id) return 'unloaded'
  return engine.state === 'loading' ? 'loading' : engine.state === 'idle' ? 'unloaded' : 'ready'
}

/**
 * The picker's rows, grouped by where a model runs: Auto; installed chat models (damaged ones are
 * listed but cannot be picked; models for documents are left out); the user's servers; cloud models
 * (with Local only on, listed but not pickable).
 */
export function pickerGroups({ models, cloud, engine, localOnly, speeds, money }: PickerInput): PickerGroup[] {
  const speedOf = (id: string) => {
    const speed = speeds.find((s) => s.modelId === id)
    return speed ? i18n.t('picker.speed', { speed: formatTokensPerSecond(speed.tokensPerSecond) }) : null
  }
  const local = models
    .filter((m) => !m.embedding)
    .map(
      (m): PickerRow => ({
        id: m.id,
        where: 'local',
        name: friendlyName(m.name),
        detail: m.problem ? i18n.t('picker.cantUse', { problem: m.problem }) : [formatBytes(m.sizeBytes), m.fit ? fitNames[m.fit.label] : null].filter(Boolean).join(' · '),
        speed: m.problem ? null : speedOf(m.id),
        price: null,
        load: m.problem ? null : loadState(m.id, engine),
        disabled: m.problem !== null,
      }),
    )
  const remote = groupByProvider(cloud).flatMap((group) =>
    group.models.map((m): PickerRow => {
      const server = isServerProvider(group.provider)
      return {
        id: m.id,
        where: server ? 'server' : 'cloud',
        name: m.name,
        detail: !server && localOnly ? i18n.t('picker.offDetail', { provider: group.name }) : group.name,
        speed: speedOf(m.id),
        price: priceWords(m, money),
        load: null,
        // Your own servers are listed under Local only only when it allows them (on this computer, or private).
        disabled: localOnly && !server,
      }
    }),
  )
  if (local.length === 0 && remote.length === 0) return []
  const auto: PickerRow = {
    id: AUTO_MODEL_ID,
    where: 'auto',
    name: autoName(localOnly),
    detail: i18n.t(localOnly ? 'picker.autoDetailLocalOnly' : 'picker.autoDetail'),
    speed: null,
    price: null,
    load: null,
    disabled: false,
  }
  const groups: PickerGroup[] = [
    { where: 'auto', label: groupLabel('auto'), rows: [auto] },
    { where: 'local', label: groupLabel('local'), rows: local },
    { where: 'server', label: groupLabel('server'), rows: remote.filter((r) => r.where === 'server') },
    { where: 'cloud', label: groupLabel('cloud'), rows: remote.filter((r) => r.where === 'cloud') },
  ]
  return groups.filter((g) => g.rows.length > 0)
}

/** The rows whose name, details, id or group hold every word typed (any case). */
export function searchGroups(groups: PickerGroup[], query: string): PickerGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return groups
  return groups
    .map((group) => ({
      ...group,
      rows: group.rows.filter((row) => {
        const text = `${row.name} ${row.detail} ${row.id} ${group.label}`.toLowerCase()
        return words.every((word) => text.includes(word))
      }),
    }))
    .filter((group) => group.rows.length > 0)
}

export type NavKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp'

/**
 * The row a key moves to among the rows that can be picked (in the order shown): arrows step and
 * wrap around, Home and End jump, Page keys step by five without wrapping. No current row: the first (or last for up keys).
 */
export function moveActive(ids: readonly string[], current: string | null, key: NavKey): string | null {
  if (ids.length === 0) return null
  const last = ids.length - 1
  const at = current === null ? -1 : ids.indexOf(current)
  const index = (() => {
    switch (key) {
      case 'Home':
        return 0
      case 'End':
        return last
      case 'ArrowDown':
        return at < 0 || at === last ? 0 : at + 1
      case 'ArrowUp':
        return at <= 0 ? last : at - 1
      case 'PageDown':
        return at < 0 ? 0 : Math.min(last, at + 5)
      case 'PageUp':
        return at < 0 ? last : Math.max(0, at - 5)
    }
  })()
  return ids[index] ?? null
}
