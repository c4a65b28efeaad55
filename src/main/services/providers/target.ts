/**
 * Where a request goes: a cloud provider or an added server, with its address and key, and who
 * the plain words of a failure are about.
 */
import { isProviderId, normalizeServerBaseUrl, PROVIDERS, serverRef, type ProviderSpec } from './providerTable'
import type { CloudProvidersDeps } from './deps'
import type { ProblemContext } from './problems'

export interface Target {
  ref: string
  kind: 'cloud' | 'server'
  name: string
  spec: ProviderSpec | null
  baseUrl: string
  customBaseUrl: boolean
  key: string | null
}

/** A ProviderId or `server.<id>` → its target; null for an unknown provider or a server no longer in the list. */
export function findTarget(deps: CloudProvidersDeps, ref: string): Target | null {
  if (isProviderId(ref)) {
    const spec = PROVIDERS[ref]
    const override = deps.baseUrl(ref)?.trim() || null
    const baseUrl = (override ?? spec.defaultBaseUrl).replace(/\/+$/, '')
    return { ref, kind: 'cloud', name: spec.name, spec, baseUrl, customBaseUrl: override !== null, key: deps.key(ref, baseUrl) }
  }
  if (!ref.startsWith('server.')) return null
  const server = deps.servers().find((s) => serverRef(s.id) === ref)
  if (!server) return null
  const baseUrl = normalizeServerBaseUrl(server.baseUrl)
  return { ref, kind: 'server', name: server.name, spec: null, baseUrl, customBaseUrl: true, key: deps.key(ref, baseUrl) }
}

export function problemContext(target: Target, model?: string): ProblemContext {
  return {
    name: target.name,
    kind: target.kind,
    keyUrl: target.spec?.keyUrl,
    baseUrl: target.baseUrl,
    customBaseUrl: target.customBaseUrl,
    hasKey: target.key !== null,
    model,
    secrets: target.key ? [target.key] : [],
  }
}
