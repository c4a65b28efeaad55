/**
 * Cloud models with the user's own keys, through the Vercel AI SDK: the model list (catalog +
 * the added servers' live lists), prices and costs, key tests, and streamed replies with usage and
 * cost. Each job lives in its own module; this class gives them one set of deps.
 *
 * Keys arrive through `deps.key(provider, baseUrl)` on every call, for the address they go to, and go only into request headers: never
 * into a log line, an error message or an error's data.
 */
import type { CloudModel, Price } from '../../../shared/api'
import type { GenerateResult } from '../engine/inferenceEngine'
import type { Usage } from './catalog'
import { cloudSetup, type CloudProvidersDeps, type CloudSetup } from './deps'
import { generate } from './generate'
import { testKey, type KeyCheck } from './keyCheck'
import { listModels, modelEntry, serverModels } from './modelList'
import { OpenRouterPrices, type LivePriceStatus } from './livePrices'
import { modelPrice, replyCost, type Cost } from './pricing'
import type { CloudGenerateRequest } from './types'

export class CloudProviders {
  private readonly setup: CloudSetup
  private readonly openRouterPrices: OpenRouterPrices

  constructor(deps: CloudProvidersDeps) {
    this.setup = cloudSetup(deps)
    this.openRouterPrices = new OpenRouterPrices(this.setup, deps.livePricesFile ?? null)
    this.setup.livePrices = this.openRouterPrices.lookup
    void this.openRouterPrices.load()
    // The AI SDK prints its warnings (e.g. "temperature is not supported") to the console; Aura has its own logger.
    const g = globalThis as { AI_SDK_LOG_WARNINGS?: unknown }
    g.AI_SDK_LOG_WARNINGS ??= false
  }

  /**
   * Catalog models of the given providers (default: those with a key), and each added server's
   * live model list (a server that does not answer is left out; none is asked with `askServers`
   * false). Never throws.
   */
  models(providers?: readonly string[], askServers = true): Promise<CloudModel[]> {
    return listModels(this.setup, providers, askServers)
  }

  /** An added server's models from its `GET /models`. Throws AuraError in plain words when it cannot. */
  serverModels(serverId: string): Promise<CloudModel[]> {
    return serverModels(this.setup, serverId)
  }

  /** One model's entry (catalog, server or any `<provider>:<model>`), without asking the network; null for unknown providers or servers. */
  model(id: string): CloudModel | null {
    return modelEntry(this.setup, id)
  }

  /** The price shown for a model id: the user's edit, the catalog's, OpenRouter's live one, 0 for a server's model, else a stand-in marked estimated; null for ids that are not cloud models. */
  price(id: string, overrides = this.setup.deps.priceOverrides()): Price | null {
    return modelPrice(id, overrides, this.setup.clock.now(), this.setup.livePrices)
  }

  /** What a reply with this usage cost (`estimated` at a stand-in price); null for ids that are not cloud models. */
  cost(id: string, usage: Usage): Cost | null {
    return replyCost(id, usage, this.setup.deps.priceOverrides(), this.setup.clock.now(), this.setup.livePrices)
  }

  /** OpenRouter's live prices: the date of the list in use and how many models it prices. */
  livePrices(): LivePriceStatus {
    return this.openRouterPrices.status()
  }

  /** Fetches OpenRouter's prices now. Throws an AuraError in plain words when it cannot. */
  refreshLivePrices(): Promise<LivePriceStatus> {
    return this.openRouterPrices.refresh()
  }

  /** Loads the kept list and, when there is an OpenRouter key, fetches a new one once it is `maxAgeMs` old (default a day). Never throws. */
  refreshLivePricesIfStale(maxAgeMs?: number): Promise<void> {
    return this.openRouterPrices.refreshIfStale(maxAgeMs)
  }

  /**
   * Streams a reply from a cloud model or an added server. Resolves with stopReason 'aborted' and
   * the text so far when `signal` aborts; rejects with an AuraError in plain words otherwise
   * ('unauthorized', or 'generation_failed' with `data.reason`). Never retries.
   */
  generate(request: CloudGenerateRequest): Promise<GenerateResult> {
    // Replies through OpenRouter keep its prices no more than a day old.
    if (request.model.startsWith('openrouter:')) void this.openRouterPrices.refreshIfStale()
    return generate(this.setup, request)
  }

  /**
   * The cheapest authenticated call for a provider or an added server (reference §1): the models
   * list, or xAI's key info, DeepSeek's balance, OpenRouter's key info (which also tell whether
   * credit is left). Never throws for what the provider answers; the status says it.
   */
  testKey(provider: string): Promise<KeyCheck> {
    return testKey(this.setup, provider)
  }
}
