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
import { cloudSetup, type CloudProvidersDeps, type CloudSetup, type ServerEntry } from './deps'
import { generate } from './generate'
import { testKey, type KeyCheck } from './keyCheck'
import { listModels, modelEntry, serverModels } from './modelList'
import { modelPrice, replyCost } from './pricing'
import type { CloudGenerateRequest } from './types'

export class CloudProviders {
  private readonly setup: CloudSetup

  constructor(deps: CloudProvidersDeps) {
    this.setup = cloudSetup(deps)
    // The AI SDK prints its warnings (e.g. "temperature is not supported") to the console; Aura has its own logger.
    const g = globalThis as { AI_SDK_LOG_WARNINGS?: unknown }
    g.AI_SDK_LOG_WARNINGS ??= false
  }

  /**
   * Catalog models of the given providers (default: those with a key), and the live model list of
   * each added server `askServer` allows (a server that does not answer is left out). Never throws.
   */
  models(providers?: readonly string[], askServer?: (server: ServerEntry) => boolean): Promise<CloudModel[]> {
    return listModels(this.setup, providers, askServer)
  }

  /** An added server's models from its `GET /models`. Throws AuraError in plain words when it cannot. */
  serverModels(serverId: string): Promise<CloudModel[]> {
    return serverModels(this.setup, serverId)
  }

  /** One model's entry (catalog, server or any `<provider>:<model>`), without asking the network; null for unknown providers or servers. */
  model(id: string): CloudModel | null {
    return modelEntry(this.setup, id)
  }

  /** The price shown for a model id: the user's edit, else the catalog's, else 0 for a server's model; null when unknown. */
  price(id: string, overrides = this.setup.deps.priceOverrides()): Price | null {
    return modelPrice(id, overrides, this.setup.clock.now())
  }

  /** What a reply with this usage cost, in USD; null when the model has no price. */
  cost(id: string, usage: Usage): number | null {
    return replyCost(id, usage, this.setup.deps.priceOverrides(), this.setup.clock.now())
  }

  /**
   * Streams a reply from a cloud model or an added server. Resolves with stopReason 'aborted' and
   * the text so far when `signal` aborts; rejects with an AuraError in plain words otherwise
   * ('unauthorized', or 'generation_failed' with `data.reason`). Never retries.
   */
  generate(request: CloudGenerateRequest): Promise<GenerateResult> {
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
