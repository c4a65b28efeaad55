/**
 * Cloud models Aura offers per provider, with the price per million tokens and the date and source
 * the price was taken from. Every number here comes from shared/reference/cloud-providers.md (§2);
 * the bracketed tags name that page's sources. Capabilities list only what the reference states
 * (it is silent on tools and vision for most models, so those are left out rather than guessed).
 * Prices move several times a quarter: the user can edit any of them (settings.priceOverrides).
 */
import type { Capability, ProviderId } from '../../../shared/api'

export interface CatalogPrice {
  /** USD per million input (prompt) tokens, at the standard tier. */
  inputPerMTokens: number
  /** USD per million output tokens (reasoning included). */
  outputPerMTokens: number
  /** USD per million cache-read input tokens, when the provider reports cached tokens. */
  cachedInputPerMTokens?: number
  /** USD per million cache-write input tokens (Anthropic's 5-minute cache, OpenAI's cache writes); absent: billed as input. */
  cacheWriteInputPerMTokens?: number
  /** YYYY-MM-DD: the date of the source the price was taken from. */
  asOf: string
  /** Where the price comes from (reference source tag and page). */
  source: string
  /** A whole request whose prompt exceeds `aboveInputTokens` is billed at these prices instead. */
  longPrompt?: { aboveInputTokens: number; inputPerMTokens: number; outputPerMTokens: number; cachedInputPerMTokens?: number; cacheWriteInputPerMTokens?: number }
  /** From this date (YYYY-MM-DD, UTC) the price changes to these (announced ahead). */
  changesOn?: { date: string; inputPerMTokens: number; outputPerMTokens: number; cachedInputPerMTokens?: number; cacheWriteInputPerMTokens?: number }
  /** DeepSeek: outside peak hours every price is half. */
  offPeak?: 'deepseek'
}

export interface CatalogModel {
  provider: ProviderId
  /** The provider's own model name, as sent in requests. */
  model: string
  name: string
  /** Where it stands in its provider's lineup (reference §2): Auto sends complex requests to `frontier` models. */
  strength: 'frontier' | 'balanced' | 'fast'
  contextWindow: number
  capabilities: Capability[]
  price: CatalogPrice
}

const OAI = 'OpenAI models page [OAI-MODELS]'
const OAI_DATE = '2026-10-26'
const CLAUDE_DATE = '2026-10-07'
const GEM = 'Gemini API pricing page [GEM-PRICE]'
const GEM_DATE = '2026-10-07'

export const CLOUD_CATALOG: readonly CatalogModel[] = [
  // ---------------------------------------------------------------- OpenAI (§2.1; all 1.05M context, 128K out)
  {
    provider: 'openai',
    model: 'gpt-6.1-terra',
    strength: 'balanced',
    name: 'GPT-6.1 Terra',
    contextWindow: 1_050_000,
    capabilities: ['chat', 'reasoning'],
    price: {
      inputPerMTokens: 1,
      outputPerMTokens: 5,
      cachedInputPerMTokens: 0.05,
      cacheWriteInputPerMTokens: 1.25,
      asOf: OAI_DATE,
      source: OAI,
      longPrompt: { aboveInputTokens: 272_000, inputPerMTokens: 2, outputPerMTokens: 7.5, cachedInputPerMTokens: 0.1, cacheWriteInputPerMTokens: 2.5 },
    },
  },
  {
    provider: 'openai',
    model: 'gpt-6.1-sol',
    strength: 'frontier',
    name: 'GPT-6.1 Sol',
    contextWindow: 1_050_000,
    capabilities: ['chat', 'reasoning'],
    price: {
      inputPerMTokens: 2,
      outputPerMTokens: 10,
      cachedInputPerMTokens: 0.1,
      asOf: OAI_DATE,
      source: OAI,
      longPrompt: { aboveInputTokens: 272_000, inputPerMTokens: 4, outputPerMTokens: 15, cachedInputPerMTokens: 0.2 },
    },
  },
  {
    provider: 'openai',
    model: 'gpt-6-astra',
    strength: 'frontier',
    name: 'GPT-6 Astra',
    contextWindow: 1_050_000,
    capabilities: ['chat', 'reasoning'],
    price: {
      inputPerMTokens: 10,
      outputPerMTokens: 50,
      cachedInputPerMTokens: 1,
      asOf: OAI_DATE,
      source: OAI,
      longPrompt: { aboveInputTokens: 272_000, inputPerMTokens: 20, outputPerMTokens: 75, cachedInputPerMTokens: 2 },
    },
  },
  {
    provider: 'openai',
    model: 'gpt-6-luna',
    strength: 'fast',
    name: 'GPT-6 Luna',
    contextWindow: 1_050_000,
    capabilities: ['chat'],
    price: {
      inputPerMTokens: 0.1,
      outputPerMTokens: 0.5,
      cachedInputPerMTokens: 0.01,
      cacheWriteInputPerMTokens: 0.125,
      asOf: OAI_DATE,
      source: OAI,
      longPrompt: { aboveInputTokens: 272_000, inputPerMTokens: 0.2, outputPerMTokens: 0.75, cachedInputPerMTokens: 0.02, cacheWriteInputPerMTokens: 0.25 },
    },
  },

  // ---------------------------------------------------------------- Anthropic (§2.2; current lineup: 1M context, 128K out)
  // Fable 5.1 is left out: its API id (`claude-fable-5-1`) comes only from a reseller page.
  {
    provider: 'anthropic',
    model: 'claude-opus-5-5',
    strength: 'frontier',
    name: 'Claude Opus 5.5',
    contextWindow: 1_000_000,
    capabilities: ['chat', 'reasoning'],
    price: { inputPerMTokens: 4, outputPerMTokens: 20, cachedInputPerMTokens: 0.2, cacheWriteInputPerMTokens: 5, asOf: CLAUDE_DATE, source: 'Claude Opus 5.5 overview [CL-OPUS55]' },
  },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-5-5',
    strength: 'balanced',
    name: 'Claude Sonnet 5.5',
    contextWindow: 1_000_000,
    capabilities: ['chat'],
    price: { inputPerMTokens: 2, outputPerMTokens: 10, cachedInputPerMTokens: 0.1, cacheWriteInputPerMTokens: 2.5, asOf: CLAUDE_DATE, source: 'Claude Sonnet 5.5 overview [CL-SON55; PF-23; CLAUDIT]' },
  },
  {
    provider: 'anthropic',
    model: 'claude-haiku-5-5',
    strength: 'fast',
    name: 'Claude Haiku 5.5',
    contextWindow: 1_000_000,
    capabilities: ['chat'],
    price: {
      inputPerMTokens: 0.1,
      outputPerMTokens: 0.5,
      cachedInputPerMTokens: 0.01,
      cacheWriteInputPerMTokens: 0.125,
      asOf: CLAUDE_DATE,
      source: 'Claude Haiku 5.5 overview [CL-HAI55]',
      // The prompt counted here is input + cache reads + cache writes (inputTokens is all three).
      longPrompt: { aboveInputTokens: 100_000, inputPerMTokens: 0.5, outputPerMTokens: 2.5, cachedInputPerMTokens: 0.05, cacheWriteInputPerMTokens: 0.625 },
    },
  },

  // ---------------------------------------------------------------- Google Gemini (§2.3; prices include thinking tokens)
  {
    provider: 'google',
    model: 'gemini-3.8-flash',
    strength: 'balanced',
    name: 'Gemini 3.8 Flash',
    contextWindow: 1_048_576,
    capabilities: ['chat', 'reasoning'],
    price: {
      inputPerMTokens: 0.75,
      outputPerMTokens: 3.75,
      cachedInputPerMTokens: 0.075,
      asOf: GEM_DATE,
      source: GEM,
      changesOn: { date: '2027-01-01', inputPerMTokens: 1.5, outputPerMTokens: 7.5 },
    },
  },
  {
    provider: 'google',
    model: 'gemini-3.5-flash',
    strength: 'balanced',
    name: 'Gemini 3.5 Flash',
    contextWindow: 1_048_576,
    capabilities: ['chat', 'reasoning'],
    price: { inputPerMTokens: 1.5, outputPerMTokens: 9, cachedInputPerMTokens: 0.15, asOf: GEM_DATE, source: GEM },
  },
  {
    provider: 'google',
    model: 'gemini-3.5-flash-lite',
    strength: 'fast',
    name: 'Gemini 3.5 Flash-Lite',
    contextWindow: 1_000_000,
    capabilities: ['chat', 'reasoning'],
    price: { inputPerMTokens: 0.3, outputPerMTokens: 2.5, cachedInputPerMTokens: 0.03, asOf: GEM_DATE, source: GEM },
  },
  {
    provider: 'google',
    model: 'gemini-3.1-pro-preview',
    strength: 'frontier',
    name: 'Gemini 3.1 Pro (preview)',
    contextWindow: 1_048_576,
    capabilities: ['chat', 'reasoning'],
    price: {
      inputPerMTokens: 2,
      outputPerMTokens: 12,
      cachedInputPerMTokens: 0.2,
      asOf: GEM_DATE,
      source: GEM,
      longPrompt: { aboveInputTokens: 200_000, inputPerMTokens: 4, outputPerMTokens: 18, cachedInputPerMTokens: 0.4 },
    },
  },

  // ---------------------------------------------------------------- xAI Grok (§2.4)
  {
    provider: 'xai',
    model: 'grok-4.7',
    strength: 'frontier',
    name: 'Grok 4.7',
    contextWindow: 500_000,
    capabilities: ['chat', 'reasoning'],
    price: {
      inputPerMTokens: 2,
      outputPerMTokens: 6,
      cachedInputPerMTokens: 0.5,
      asOf: '2026-09-29',
      source: 'xAI Grok 4.7 docs [XAI-47]',
      longPrompt: { aboveInputTokens: 200_000, inputPerMTokens: 4, outputPerMTokens: 12, cachedInputPerMTokens: 1 },
    },
  },
  {
    provider: 'xai',
    model: 'grok-4.3',
    strength: 'balanced',
    name: 'Grok 4.3',
    contextWindow: 1_000_000,
    capabilities: ['chat'],
    price: {
      inputPerMTokens: 1.25,
      outputPerMTokens: 2.5,
      cachedInputPerMTokens: 0.2,
      asOf: '2026-08-21',
      source: 'pydantic/genai-prices [GENAI]',
      longPrompt: { aboveInputTokens: 200_000, inputPerMTokens: 2.5, outputPerMTokens: 5, cachedInputPerMTokens: 0.4 },
    },
  },
  {
    provider: 'xai',
    model: 'grok-build-0.1',
    strength: 'balanced',
    name: 'Grok Build 0.1',
    contextWindow: 256_000,
    capabilities: ['chat', 'coding'],
    price: {
      inputPerMTokens: 1,
      outputPerMTokens: 2,
      cachedInputPerMTokens: 0.2,
      asOf: '2026-09-25',
      source: 'whatmodel.sh citing docs.x.ai',
      longPrompt: { aboveInputTokens: 200_000, inputPerMTokens: 2, outputPerMTokens: 4 },
    },
  },

  // ---------------------------------------------------------------- DeepSeek (§2.5; peak prices; off-peak is half)
  {
    provider: 'deepseek',
    model: 'deepseek-flash',
    strength: 'balanced',
    name: 'DeepSeek V4.1 Flash',
    contextWindow: 1_000_000,
    capabilities: ['chat', 'tools', 'reasoning', 'vision'],
    price: { inputPerMTokens: 0.3, outputPerMTokens: 1.2, cachedInputPerMTokens: 0.006, asOf: '2026-10-27', source: 'DeepSeek pricing page [DS-PRICE; DS-WIKI]', offPeak: 'deepseek' },
  },
  {
    provider: 'deepseek',
    model: 'deepseek-v4-pro',
    strength: 'frontier',
    name: 'DeepSeek V4 Pro',
    contextWindow: 1_000_000,
    capabilities: ['chat', 'tools', 'reasoning'],
    price: { inputPerMTokens: 1.32, outputPerMTokens: 3.96, cachedInputPerMTokens: 0.044, asOf: '2026-10-27', source: 'DeepSeek pricing page [DS-PRICE; DS-WIKI]', offPeak: 'deepseek' },
  },

  // ---------------------------------------------------------------- Moonshot Kimi (§2.6; international USD prices)
  {
    provider: 'moonshot',
    model: 'kimi-k3',
    strength: 'frontier',
    name: 'Kimi K3',
    contextWindow: 1_048_576,
    capabilities: ['chat', 'reasoning', 'vision'],
    price: { inputPerMTokens: 3, outputPerMTokens: 15, cachedInputPerMTokens: 0.3, asOf: '2026-07-16', source: 'platform.kimi.ai pricing via codeburn #709 [GENAI]' },
  },
  {
    provider: 'moonshot',
    model: 'kimi-k2.6',
    strength: 'balanced',
    name: 'Kimi K2.6',
    contextWindow: 262_144,
    capabilities: ['chat', 'reasoning'],
    price: { inputPerMTokens: 0.95, outputPerMTokens: 4, cachedInputPerMTokens: 0.16, asOf: '2026-05-22', source: 'pydantic/genai-prices [GENAI; LITELLM]' },
  },
  {
    provider: 'moonshot',
    model: 'kimi-k2.7-code',
    strength: 'balanced',
    name: 'Kimi K2.7 Code',
    contextWindow: 262_144,
    capabilities: ['chat', 'coding', 'reasoning'],
    price: { inputPerMTokens: 0.95, outputPerMTokens: 4, cachedInputPerMTokens: 0.19, asOf: '2026-06-15', source: 'apidog Kimi K2.7 Code guide [APIDOG-KimiK27; GENAI]' },
  },

  // ---------------------------------------------------------------- OpenRouter (§2.7; pass-through pricing, `vendor/model` ids)
  {
    provider: 'openrouter',
    model: 'openai/gpt-6.1-terra',
    strength: 'balanced',
    name: 'GPT-6.1 Terra (via OpenRouter)',
    contextWindow: 1_050_000,
    capabilities: ['chat', 'reasoning'],
    price: { inputPerMTokens: 1, outputPerMTokens: 5, asOf: OAI_DATE, source: 'OpenRouter pass-through of OpenAI pricing [APIDOG-Terra]' },
  },
  {
    provider: 'openrouter',
    model: 'anthropic/claude-opus-5.5',
    strength: 'frontier',
    name: 'Claude Opus 5.5 (via OpenRouter)',
    contextWindow: 1_000_000,
    capabilities: ['chat', 'reasoning'],
    price: { inputPerMTokens: 4, outputPerMTokens: 20, asOf: CLAUDE_DATE, source: 'OpenRouter pass-through of Anthropic pricing [CL-OPUS55]' },
  },
]

export function catalogModel(provider: string, model: string): CatalogModel | undefined {
  return CLOUD_CATALOG.find((m) => m.provider === provider && m.model === model)
}

/**
 * DeepSeek's peak hours (reference §2.5): 01:00–04:00 and 06:00–10:00 UTC, Monday to Friday
 * (Chinese public holidays, which are off-peak too, are not tracked: those hours are billed as peak).
 */
export function isDeepSeekPeak(at: Date): boolean {
  const day = at.getUTCDay()
  if (day === 0 || day === 6) return false
  const hour = at.getUTCHours()
  return (hour >= 1 && hour < 4) || (hour >= 6 && hour < 10)
}

export interface Usage {
  /** Every prompt token: those read from and written to the provider's prompt cache included. */
  inputTokens: number
  /** Every output token: reasoning ("thinking") included, which every provider bills as output. */
  outputTokens: number
  /** Of the input tokens, those read from the provider's prompt cache. */
  cachedInputTokens?: number
  /** Of the input tokens, those written to the provider's prompt cache. */
  cacheWriteTokens?: number
}

/** USD per million tokens of each kind; cache prices absent: those tokens are billed as input. */
export interface TokenPrices {
  inputPerMTokens: number
  outputPerMTokens: number
  cachedInputPerMTokens?: number
  cacheWriteInputPerMTokens?: number
}

/** What a reply cost in USD, from its usage and the catalog's price at time `at`. */
export function catalogCost(price: CatalogPrice, usage: Usage, at: Date): number {
  let rates: TokenPrices = price
  if (price.changesOn && at.toISOString().slice(0, 10) >= price.changesOn.date) rates = price.changesOn
  // The whole request moves to the long-prompt prices; cache prices it does not name stay.
  if (price.longPrompt && usage.inputTokens > price.longPrompt.aboveInputTokens) {
    const long = price.longPrompt
    rates = {
      inputPerMTokens: long.inputPerMTokens,
      outputPerMTokens: long.outputPerMTokens,
      cachedInputPerMTokens: long.cachedInputPerMTokens ?? rates.cachedInputPerMTokens,
      cacheWriteInputPerMTokens: long.cacheWriteInputPerMTokens ?? rates.cacheWriteInputPerMTokens,
    }
  }
  const factor = price.offPeak === 'deepseek' && !isDeepSeekPeak(at) ? 0.5 : 1
  const scale = (usd: number | undefined): number | undefined => (usd === undefined ? undefined : usd * factor)
  return priceCost(
    {
      inputPerMTokens: rates.inputPerMTokens * factor,
      outputPerMTokens: rates.outputPerMTokens * factor,
      cachedInputPerMTokens: scale(rates.cachedInputPerMTokens),
      cacheWriteInputPerMTokens: scale(rates.cacheWriteInputPerMTokens),
    },
    usage,
  )
}

/** Tokens × USD per million: cache reads and writes at their own prices when known, else as input. */
export function priceCost(price: TokenPrices, usage: Usage): number {
  const read = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens)
  const written = Math.min(usage.cacheWriteTokens ?? 0, usage.inputTokens - read)
  const plain = usage.inputTokens - read - written
  const usd =
    (plain * price.inputPerMTokens +
      read * (price.cachedInputPerMTokens ?? price.inputPerMTokens) +
      written * (price.cacheWriteInputPerMTokens ?? price.inputPerMTokens) +
      usage.outputTokens * price.outputPerMTokens) /
    1_000_000
  // Round to a billionth of a dollar: enough for any meter, and no 0.30000000000000004.
  return Math.round(usd * 1e9) / 1e9
}
