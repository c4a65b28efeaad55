/**
 * The cloud providers Aura talks to with the user's own keys, and the OpenAI-compatible servers it
 * knows how to find. Facts from shared/reference/cloud-providers.md §1 and §6.
 */
import { PROVIDER_IDS, type ProviderId } from '../../../shared/api'

export interface ProviderSpec {
  id: ProviderId
  /** What the user calls it. */
  name: string
  /** Where the user makes a key (opened in the system browser). */
  keyUrl: string
  /** Conventional environment variables a key may come from, in the order they are read. */
  envVars: readonly string[]
  /** The provider's own API address, as the AI SDK package expects it. */
  defaultBaseUrl: string
  /** `AURA_<PROVIDER>_BASE_URL` replaces the base URL (tests, self-hosted gateways). */
  baseUrlEnvVar: string
  /** Which wire format it speaks (through which AI SDK package). */
  family: 'openai' | 'anthropic' | 'google' | 'xai' | 'deepseek' | 'moonshot' | 'openrouter'
}

export const PROVIDERS: Record<ProviderId, ProviderSpec> = {
  openai: {
    id: 'openai',
    name: 'OpenAI',
    keyUrl: 'https://platform.openai.com/api-keys',
    envVars: ['OPENAI_API_KEY'],
    defaultBaseUrl: 'https://api.openai.com/v1',
    baseUrlEnvVar: 'AURA_OPENAI_BASE_URL',
    family: 'openai',
  },
  anthropic: {
    id: 'anthropic',
    name: 'Anthropic',
    keyUrl: 'https://console.anthropic.com/settings/keys',
    envVars: ['ANTHROPIC_API_KEY'],
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    baseUrlEnvVar: 'AURA_ANTHROPIC_BASE_URL',
    family: 'anthropic',
  },
  google: {
    id: 'google',
    name: 'Google Gemini',
    keyUrl: 'https://aistudio.google.com/apikey',
    envVars: ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'],
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    baseUrlEnvVar: 'AURA_GOOGLE_BASE_URL',
    family: 'google',
  },
  xai: {
    id: 'xai',
    name: 'xAI Grok',
    keyUrl: 'https://console.x.ai',
    envVars: ['XAI_API_KEY'],
    defaultBaseUrl: 'https://api.x.ai/v1',
    baseUrlEnvVar: 'AURA_XAI_BASE_URL',
    family: 'xai',
  },
  deepseek: {
    id: 'deepseek',
    name: 'DeepSeek',
    keyUrl: 'https://platform.deepseek.com/api_keys',
    envVars: ['DEEPSEEK_API_KEY'],
    defaultBaseUrl: 'https://api.deepseek.com',
    baseUrlEnvVar: 'AURA_DEEPSEEK_BASE_URL',
    family: 'deepseek',
  },
  moonshot: {
    id: 'moonshot',
    name: 'Moonshot Kimi',
    keyUrl: 'https://platform.moonshot.ai/console/api-keys',
    envVars: ['MOONSHOT_API_KEY'],
    defaultBaseUrl: 'https://api.moonshot.ai/v1',
    baseUrlEnvVar: 'AURA_MOONSHOT_BASE_URL',
    family: 'moonshot',
  },
  openrouter: {
    id: 'openrouter',
    name: 'OpenRouter',
    keyUrl: 'https://openrouter.ai/settings/keys',
    envVars: ['OPENROUTER_API_KEY'],
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    baseUrlEnvVar: 'AURA_OPENROUTER_BASE_URL',
    family: 'openrouter',
  },
}

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value)
}

/** `server.<id>` names an OpenAI-compatible server the user added. */
export const SERVER_REF = /^server\.([a-z0-9-]{1,40})$/

export function isServerRef(value: string): boolean {
  return SERVER_REF.test(value)
}

/** A settings server id (`ollama`) or a ref (`server.ollama`) → the ref. */
export function serverRef(id: string): string {
  return id.startsWith('server.') ? id : `server.${id}`
}

export interface ServerPreset {
  /** Suggested id (the settings' `servers[].id`). */
  id: string
  name: string
  /** The OpenAI-compatible base URL (ends in /v1). */
  baseUrl: string
  /** Something the user should know when adding it. */
  note: string | null
}

/** OpenAI-compatible servers people run at home or on a GPU box (reference §6). */
export const SERVER_PRESETS: readonly ServerPreset[] = [
  { id: 'ollama', name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', note: null },
  { id: 'lm-studio', name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', note: 'Start the server in LM Studio (Developer tab) first.' },
  { id: 'vllm', name: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', note: 'If vLLM was started with --api-key, add that key too.' },
  { id: 'llama-cpp', name: 'llama.cpp server', baseUrl: 'http://127.0.0.1:8080/v1', note: 'If llama-server was started with --api-key, add that key too.' },
  {
    id: 'foundry-local',
    name: 'Foundry Local',
    baseUrl: 'http://127.0.0.1:5272/v1',
    note: 'Foundry Local may pick a new port each time it starts: `foundry service status` shows the address in use.',
  },
]

/**
 * An added server's base URL as the OpenAI-compatible client needs it: a bare address
 * (`http://127.0.0.1:11434`) gets `/v1`, a trailing slash goes.
 */
export function normalizeServerBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '')
  try {
    const url = new URL(trimmed)
    if (url.pathname === '' || url.pathname === '/') return `${trimmed}/v1`
  } catch {
    // not a URL: leave it for the request to fail with plain words
  }
  return trimmed
}

/** The key from the conventional environment variables, if one is set (first non-empty wins). */
export function keyFromEnv(provider: ProviderId, env: Record<string, string | undefined>): { key: string; envVar: string } | null {
  for (const envVar of PROVIDERS[provider].envVars) {
    const key = env[envVar]?.trim()
    if (key) return { key, envVar }
  }
  return null
}

/**
 * The base URL in use for a provider: `AURA_<PROVIDER>_BASE_URL`, else the user's setting, else the
 * provider's own. `override` is null when neither is set (what the CloudProviders `baseUrl` dep returns).
 */
export function resolveBaseUrl(
  provider: ProviderId,
  settings: Record<string, string>,
  env: Record<string, string | undefined>,
): { baseUrl: string; override: string | null; fromEnv: boolean } {
  const spec = PROVIDERS[provider]
  const fromEnv = env[spec.baseUrlEnvVar]?.trim()
  if (fromEnv) return { baseUrl: fromEnv, override: fromEnv, fromEnv: true }
  const fromSettings = settings[provider]?.trim()
  if (fromSettings) return { baseUrl: fromSettings, override: fromSettings, fromEnv: false }
  return { baseUrl: spec.defaultBaseUrl, override: null, fromEnv: false }
}
