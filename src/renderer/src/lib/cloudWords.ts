import type { CloudModel, KeyStatus, Price, ProviderId, ProviderInfo } from '../api'
import { i18n, locale } from '../i18n'

/** The cloud providers, in the order the Cloud Keys page shows them (shared/api's PROVIDER_IDS, kept here to keep zod out of the bundle). */
export const PROVIDER_ORDER = ['openai', 'anthropic', 'google', 'xai', 'deepseek', 'moonshot', 'openrouter'] as const satisfies readonly ProviderId[]
// Every provider of the contract is listed above (a new one fails type checking here until it is added).
const everyProvider: Record<Exclude<ProviderId, (typeof PROVIDER_ORDER)[number]>, never> = {}
void everyProvider

/** What each provider is, in one line a non-engineer can read ('' for a provider without one). */
export function blurbOf(provider: ProviderInfo): string {
  if ((PROVIDER_ORDER as readonly string[]).includes(provider.id)) return i18n.t(`cloud.blurb.${provider.id as ProviderId}`)
  return provider.kind === 'server' ? i18n.t('cloud.blurb.server') : ''
}

/** The key's state as the page shows it: `none` when there is no key at all. */
export type KeyState = KeyStatus['status'] | 'none'

export const keyStateOf = (provider: ProviderInfo): KeyState => provider.key?.status ?? 'none'

/** "Works", "Not accepted", "No key"… */
export const keyStateLabel = (state: KeyState): string => i18n.t(`cloud.state.${state}`)

/** What a status means when the test left no message of its own. */
export const keyStateHelp = (state: KeyState): string => i18n.t(`cloud.stateHelp.${state}`)

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
  if (/\s/.test(key)) return i18n.t('cloud.keyProblem.spaces')
  if (key.length < 8) return i18n.t('cloud.keyProblem.short')
  if (key.length > 500) return i18n.t('cloud.keyProblem.long')
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

/** US dollars in the language on screen ("$0.40", "0,40 US$", "US$0.40"), as prices and costs are kept. */
const dollars = (usd: number, options: Intl.NumberFormatOptions): string => usd.toLocaleString(locale(), { style: 'currency', currency: 'USD', ...options })

/** 0.4 → "$0.40", 0.075 → "$0.075", 15 → "$15.00" (US dollars per million tokens). */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value) || value < 0) return '—'
  return dollars(value, { minimumFractionDigits: 2, maximumFractionDigits: 4 })
}

/** What a reply cost: "$0.0012", "$0.12", "$1.35"; tiny amounts say so rather than round to nothing. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) return '—'
  if (usd === 0) return dollars(0, { maximumFractionDigits: 0 })
  if (usd < 0.0001) return `< ${dollars(0.0001, { maximumFractionDigits: 4 })}`
  if (usd >= 1) return dollars(usd, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return dollars(usd, { minimumSignificantDigits: 2, maximumSignificantDigits: 2 })
}

export const isFree = (price: Price | null): boolean => price !== null && price.inputPerMTokens === 0 && price.outputPerMTokens === 0

/** The price in a picker line: "$0.40 in / $1.60 out per M tokens", "free", "on your server". */
export function priceLabel(model: CloudModel): string {
  const server = isServerProvider(model.provider)
  if (!model.price) return i18n.t(server ? 'cloud.price.onServer' : 'cloud.price.unknown')
  if (isFree(model.price)) return i18n.t(server ? 'cloud.price.onServer' : 'cloud.price.free')
  const label = i18n.t('cloud.price.perM', { input: formatPrice(model.price.inputPerMTokens), output: formatPrice(model.price.outputPerMTokens) })
  return model.price.estimated ? i18n.t('cloud.price.estimated', { price: label }) : label
}

/** A picker line: "GPT-x — $0.40 in / $1.60 out per M tokens". */
export const cloudModelLabel = (model: CloudModel): string => `${model.name} — ${priceLabel(model)}`

/** Where a price comes from, without reference tags meant for engineers ("OpenAI models page [OAI-MODELS]" → "OpenAI models page"). */
export const priceSource = (source: string): string => source.replace(/\s*\[[^\]]*\]/g, '').trim() || source

/** "2025-06-01" → "Jun 1, 2025", "1 jun 2025", "2025年6月1日" (the date a price was taken, in the language on screen); other text as it is. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day)
  if (!match) return day
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' })
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
    return i18n.t('cloud.urlProblem.whole', { example: 'http://127.0.0.1:11434/v1' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return i18n.t('cloud.urlProblem.scheme')
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
