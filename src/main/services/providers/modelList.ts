/**
 * The models Aura offers: catalog models of the providers with a key, and each added server's live
 * list from its `GET /models`, each with its price.
 */
import { AuraError, PROVIDER_IDS, type CloudModel } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { apiGet, authHeaders } from './apiGet'
import { CLOUD_CATALOG, catalogModel, type CatalogModel } from './catalog'
import type { CloudSetup, ServerEntry } from './deps'
import { cloudModelId, parseCloudModelId } from './modelId'
import { modelPrice, type PriceOverride } from './pricing'
import { classifyHttp, problemError } from './problems'
import { PROVIDERS, isProviderId, serverRef } from './providerTable'
import { findTarget, problemContext } from './target'

/**
 * Catalog models of the given providers (default: those with a key), and the live model list of
 * each added server `askServer` allows (a server that does not answer is left out). Never throws.
 */
export async function listModels(setup: CloudSetup, providers?: readonly string[], askServer: (server: ServerEntry) => boolean = () => true): Promise<CloudModel[]> {
  const { deps } = setup
  const wanted = new Set((providers ?? PROVIDER_IDS.filter((p) => findTarget(deps, p)?.key != null)).filter(isProviderId))
  const overrides = deps.priceOverrides()
  const cloud = CLOUD_CATALOG.filter((m) => wanted.has(m.provider)).map((m) => catalogToCloudModel(setup, m, overrides))
  const servers = await Promise.all(
    deps.servers().filter(askServer).map((server) =>
      serverModels(setup, server.id).catch((error: unknown) => {
        setup.logger.warn('providers: a server did not list its models', { server: server.name, reason: error instanceof AuraError ? error.message : 'unknown' })
        return [] as CloudModel[]
      }),
    ),
  )
  return [...cloud, ...servers.flat()]
}

/** An added server's models from its `GET /models`. Throws AuraError in plain words when it cannot. */
export async function serverModels(setup: CloudSetup, serverId: string): Promise<CloudModel[]> {
  const target = findTarget(setup.deps, serverRef(serverId))
  if (!target) throw new AuraError('not_found', words('keys.serverGone'))
  const ctx = problemContext(target)
  const answer = await apiGet(setup.fetch('model_list'), `${target.baseUrl}/models`, authHeaders(target), setup.timeouts.listMs)
  if ('problem' in answer) throw problemError(answer.problem, ctx)
  if (answer.status < 200 || answer.status >= 300) throw problemError(classifyHttp(answer.status, answer.headers, answer.json, { forKeyTest: true }), ctx)
  const items = listItems(answer.json)
  if (!items) throw problemError({ kind: 'wrong_address' }, ctx)
  const overrides = setup.deps.priceOverrides()
  return items.map((item) => {
    const id = cloudModelId(target.ref, item.id)
    return {
      id,
      provider: target.ref,
      providerName: target.name,
      model: item.id,
      name: item.id,
      contextWindow: item.contextWindow,
      capabilities: ['chat'],
      price: modelPrice(id, overrides, setup.clock.now(), setup.livePrices),
    }
  })
}

/** One model's entry (catalog, server or any `<provider>:<model>`), without asking the network; null for unknown providers or servers. */
export function modelEntry(setup: CloudSetup, id: string): CloudModel | null {
  const ref = parseCloudModelId(id)
  if (!ref) return null
  const overrides = setup.deps.priceOverrides()
  const entry = catalogModel(ref.provider, ref.model)
  if (entry) return catalogToCloudModel(setup, entry, overrides)
  const target = findTarget(setup.deps, ref.provider)
  if (!target) return null
  return {
    id,
    provider: target.ref,
    providerName: target.name,
    model: ref.model,
    name: ref.model,
    contextWindow: null,
    capabilities: ['chat'],
    price: modelPrice(id, overrides, setup.clock.now(), setup.livePrices),
  }
}

function catalogToCloudModel(setup: CloudSetup, m: CatalogModel, overrides: Record<string, PriceOverride>): CloudModel {
  const id = cloudModelId(m.provider, m.model)
  return {
    id,
    provider: m.provider,
    providerName: PROVIDERS[m.provider].name,
    model: m.model,
    name: m.name,
    contextWindow: m.contextWindow,
    capabilities: [...m.capabilities],
    price: modelPrice(id, overrides, setup.clock.now(), setup.livePrices),
  }
}

/** Model ids in a models list: OpenAI-style `{data:[{id}]}`, Anthropic `{data:[{id}]}`, Gemini `{models:[{name:'models/…'}]}`. */
export function listItems(json: unknown): { id: string; contextWindow: number | null }[] | null {
  if (json === null || typeof json !== 'object') return null
  const body = json as Record<string, unknown>
  const list = Array.isArray(body.data) ? body.data : Array.isArray(body.models) ? body.models : null
  if (!list) return null
  const items: { id: string; contextWindow: number | null }[] = []
  for (const raw of list) {
    if (raw === null || typeof raw !== 'object') continue
    const item = raw as Record<string, unknown>
    const id = typeof item.id === 'string' ? item.id : typeof item.name === 'string' ? item.name.replace(/^models\//, '') : null
    if (!id) continue
    const meta = item.meta !== null && typeof item.meta === 'object' ? (item.meta as Record<string, unknown>) : {}
    // vLLM: max_model_len; OpenRouter: context_length; llama.cpp: meta.n_ctx_train; Gemini: inputTokenLimit.
    const context = [item.max_model_len, item.context_length, item.context_window, item.inputTokenLimit, meta.n_ctx_train].find(
      (v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0,
    )
    items.push({ id, contextWindow: context ?? null })
  }
  return items
}
