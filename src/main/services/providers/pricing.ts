/**
 * The price of a model id and the cost of a reply: the user's edited price wins, else OpenRouter's
 * live list, else the catalog's (with its announced changes, long-prompt and off-peak rules), else 0
 * for a model on an added server, else a stand-in: the most expensive price Aura knows for that
 * provider, marked estimated. A cloud reply is never booked at $0 because its price is unknown.
 */
import type { Price } from '../../../shared/api'
import { CLOUD_CATALOG, catalogCost, catalogModel, priceCost, type CatalogModel, type TokenPrices, type Usage } from './catalog'
import { parseCloudModelId } from './modelId'

export interface PriceOverride {
  inputPerMTokens: number
  outputPerMTokens: number
  /** When the user edited it (ms since the epoch); today when absent. */
  editedAt?: number
}

/** A price from a provider's live model list (OpenRouter's), dated by when the list was fetched. */
export interface LivePrice extends TokenPrices {
  /** YYYY-MM-DD the list was fetched. */
  asOf: string
  source: string
}

/** Looks a model up in the live price lists (null: not listed, or no list yet). */
export type LivePrices = (provider: string, model: string) => LivePrice | null

/** What a reply cost; `estimated`: the model had no known price and the stand-in was used. */
export interface Cost {
  usd: number
  estimated: boolean
}

type PriceSource =
  | { kind: 'override'; override: PriceOverride }
  | { kind: 'catalog'; entry: CatalogModel }
  | { kind: 'live'; price: LivePrice }
  | { kind: 'server' }
  | { kind: 'estimate'; price: TokenPrices }
  | null

const SERVER_PRICE_SOURCE = 'runs on your server'
export const ESTIMATED_PRICE_SOURCE = 'estimated: Aura has no price for this model, so it counts the most expensive one it knows from this provider. Set the real price under Cloud Keys → Prices.'

const noLivePrices: LivePrices = () => null

/** The price shown for a model id at time `now`; null only for ids that are not cloud models. */
export function modelPrice(id: string, overrides: Record<string, PriceOverride>, now: number, live: LivePrices = noLivePrices): Price | null {
  const source = priceSource(id, overrides, live)
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
    case 'live':
      return { inputPerMTokens: source.price.inputPerMTokens, outputPerMTokens: source.price.outputPerMTokens, asOf: source.price.asOf, source: source.price.source, edited: false }
    case 'server':
      return { inputPerMTokens: 0, outputPerMTokens: 0, asOf: today, source: SERVER_PRICE_SOURCE, edited: false }
    case 'estimate':
      return { inputPerMTokens: source.price.inputPerMTokens, outputPerMTokens: source.price.outputPerMTokens, asOf: today, source: ESTIMATED_PRICE_SOURCE, edited: false, estimated: true }
  }
}

/** What a reply with this usage cost at time `now`; null only for ids that are not cloud models. */
export function replyCost(id: string, usage: Usage, overrides: Record<string, PriceOverride>, now: number, live: LivePrices = noLivePrices): Cost | null {
  const source = priceSource(id, overrides, live)
  if (!source) return null
  switch (source.kind) {
    case 'override':
      return { usd: priceCost(source.override, usage), estimated: false }
    case 'catalog':
      return { usd: catalogCost(source.entry.price, usage, new Date(now)), estimated: false }
    case 'live':
      return { usd: priceCost(source.price, usage), estimated: false }
    case 'server':
      return { usd: 0, estimated: false }
    case 'estimate':
      return { usd: priceCost(source.price, usage), estimated: true }
  }
}

function priceSource(id: string, overrides: Record<string, PriceOverride>, live: LivePrices): PriceSource {
  const override = overrides[id]
  if (override) return { kind: 'override', override }
  const ref = parseCloudModelId(id)
  if (!ref) return null
  // A live list (OpenRouter's) is fresher than the catalog's copy of the same price.
  const listed = live(ref.provider, ref.model)
  if (listed) return { kind: 'live', price: listed }
  const entry = catalogModel(ref.provider, ref.model)
  if (entry) return { kind: 'catalog', entry }
  if (ref.provider.startsWith('server.')) return { kind: 'server' }
  return { kind: 'estimate', price: standIn(ref.provider) }
}

/**
 * The conservative stand-in for a model without a known price: each of the provider's highest
 * catalog prices (OpenRouter resells every vendor: the highest of the whole catalog). It may
 * over-count; it never lets a reply escape the budget.
 */
export function standIn(provider: string): TokenPrices {
  const own = CLOUD_CATALOG.filter((m) => m.provider === provider)
  const pool = provider === 'openrouter' || own.length === 0 ? CLOUD_CATALOG : own
  return {
    inputPerMTokens: Math.max(...pool.map((m) => m.price.inputPerMTokens)),
    outputPerMTokens: Math.max(...pool.map((m) => m.price.outputPerMTokens)),
  }
}
