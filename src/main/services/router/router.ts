import { AUTO_MODEL_ID, type RouteDecision, type RouteMode, type Settings, type UsageRecord } from '../../../shared/api'
import { formatMoney } from '../../../shared/money'
import type { Clock } from '../ports'
import { limitsFor, meter, rateLimitState } from '../usage'
import { decide, localTiers } from './policy'
import type { CloudOption, LocalOption, RouteRequest } from './types'

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

  /** Local only overrides a picked cloud model too: Aura then picks among the local models. */
  mode(modelId: string): RouteMode {
    const localOnly = this.deps.settings().localOnly
    if (modelId === AUTO_MODEL_ID) return localOnly ? 'local_only' : 'auto'
    return localOnly && this.deps.isCloudModel(modelId) ? 'local_only' : 'model'
  }

  async decide(request: RouteRequest, modelId: string): Promise<RouteDecision> {
    const settings = this.deps.settings()
    const mode = this.mode(modelId)
    const now = this.deps.clock.now()
    let local = await this.deps.localModels()
    // A picked local model that cannot be used (damaged, gone) still goes first: loading it says what is wrong.
    if (mode === 'model' && !this.deps.isCloudModel(modelId) && !local.some((option) => option.id === modelId)) {
      local = [...local, { id: modelId, name: modelId, parameters: null, sizeBytes: 0, contextTokens: settings.contextSize, fit: null }]
    }
    let cloud = this.deps.cloudModels()
    if (mode === 'model' && this.deps.isCloudModel(modelId) && !cloud.some((option) => option.id === modelId)) {
      const picked = this.deps.cloudModel(modelId)
      if (picked) cloud = [...cloud, picked]
    }
    const records = this.deps.ledger.records()
    const rateLimited = new Set<string>()
    for (const provider of new Set(cloud.map((option) => option.provider))) {
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
      cloud,
      autoCloudModelId: settings.autoCloudModelId,
      conditions: { offline: now < this.offlineUntil, budget: meter(records, now, settings).state, rateLimited },
      formatCost: (usd) => formatMoney(usd, settings),
      learned: this.deps.learned?.() ?? new Set(),
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
