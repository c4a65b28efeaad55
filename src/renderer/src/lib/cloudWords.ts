import type { CloudModel, KeyStatus, Price, ProviderId, ProviderInfo } from '../api'

/** The cloud providers, in the order the Cloud Keys page shows them (shared/api's PROVIDER_IDS, kept here to keep zod out of the bundle). */
export const PROVIDER_ORDER = ['openai', 'anthropic', 'google', 'xai', 'deepseek', 'moonshot', 'openrouter'] as const satisfies readonly ProviderId[]
// Every provider of the contract is listed above (a new one fails type checking here until it is added).
const everyProvider: Record<Exclude<ProviderId, (typeof PROVIDER_ORDER)[number]>, never> = {}
void everyProvider

/** What each provider is, in one line a non-engineer can read. */
export const PROVIDER_BLURB: Record<ProviderId, string> = {
  openai: 'The makers of ChatGPT: GPT models.',
  anthropic: 'The makers of Claude.',
  google: 'Google’s Gemini models.',
  xai: 'Grok models from xAI.',
  deepseek: 'DeepSeek’s low-cost chat and reasoning models.',
  moonshot: 'Kimi models from Moonshot AI.',
  openrouter: 'One key for models from many companies.',
}

export const blurbOf = (provider: ProviderInfo): string =>
  (PROVIDER_BLURB as Record<string, string | undefined>)[provider.id] ?? (provider.kind === 'server' ? 'A server you added.' : '')

/** The key's state as the page shows it: `none` when there is no key at all. */
export type KeyState = KeyStatus['status'] | 'none'

export const keyStateOf = (provider: ProviderInfo): KeyState => provider.key?.status ?? 'none'

export const KEY_STATE_LABEL: Record<KeyState, string> = {
  none: 'No key',
  untested: 'Saved — not tested yet',
  valid: 'Works',
  invalid: 'Not accepted',
  no_credit: 'No credit',
  rate_limited: 'Rate limited',
  unreachable: 'Can’t reach',
  error: 'Didn’t work',
  unreadable: 'Can’t be opened',
  address_changed: 'New address — not sent',
}

/** What a status means when the test left no message of its own. */
export const KEY_STATE_HELP: Record<KeyState, string> = {
  none: 'Paste a key to use this company’s models.',
  untested: 'Press Test to check the key.',
  valid: 'The key works. Its models are in the model picker.',
  invalid: 'The company did not accept this key. Check that you copied all of it, or make a new one.',
  no_credit: 'The key is fine but the account has no credit left. Add credit on the company’s website.',
  rate_limited: 'The company asked Aura to slow down. Wait a moment and test again.',
  unreachable: 'Aura could not reach the company. Check your internet connection and try again.',
  error: 'Something went wrong while testing the key. Try again in a moment.',
  unreadable: 'Aura can’t open the key saved here on this computer. Paste the key again.',
  address_changed: 'The address changed since the key was saved. Aura sends the key there only if you say so.',
}

export type Tone = 'neutral' | 'good' | 'warn' | 'bad'

export const KEY_STATE_TONE: Record<KeyState, Tone> = {
  none: 'neutral',
  untested: 'neutral',
  valid: 'good',
  invalid: 'bad',
  no_credit: 'warn',
  rate_limited: 'warn',
  unreachable: 'warn',
  error: 'bad',
  unreadable: 'warn',
  address_changed: 'warn',
}

/** Why a pasted key would be refused (null when it looks right, or nothing is typed): the same rules as `keys.set`. */
export function keyProblem(draft: string): string | null {
  const key = draft.trim()
  if (!key) return null
  if (/\s/.test(key)) return 'A key has no spaces in it. Copy it again from the company’s website.'
  if (key.length < 8) return 'This looks too short for a key. Copy the whole key.'
  if (key.length > 500) return 'This is too long for a key. Copy just the key.'
  return null
}

/** A cloud model id is `<provider>:<model>`; local model ids are file paths without one. */
const CLOUD_ID = new RegExp(`^(?:${PROVIDER_ORDER.join('|')}|server\\.[a-z0-9-]{1,40}):.`)

export const isCloudModelId = (id: string | null | undefined): boolean => !!id && CLOUD_ID.test(id)

/** `openai:gpt-x` → `openai`; `server.ollama:llama3.2:3b` → `server.ollama`. */
export const providerOfModelId = (id: string): string => id.slice(0, id.indexOf(':'))

/** `openai:gpt-x` → `gpt-x` (a name for a model no list knows any more). */
export const modelPartOf = (id: string): string => (isCloudModelId(id) ? id.slice(id.indexOf(':') + 1) : id)

export const isServerProvider = (provider: string): boolean => provider.startsWith('server.')

/** 0.4 → "$0.40", 0.075 → "$0.075", 15 → "$15.00" (US dollars per million tokens). */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value) || value < 0) return '—'
  const cents = Math.round(value * 100)
  if (Math.abs(value * 100 - cents) < 1e-9) return `$${value.toFixed(2)}`
  return `$${Number(value.toFixed(4))}`
}

/** What a reply cost: "$0.0012", "$0.12", "$1.35"; tiny amounts say so rather than round to nothing. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) return '—'
  if (usd === 0) return '$0'
  if (usd < 0.0001) return '< $0.0001'
  if (usd >= 1) return `$${usd.toFixed(2)}`
  return `$${usd.toPrecision(2)}`
}

export const isFree = (price: Price | null): boolean => price !== null && price.inputPerMTokens === 0 && price.outputPerMTokens === 0

/** The price in a picker line: "$0.40 in / $1.60 out per M tokens", "free", "on your server". */
export function priceLabel(model: CloudModel): string {
  const server = isServerProvider(model.provider)
  if (!model.price) return server ? 'on your server' : 'price unknown'
  if (isFree(model.price)) return server ? 'on your server' : 'free'
  const label = `${formatPrice(model.price.inputPerMTokens)} in / ${formatPrice(model.price.outputPerMTokens)} out per M tokens`
  return model.price.estimated ? `price unknown, counted as ${label}` : label
}

/** A picker line: "GPT-x — $0.40 in / $1.60 out per M tokens". */
export const cloudModelLabel = (model: CloudModel): string => `${model.name} — ${priceLabel(model)}`

/** Where a price comes from, without reference tags meant for engineers ("OpenAI models page [OAI-MODELS]" → "OpenAI models page"). */
export const priceSource = (source: string): string => source.replace(/\s*\[[^\]]*\]/g, '').trim() || source

/** "2025-06-01" → "Jun 1, 2025" (the date a price was taken); other text as it is. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day)
  if (!match) return day
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' })
}

/** "https://platform.openai.com/api-keys" → "platform.openai.com". */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

/** An environment variable a base URL may come from: `AURA_OPENAI_BASE_URL`. */
export const baseUrlEnvVar = (providerId: string): string => `AURA_${providerId.replace(/[^a-z0-9]/gi, '_').toUpperCase()}_BASE_URL`

/** OpenAI-compatible servers people run, with where they listen by default. */
export const SERVER_PRESETS = [
  { id: 'ollama', name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { id: 'lm-studio', name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
  { id: 'vllm', name: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1' },
  { id: 'llama-cpp', name: 'llama.cpp server', baseUrl: 'http://127.0.0.1:8080/v1' },
  { id: 'foundry-local', name: 'Foundry Local', baseUrl: 'http://127.0.0.1:5272/v1' },
] as const

/** Why a server address would be refused (null when it looks right or is empty). */
export function serverUrlProblem(draft: string): string | null {
  const text = draft.trim()
  if (!text) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'Write the whole address, starting with http:// — for example http://127.0.0.1:11434/v1'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The address starts with http:// or https://'
  return null
}

/** Cloud models by provider (or server), in the order the list gives them. */
export function groupByProvider(models: CloudModel[]): { provider: string; name: string; models: CloudModel[] }[] {
  const groups = new Map<string, { provider: string; name: string; models: CloudModel[] }>()
  for (const m of models) {
    const group = groups.get(m.provider) ?? { provider: m.provider, name: m.providerName, models: [] }
    group.models.push(m)
    groups.set(m.provider, group)
  }
  return [...groups.values()]
}
