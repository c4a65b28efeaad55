/**
 * What CloudProviders is given (keys, addresses, added servers, edited prices, timeouts) and the
 * same with its defaults filled in, as every part of it reads them.
 */
import { plainFetcher, type Fetcher } from '../network'
import { silentLogger, systemClock, type Clock, type Logger } from '../ports'
import type { LivePrices, PriceOverride } from './pricing'

export interface CloudTimeouts {
  /** From sending the request to the first piece of the reply (text or thinking). */
  firstTokenMs: number
  /** Once the reply has started: the longest silence allowed between two pieces of the stream. */
  idleMs: number
  /** The whole reply. */
  requestMs: number
  /** A key test's request. */
  keyTestMs: number
  /** Listing an added server's models. */
  listMs: number
}

export const DEFAULT_CLOUD_TIMEOUTS: CloudTimeouts = {
  // Reasoning models on Chat Completions send nothing while they think: be patient before the first token.
  firstTokenMs: 120_000,
  idleMs: 30_000,
  requestMs: 10 * 60_000,
  keyTestMs: 15_000,
  listMs: 5_000,
}

export interface ServerEntry {
  /** The settings id (`ollama`) or the ref (`server.ollama`). */
  id: string
  name: string
  baseUrl: string
}

export interface CloudProvidersDeps {
  /**
   * The key to send to `baseUrl` for a ProviderId or `server.<id>`, from the vault or the
   * environment; null = none, or the key was saved for another address.
   */
  key(provider: string, baseUrl: string): string | null
  /** The user's or the environment's base URL for a ProviderId; null = the provider's own. */
  baseUrl(provider: string): string | null
  /** The OpenAI-compatible servers the user added. */
  servers(): ServerEntry[]
  /** Prices the user edited, by cloud model id (`openai:gpt-6.1-terra`). */
  priceOverrides(): Record<string, PriceOverride>
  /** Where OpenRouter's live price list is kept (`<data dir>/openrouter-prices.json`); absent: memory only. */
  livePricesFile?: string
  /** The privacy log's fetch, given each request's purpose. */
  fetcher?: Fetcher
  timeouts?: Partial<CloudTimeouts>
  clock?: Clock
  logger?: Logger
}

/** The deps with every default in place. */
export interface CloudSetup {
  readonly deps: CloudProvidersDeps
  readonly fetch: Fetcher
  readonly timeouts: CloudTimeouts
  readonly clock: Clock
  readonly logger: Logger
  /** Live prices (OpenRouter's list), looked up after the catalog. */
  livePrices: LivePrices
}

export function cloudSetup(deps: CloudProvidersDeps): CloudSetup {
  return {
    deps,
    fetch: deps.fetcher ?? plainFetcher,
    timeouts: { ...DEFAULT_CLOUD_TIMEOUTS, ...deps.timeouts },
    clock: deps.clock ?? systemClock,
    logger: deps.logger ?? silentLogger,
    livePrices: () => null,
  }
}
