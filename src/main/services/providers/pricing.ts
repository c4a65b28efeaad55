/**
 * The price of a model id and the cost of a reply: the user's edited price wins, else the catalog's
 * (with its announced changes, long-prompt and off-peak rules), else 0 for a model on an added server.
 */
import type { Price } from '../../../shared/api'
import { catalogCost, catalogModel, priceCost, type CatalogModel, type Usage } from './catalog'
import { parseCloudModelId } from './modelId'

export interface PriceOverride {
  inputPerMTokens: number
  outputPerMTokens: number
  /** When the user edited it (ms since the epoch); today when absent. */
  editedAt?: number
}

type PriceSource = { kind: 'override'; override: PriceOverride } | { kind: 'catalog'; entry: CatalogModel } | { kind: 'server' } | null

const SERVER_PRICE_SOURCE = 'runs on your server'

/** The price shown for a model id at time `now`; null when unknown. */
export function modelPrice(id: string, overrides: Record<string, PriceOverride>, now: number): Price | null {
  const source = priceSource(id, overrides)
  if (!source) return null
  const today = new Date(now).toISOString().slice(0, 10)
  switch (source.kind) {
    case 'override':
      return {
        inputPerMTokens: source.override.inputPerMTokens,
        outputPerMTokens: source.override.outputPerMTokens,
        asOf: source.override.editedAt !== undefined ? new Date(source.override.editedAt).toISOString().slice(0, 10) : today,
        source: 'edited by you',
        edited: true,
      }
    case 'catalog': {
      const p = source.entry.price
      if (p.changesOn && today >= p.changesOn.date) {
        return { inputPerMTokens: p.changesOn.inputPerMTokens, outputPerMTokens: p.changesOn.outputPerMTokens, asOf: p.changesOn.date, source: p.source, edited: false }
      }
      return { inputPerMTokens: p.inputPerMTokens, outputPerMTokens: p.outputPerMTokens, asOf: p.asOf, source: p.source, edited: false }
    }
    case 'server':
      return { inputPerMTokens: 0, outputPerMTokens: 0, asOf: today, source: SERVER_PRICE_SOURCE, edited: false }
  }
}

/** What a reply with this usage cost at time `now`, in USD; null when the model has no price. */
export function replyCost(id: string, usage: Usage, overrides: Record<string, PriceOverride>, now: number): number | null {
  const source = priceSource(id, overrides)
  if (!source) return null
  switch (source.kind) {
    case 'override':
      return priceCost(source.override, usage)
    case 'catalog':
      return catalogCost(source.entry.price, usage, new Date(now))
    case 'server':
      return 0
  }
}

function priceSource(id: string, overrides: Record<string, PriceOverride>): PriceSource {
  const override = overrides[id]
  if (override) return { kind: 'override', override }
  const ref = parseCloudModelId(id)
  if (!ref) return null
  const entry = catalogModel(ref.provider, ref.model)
  if (entry) return { kind: 'catalog', entry }
  if (ref.provider.startsWith('server.')) return { kind: 'server' }
  return null
}
