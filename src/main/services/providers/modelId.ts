import type { ProviderId } from '../../../shared/api'
import { isProviderId, SERVER_REF } from './providerTable'

export interface CloudModelRef {
  /** A ProviderId, or `server.<id>` for an added OpenAI-compatible server. */
  provider: ProviderId | `server.${string}`
  /** The provider's own model name (may itself contain ':' or '/'). */
  model: string
}

/**
 * `<provider>:<model>` → its parts, or null when the id is not a cloud model's. Only the first ':'
 * separates, so `server.ollama:llama3.2:3b` is Ollama's `llama3.2:3b`; a local id such as
 * `imported/llama3.2:3b` is not cloud (its part before ':' is no provider).
 */
export function parseCloudModelId(id: string): CloudModelRef | null {
  const colon = id.indexOf(':')
  if (colon <= 0) return null
  const provider = id.slice(0, colon)
  const model = id.slice(colon + 1)
  if (model.trim() === '' || model !== model.trim()) return null
  if (isProviderId(provider)) return { provider, model }
  if (SERVER_REF.test(provider)) return { provider: provider as `server.${string}`, model }
  return null
}

export function cloudModelId(provider: string, model: string): string {
  return `${provider}:${model}`
}
