/**
 * OpenRouter's live prices: its `GET /models` lists every model with per-token prices
 * (`pricing.prompt`, `completion`, `input_cache_read`, `input_cache_write`, as strings of USD per
 * token) and `context_length`. Aura fetches the list (at start when a day old, when the OpenRouter
 * key is saved, and on demand), keeps it on disk with the date it was fetched, and prices OpenRouter
 * models the catalog does not list from it. A list that cannot be fetched leaves the last one in place.
 */
import { readFile, rename, writeFile } from 'node:fs/promises'
import { PRIVATE_FILE_MODE } from '../files'
import { apiGet, authHeaders } from './apiGet'
import type { CloudSetup } from './deps'
import type { LivePrice, LivePrices } from './pricing'
import { classifyHttp, problemError } from './problems'
import { findTarget, problemContext } from './target'

const DAY_MS = 24 * 60 * 60 * 1000
const SOURCE = 'OpenRouter’s model list'

/** What is kept on disk: the date-stamped list, USD per million tokens. */
interface Saved {
  fetchedAt: number
  models: Record<string, { inputPerMTokens: number; outputPerMTokens: number; cachedInputPerMTokens?: number; cacheWriteInputPerMTokens?: number; contextLength?: number }>
}

export interface LivePriceStatus {
  /** YYYY-MM-DD of the list in use; null: none fetched yet. */
  asOf: string | null
  models: number
}

export class OpenRouterPrices {
  private saved: Saved | null = null
  private loading: Promise<void> | null = null

  constructor(
    private readonly setup: CloudSetup,
    /** The file the list is kept in; null: memory only. */
    private readonly file: string | null,
  ) {}

  /** The lookup the pricing reads: OpenRouter models only. */
  readonly lookup: LivePrices = (provider, model) => {
    if (provider !== 'openrouter' || !this.saved) return null
    const entry = this.saved.models[model]
    if (!entry) return null
    const price: LivePrice = { ...entry, asOf: this.asOf()!, source: SOURCE }
    return price
  }

  status(): LivePriceStatus {
    return { asOf: this.asOf(), models: this.saved ? Object.keys(this.saved.models).length : 0 }
  }

  /** Reads the list kept on disk once; a missing or damaged file means none. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      if (!this.file) return
      try {
        const saved = JSON.parse(await readFile(this.file, 'utf8')) as Saved
        if (typeof saved.fetchedAt === 'number' && saved.models && typeof saved.models === 'object') this.saved ??= saved
      } catch {
        // No list yet, or a damaged one: the next refresh writes a good one.
      }
    })()
    return this.loading
  }

  /** With an OpenRouter key, fetches the list when the one in use is `maxAgeMs` old or more (or there is none). Never throws. */
  async refreshIfStale(maxAgeMs = DAY_MS): Promise<void> {
    await this.load()
    if (!findTarget(this.setup.deps, 'openrouter')?.key) return
    if (this.saved && this.setup.clock.now() - this.saved.fetchedAt < maxAgeMs) return
    await this.refresh().catch((error: unknown) => this.setup.logger.warn('providers: could not refresh OpenRouter’s prices', { reason: error instanceof Error ? error.message : 'unknown' }))
  }

  /** Fetches the list now and keeps it. Throws an AuraError in plain words when it cannot. */
  async refresh(): Promise<LivePriceStatus> {
    await this.load()
    const target = findTarget(this.setup.deps, 'openrouter')!
    const ctx = problemContext(target)
    const answer = await apiGet(this.setup.fetch('model_list'), `${target.baseUrl}/models`, authHeaders(target), this.setup.timeouts.listMs)
    if ('problem' in answer) throw problemError(answer.problem, ctx)
    if (answer.status < 200 || answer.status >= 300) throw problemError(classifyHttp(answer.status, answer.headers, answer.json, { forKeyTest: true }), ctx)
    const models = parsePrices(answer.json)
    if (!models) throw problemError({ kind: 'wrong_address' }, ctx)
    this.saved = { fetchedAt: this.setup.clock.now(), models }
    if (this.file) {
      await keep(this.file, JSON.stringify(this.saved)).catch((error: unknown) =>
        this.setup.logger.warn('providers: could not keep OpenRouter’s prices on disk', { error: String(error) }),
      )
    }
    return this.status()
  }

  private asOf(): string | null {
    return this.saved ? new Date(this.saved.fetchedAt).toISOString().slice(0, 10) : null
  }
}

/** `{data:[{id, context_length, pricing:{prompt, completion, input_cache_read?, input_cache_write?}}]}` → USD per million; null when it is not such a list. */
export function parsePrices(json: unknown): Saved['models'] | null {
  const data = json !== null && typeof json === 'object' ? (json as { data?: unknown }).data : undefined
  if (!Array.isArray(data)) return null
  const models: Saved['models'] = {}
  for (const raw of data) {
    if (raw === null || typeof raw !== 'object') continue
    const item = raw as { id?: unknown; context_length?: unknown; pricing?: Record<string, unknown> }
    if (typeof item.id !== 'string' || !item.pricing) continue
    const input = perMillion(item.pricing.prompt)
    const output = perMillion(item.pricing.completion)
    // "-1" (a router model priced per request it routes to) and missing prices are not prices.
    if (input === undefined || output === undefined) continue
    const cachedInput = perMillion(item.pricing.input_cache_read)
    const cacheWrite = perMillion(item.pricing.input_cache_write)
    models[item.id] = {
      inputPerMTokens: input,
      outputPerMTokens: output,
      ...(cachedInput !== undefined ? { cachedInputPerMTokens: cachedInput } : {}),
      ...(cacheWrite !== undefined ? { cacheWriteInputPerMTokens: cacheWrite } : {}),
      ...(typeof item.context_length === 'number' ? { contextLength: item.context_length } : {}),
    }
  }
  return models
}

/** USD per token (a decimal string) → USD per million tokens, rounded off float noise. */
function perMillion(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN
  if (!Number.isFinite(n) || n < 0) return undefined
  return Math.round(n * 1e6 * 1e9) / 1e9
}

/** Writes the whole file or nothing (a crash leaves the last list). */
async function keep(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, text, { mode: PRIVATE_FILE_MODE })
  await rename(temp, file)
}
