import { AUTO_MODEL_ID, type RouteDecision, type RouteMode, type Settings, type UsageRecord } from '../../../shared/api'
import { formatMoney } from '../../../shared/money'
import type { Clock } from '../ports'
import { limitsFor, meter, rateLimitState, worseState } from '../usage'
import { decide, localTiers } from './policy'
import type { CloudOption, LocalOption, RouteRequest, RouteScope } from './types'

/** After a cloud request finds no internet, Auto stays local this long before trying the cloud again. */
export const OFFLINE_BACKOFF_MS = 60_000

export interface RouterDeps {
  settings(): Settings
  /** Installed, usable local models with their fit here. */
  localModels(): Promise<LocalOption[]>
  /** Catalog models of the providers with a usable key. */
  cloudModels(): CloudOption[]
  /** Any cloud or server model id as an option (for a model the user picked); null when unknown. */
  cloudModel(id: string): CloudOption | null
  isCloudModel(id: string): boolean
  ledger: { records(): readonly UsageRecord[] }
  clock: Clock
  /** What Auto learned from the user's ratings (feedback/learner.ts); none when absent. */
  learned?(): ReadonlySet<string>
}

/**
 * The policy's stateful side: gathers what the pure `decide` needs (installed models, keys, budget,
 * rate limits, whether the internet answered lately) and asks it.
 */
export class Router {
  private offlineUntil = 0

  constructor(private readonly deps: RouterDeps) {}

  /**
   * Local only overrides a picked cloud model too (Aura then picks among the local models), but not
   * a server on this computer or one the user marked private.
   */
  mode(modelId: string, scope: RouteScope = {}): RouteMode {
    const localOnly = this.deps.settings().localOnly || scope.localOnly === true
    if (modelId === AUTO_MODEL_ID) return localOnly ? 'local_only' : 'auto'
    if (!localOnly || !this.deps.isCloudModel(modelId)) return 'model'
    return this.deps.cloudModel(modelId)?.server?.staysPrivate ? 'model' : 'local_only'
  }

  /** A server model the user put in a local tier (a local or cloud id there is not a server's: null). */
  private tierServer(modelId: string | null): CloudOption | null {
    if (modelId === null || !this.deps.isCloudModel(modelId)) return null
    const option = this.deps.cloudModel(modelId)
    return option?.server ? option : null
  }

  async decide(request: RouteRequest, modelId: string, scope: RouteScope = {}): Promise<RouteDecision> {
    const settings = this.deps.settings()
    const mode = this.mode(modelId, scope)
    const now = this.deps.clock.now()
    let local = await this.deps.localModels()
    // A picked local model that cannot be used (damaged, gone) still goes first: loading it says what is wrong.
    if (mode === 'model' && !this.deps.isCloudModel(modelId) && !local.some((option) => option.id === modelId)) {
      local = [...local, { id: modelId, name: modelId, parameters: null, sizeBytes: 0, contextTokens: settings.contextSize, fit: null }]
    }
    let cloud = this.deps.cloudModels()
    // A picked cloud model stays in the list under Local only too, so the decision says why it was passed over.
    if (modelId !== AUTO_MODEL_ID && this.deps.isCloudModel(modelId) && !cloud.some((option) => option.id === modelId)) {
      const picked = this.deps.cloudModel(modelId)
      if (picked) cloud = [...cloud, picked]
    }
    const records = this.deps.ledger.records()
    let tierServers = { fast: this.tierServer(settings.fastModelId), quality: this.tierServer(settings.qualityModelId) }
    // A scope's models narrow every list the policy picks from (an app's key limited to some models).
    const allowed = scope.models
    if (allowed) {
      const mayUse = (option: { id: string }) => allowed.has(option.id)
      local = local.filter(mayUse)
      cloud = cloud.filter(mayUse)
      tierServers = { fast: tierServers.fast && mayUse(tierServers.fast) ? tierServers.fast : null, quality: tierServers.quality && mayUse(tierServers.quality) ? tierServers.quality : null }
    }
    const rateLimited = new Set<string>()
    const providers = [...cloud, tierServers.fast, tierServers.quality].flatMap((option) => (option ? [option.provider] : []))
    for (const provider of new Set(providers)) {
      if (rateLimitState(records, provider, now, limitsFor(settings, provider)).limited) rateLimited.add(provider)
    }
    return decide({
      request,
      mode,
      ...(modelId !== AUTO_MODEL_ID && { modelId }),
      maxTokens: settings.maxTokens,
      preferQuality: settings.preferQuality,
      local,
      fastModelId: settings.fastModelId,
      qualityModelId: settings.qualityModelId,
      tierServers,
      cloud,
      autoCloudModelId: settings.autoCloudModelId,
      conditions: { offline: now < this.offlineUntil, budget: worseState(meter(records, now, settings).state, scope.budget ?? 'ok'), rateLimited },
      formatCost: (usd) => formatMoney(usd, settings),
      learned: this.deps.learned?.() ?? new Set(),
      ...(scope.language && { language: scope.language }),
    })
  }

  /** The models of the local tiers now: what "what Auto learned" names. */
  async localTiers(): Promise<ReturnType<typeof localTiers>> {
    const { fastModelId, qualityModelId } = this.deps.settings()
    return localTiers({ local: await this.deps.localModels(), fastModelId, qualityModelId })
  }

  /** Seconds until Aura's own request limit lets the next request go to `provider`. */
  retryAfterSeconds(provider: string): number {
    const settings = this.deps.settings()
    return rateLimitState(this.deps.ledger.records(), provider, this.deps.clock.now(), limitsFor(settings, provider)).retryAfterSeconds
  }

  /** A cloud request could not reach the internet: keep Auto local for a while. */
  noteOffline(): void {
    this.offlineUntil = this.deps.clock.now() + OFFLINE_BACKOFF_MS
  }

  noteOnline(): void {
    this.offlineUntil = 0
  }
}

