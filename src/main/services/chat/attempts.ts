import {
  AuraError,
  type AuraErrorShape,
  type ErrorCode,
  type Message,
  type MessageRoute,
  type RouteCandidate,
  type ReplyPhase,
  type RouteDecision,
  type Threads,
  type Tier,
} from '../../../shared/api'
import { currentLanguage, lowerFirst, say, shapeIn, words, type Language, type Words } from '../../../shared/i18n'
import { estimateTokens } from '../../../shared/units'
import { modelDefaultsOf } from '../../../shared/modelDefaults'
import type { ChatTurn, GenerateResult, InferenceEngine, ReplyOptions, ToolCall } from '../engine/inferenceEngine'
import type { CloudGenerateRequest } from '../providers/types'
import type { Logger } from '../ports'
import { ResponseCache } from '../router/cache'
import { failureNote, fallbackReason } from '../router/fallbackNotes'
import { assessQuality } from '../router/quality'
import type { Router } from '../router/router'
import type { RouteRequest, RouteScope } from '../router/types'
import type { SettingsService } from '../settings/settingsService'
import type { UsageFields } from '../usage'

interface ModelResolver {
  resolve(idOrPath: string): Promise<{ id: string; file: string }>
}

/** Cloud replies (providers with the user's keys), told apart from local models by their id. */
export interface CloudReplies {
  isCloudModel(modelId: string): boolean
  generate(request: CloudGenerateRequest): Promise<GenerateResult>
  /** The provider a cloud model id goes to (`openai`, `server.ollama`). */
  providerOf(modelId: string): string
  /** What these tokens cost on a cloud model (`estimated`: at a stand-in price). */
  cost(modelId: string, usage: { inputTokens: number; outputTokens: number }): { usd: number; estimated: boolean } | null
}

/** Where each request is written down (the usage ledger, the cost meter, budget notices). */
interface UsageRecorder {
  record(fields: UsageFields): Promise<void>
  /** What these tokens would have cost on the savings baseline model (USD). */
  baselineCost(inputTokens: number, outputTokens: number): number
}

export interface AttemptsDeps {
  cloud: CloudReplies
  models: ModelResolver
  engine: InferenceEngine
  router: Pick<Router, 'decide' | 'noteOffline' | 'noteOnline' | 'retryAfterSeconds'>
  usage: UsageRecorder
  cache: ResponseCache
  settings: SettingsService
  logger: Logger
}

/** What the router decided for a reply, and the models to try in order. */
export interface Plan {
  decision: RouteDecision
  chain: RouteCandidate[]
  request: RouteRequest
}

/** How one run goes out: where its text and model changes go, and what it is written down under. */
export interface RunHooks {
  signal: AbortSignal
  onText(text: string): void
  /** A reasoning model's thoughts, and where each reply is (loading, reading, thinking, writing). */
  onThought?: (text: string) => void
  onPhase?: (phase: ReplyPhase) => void
  /** Before a later candidate is asked: `route` already says why (its text starts over). */
  onSwitch(modelId: string, route: MessageRoute): Promise<void>
  /** The ledger's links to the reply (null for the CLI). */
  conversationId: string | null
  messageId: string | null
  /** Load a model the memory estimate says is too big (the user chose to). */
  loadAnyway?: boolean
  /** The CLI's `--max-tokens` and `--threads` (an API request's `max_tokens`, `temperature`), over the settings. */
  maxTokens?: number
  threads?: Threads
  temperature?: number
  /** Tools, JSON output, stop strings, sampling: to whichever model answers (an API request's). */
  reply?: ReplyOptions
  /** The app that asked through the API (its key's name): written into the ledger. */
  app?: string
  /** Whose prompt the engine keeps between requests (default: the conversation id). */
  cacheKey?: string
  /** false: a weak answer stands (with its warning) — a stream already sent cannot be taken back. */
  retryWeak?: boolean
}

/** How a run ended: what the message becomes. */
export interface Outcome {
  status: Message['status']
  content: string
  error?: AuraErrorShape
  stats?: Message['stats']
  modelId: string
  /** How the answer ended, with the calls it made (absent when it failed). */
  stopReason?: GenerateResult['stopReason']
  toolCalls?: ToolCall[]
  /** The stop string that ended it (stopReason `stop`), when the model tells. */
  stopSequence?: string
}

/** One model's try at a reply. */
type Attempt =
  | { kind: 'answered'; result: GenerateResult; cacheHit: boolean | null }
  | { kind: 'failed'; error: AuraErrorShape; text: string; fatal: boolean }

/** Weakest to strongest: "Try a stronger model" asks a tier above the one that answered. */
const TIER_RANK: Record<Tier, number> = { 'local-fast': 0, 'local-quality': 1, cloud: 2 }

/**
 * The fallback loop, one for the app and the CLI: asks each candidate of a route in turn (from the
 * response cache, the cloud or the local engine), moves on when one fails or answers weakly, writes
 * every request into the usage ledger, and says in plain words when the last answer is weak or
 * every model failed.
 */
export class Attempts {
  constructor(private readonly deps: AttemptsDeps) {}

  /** Asks the router; refuses when nothing may answer (Local only, budget, request limits, nothing installed). */
  async plan(request: RouteRequest, modelId: string, scope?: RouteScope): Promise<Plan> {
    const decision = await this.deps.router.decide(request, modelId, scope)
    const chain = decision.candidates.filter((c) => c.skipped === null)
    if (chain.length === 0) this.refuse(decision, decision.reason)
    return { decision, chain, request }
  }

  /**
   * The plan for "Try a stronger model": Auto's candidates for the same request above `fromTier`,
   * the next stronger first (local-fast → local-quality → cloud), within Local only, the budget and
   * the keys. Refuses in plain words when there is none.
   */
  async strongerPlan(request: RouteRequest, fromTier: Tier | null, scope?: RouteScope): Promise<Plan> {
    const decision = await this.deps.router.decide(request, 'auto', scope)
    const above = (c: RouteCandidate) => fromTier === null || TIER_RANK[c.tier] > TIER_RANK[fromTier]
    const stronger = decision.candidates.filter(above).sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier])
    const usable = stronger.filter((c) => c.skipped === null)
    if (usable.length === 0 && !stronger.some((c) => c.skipped !== null)) {
      throw new AuraError('no_model_available', words('chat.strongestAlready'))
    }
    const plan = { decision: { ...decision, candidates: stronger }, chain: usable, request }
    if (usable.length === 0) this.refuse(plan.decision, refusalText(plan.decision))
    return plan
  }

  /** Nothing may answer: an error the page can act on (its code), with why in plain words. */
  private refuse(decision: RouteDecision, reason: string | Words): never {
    const code = refusalCode(decision)
    if (code !== 'rate_limited') throw new AuraError(code, reason)
    const waits = decision.candidates.filter((c) => c.constraint === 'rate_limit').map((c) => this.deps.router.retryAfterSeconds(this.deps.cloud.providerOf(c.modelId)))
    throw new AuraError(code, reason, { retryAfterSeconds: Math.min(...waits) })
  }

  /** Runs the plan's chain into `route` (tier, reason, attempts, confidence, warning); never throws. */
  async run(plan: Plan, route: MessageRoute, hooks: RunHooks): Promise<Outcome> {
    const { settings, router } = this.deps
    const { signal } = hooks
    const { qualityThreshold, retryWeakAnswers } = settings.get()
    // A model the user picked answers as it answers; Auto asks the next one when an answer looks weak.
    const retryWeak = retryWeakAnswers && plan.decision.mode !== 'model' && hooks.retryWeak !== false
    let end: Omit<Outcome, 'modelId'> | null = null
    let modelId = plan.chain[0]!.modelId
    let offline = false
    const failures: string[] = []
    // The page reads the user's language; an app through the API reads English.
    const language = hooks.app === undefined ? currentLanguage() : 'en'

    for (let i = 0; i < plan.chain.length; i++) {
      const candidate = plan.chain[i]!
      if (offline && candidate.tier === 'cloud') continue
      if (candidate.modelId !== modelId) {
        modelId = candidate.modelId
        Object.assign(route, { tier: candidate.tier, server: candidate.server ?? null, reason: fallbackReason(route.attempts.at(-1)!.note, candidate, language) })
        await hooks.onSwitch(modelId, structuredClone(route))
      }
      const next = plan.chain.slice(i + 1).find((c) => !(offline && c.tier === 'cloud'))
      const startedAt = performance.now()
      const attempt = await this.attempt(candidate, plan, hooks, language)
      const latencyMs = performance.now() - startedAt
      const ids = { conversationId: hooks.conversationId, messageId: hooks.messageId, app: hooks.app, latencyMs, fallbacks: route.attempts.map((a) => a.note) }

      if (attempt.kind === 'failed') {
        const note = failureNote(attempt.error, candidate, language)
        failures.push(note)
        await this.record(candidate, plan, route, { ...ids, outcome: signal.aborted ? 'stopped' : 'failed', text: attempt.text, error: attempt.error.message })
        if (isOffline(attempt.error)) {
          router.noteOffline()
          offline = true
        }
        if (signal.aborted) {
          end = { status: 'stopped', content: attempt.text }
          break
        }
        if (attempt.fatal || !next) {
          end = { status: 'error', content: attempt.text, error: allFailed(failures, attempt.error, language) }
          break
        }
        route.attempts.push({ modelId, tier: candidate.tier, outcome: 'failed', note, text: attempt.text, confidence: null })
        continue
      }

      const { result, cacheHit } = attempt
      if (candidate.tier === 'cloud' && !cacheHit) router.noteOnline()
      const stopped = result.stopReason === 'aborted'
      // Tool calls are not prose: the quality check has nothing to read.
      const quality = stopped || result.stopReason === 'tool_calls' ? null : assessQuality({ text: result.text, stopReason: result.stopReason, request: plan.request, language })
      route.confidence = quality?.confidence ?? null
      route.cacheHit = cacheHit === true
      const weak = quality !== null && quality.confidence < qualityThreshold
      await this.record(candidate, plan, route, { ...ids, outcome: stopped ? 'stopped' : weak ? 'low_quality' : 'ok', result, cacheHit })
      if (weak && retryWeak && next) {
        route.attempts.push({ modelId, tier: candidate.tier, outcome: 'low_quality', note: quality.note ?? 'The answer looked weak', text: result.text, confidence: quality.confidence })
        continue
      }
      if (weak) route.warning = weakWarning(quality.note, language)
      else delete route.warning
      if (!stopped && !weak && !cacheHit) this.remember(candidate, plan, hooks, result)
      end = { status: stopped ? 'stopped' : 'done', content: result.text, stats: result.stats, stopReason: result.stopReason, ...(result.toolCalls && { toolCalls: result.toolCalls }), ...(result.stopSequence !== undefined && { stopSequence: result.stopSequence }) }
      break
    }
    // Every candidate left was a cloud model and the internet is gone.
    end ??= { status: 'error', content: '', error: { code: 'no_model_available', message: say('chat.offline', {}, language) } }
    return { ...end, modelId }
  }

  /** One model's try: from the cache, the cloud or the local engine. Never throws. */
  private async attempt(candidate: RouteCandidate, plan: Plan, hooks: RunHooks, language: Language): Promise<Attempt> {
    const { cloud, models, engine, settings, cache } = this.deps
    const { kvCacheType, gpuLayers, flashAttention } = modelDefaultsOf(settings.get(), candidate.modelId)
    const { maxTokens, threads, temperature, contextSize } = this.limits(hooks, candidate.modelId)
    const { signal } = hooks
    const reply = hooks.reply ?? {}
    const messages = turnsOf(plan)
    const cacheable = this.cacheable(hooks, candidate.modelId)
    const key = cacheable ? ResponseCache.key({ modelId: candidate.modelId, messages, maxTokens, temperature }) : null
    const cached = key ? cache.get(key) : null
    if (cached) {
      hooks.onText(cached.text)
      return {
        kind: 'answered',
        cacheHit: true,
        result: { text: cached.text, stopReason: cached.stopReason, stats: { tokens: cached.outputTokens, tokensPerSecond: 0, timeToFirstTokenMs: 0, inputTokens: cached.inputTokens, costUsd: 0 } },
      }
    }
    let text = ''
    const onText = (piece: string) => {
      text += piece
      hooks.onText(piece)
    }
    const { onThought, onPhase } = hooks
    try {
      let result: GenerateResult
      if (cloud.isCloudModel(candidate.modelId)) {
        result = await cloud.generate({ ...reply, model: candidate.modelId, messages, maxTokens, temperature, signal, onText, onThought, onPhase })
      } else {
        const model = await models.resolve(candidate.modelId)
        const loadAnyway = hooks.loadAnyway ?? false
        // The conversation keeps its evaluated tokens in a slot of the engine between turns.
        const cacheKey = hooks.cacheKey ?? hooks.conversationId ?? undefined
        result = await engine.generate({ ...reply, model: { id: model.id, file: model.file }, messages, maxTokens, temperature, threads, contextSize, kvCacheType, gpuLayers, flashAttention, loadAnyway, cacheKey, signal, onText, onThought, onPhase })
        // Local replies are free: say so rather than leave the cost unknown.
        result.stats.costUsd = 0
      }
      result.stats.inputTokens ??= plan.decision.promptTokens
      return { kind: 'answered', result, cacheHit: cacheable ? false : null }
    } catch (error) {
      const shape = error instanceof AuraError ? shapeIn(error, language) : unexpected(error, language)
      if (!(error instanceof AuraError)) this.deps.logger.error('Reply failed', { error: String(error) })
      // The engine refused (`busy`), or the request itself is wrong: another model would not help.
      return { kind: 'failed', error: shape, text, fatal: shape.code === 'busy' || shape.code === 'invalid_input' }
    }
  }

  /** The request's own limits, else the model's defaults, else the settings'. */
  private limits(hooks: RunHooks, modelId: string): { maxTokens: number; threads: Threads; temperature: number; contextSize: number } {
    const settings = this.deps.settings.get()
    const model = modelDefaultsOf(settings, modelId)
    return { maxTokens: hooks.maxTokens ?? settings.maxTokens, threads: hooks.threads ?? settings.threads, temperature: hooks.temperature ?? model.temperature, contextSize: model.contextSize }
  }

  /** The response cache answers plain text requests: its key holds neither tools, a format, stop strings nor sampling. */
  private cacheable(hooks: RunHooks, modelId: string): boolean {
    const plain = Object.values(hooks.reply ?? {}).every((value) => value === undefined)
    return plain && ResponseCache.applies(this.deps.settings.get().responseCache, this.limits(hooks, modelId).temperature)
  }

  private remember(candidate: RouteCandidate, plan: Plan, hooks: RunHooks, result: GenerateResult): void {
    const { maxTokens, temperature } = this.limits(hooks, candidate.modelId)
    // A reply that is tool calls is not its text: not cached.
    if (!this.cacheable(hooks, candidate.modelId) || result.stopReason === 'aborted' || result.stopReason === 'tool_calls') return
    this.deps.cache.set(ResponseCache.key({ modelId: candidate.modelId, messages: turnsOf(plan), maxTokens, temperature }), {
      text: result.text,
      stopReason: result.stopReason,
      inputTokens: result.stats.inputTokens ?? plan.decision.promptTokens,
      outputTokens: result.stats.tokens,
    })
  }

  /**
   * The cost and token details to book. A cloud reply cut short (stopped, or failed mid-stream)
   * reports no usage: its counted tokens are booked at the model's price, marked estimated.
   */
  private booked(
    modelId: string,
    stats: GenerateResult['stats'] | 'cached' | undefined,
    inputTokens: number,
    outputTokens: number,
  ): Pick<UsageFields, 'costUsd' | 'costEstimated' | 'cacheReadTokens' | 'cacheWriteTokens' | 'reasoningTokens'> {
    if (stats === 'cached') return { costUsd: 0 }
    const details = {
      ...(stats?.cacheReadTokens ? { cacheReadTokens: stats.cacheReadTokens } : {}),
      ...(stats?.cacheWriteTokens ? { cacheWriteTokens: stats.cacheWriteTokens } : {}),
      ...(stats?.reasoningTokens ? { reasoningTokens: stats.reasoningTokens } : {}),
    }
    if (typeof stats?.costUsd === 'number') return { costUsd: stats.costUsd, ...(stats.costEstimated ? { costEstimated: true } : {}), ...details }
    if (!this.deps.cloud.isCloudModel(modelId) || outputTokens === 0) return { costUsd: 0, ...details }
    const cost = this.deps.cloud.cost(modelId, { inputTokens, outputTokens })
    return { costUsd: cost?.usd ?? 0, ...(cost && cost.usd > 0 ? { costEstimated: true } : {}), ...details }
  }

  /** Writes one request into the usage ledger; a ledger that cannot be written never fails the reply. */
  private async record(
    candidate: RouteCandidate,
    plan: Plan,
    route: MessageRoute,
    run: {
      conversationId: string | null
      messageId: string | null
      app?: string
      latencyMs: number
      fallbacks: string[]
      outcome: UsageFields['outcome']
      result?: GenerateResult
      text?: string
      cacheHit?: boolean | null
      error?: string
    },
  ): Promise<void> {
    const { cloud, usage } = this.deps
    const stats = run.result?.stats
    const inputTokens = stats?.inputTokens ?? plan.decision.promptTokens
    const outputTokens = stats?.tokens ?? estimateTokens(run.text ?? '')
    const isCloud = cloud.isCloudModel(candidate.modelId)
    const provider = isCloud ? cloud.providerOf(candidate.modelId) : 'local'
    try {
      await usage.record({
        conversationId: run.conversationId,
        messageId: run.messageId,
        modelId: candidate.modelId,
        modelName: candidate.modelName,
        provider,
        tier: candidate.tier,
        mode: plan.decision.mode,
        reason: route.reason,
        complexity: plan.decision.complexity,
        taskType: plan.decision.taskType,
        inputTokens,
        outputTokens,
        // A reply the cloud cut short reports no usage: it is counted at its price all the same.
        ...this.booked(candidate.modelId, run.cacheHit === true ? 'cached' : stats, inputTokens, outputTokens),
        // Your own server saves nothing Aura can vouch for (see usage/savings.ts savedUsd).
        baselineCostUsd: provider.startsWith('server.') ? 0 : usage.baselineCost(inputTokens, outputTokens),
        latencyMs: run.latencyMs,
        ttftMs: stats && stats.tokens > 0 ? stats.timeToFirstTokenMs : null,
        // The model's own measure of its writing speed (the picker's "tokens/s here").
        ...(stats && stats.tokens > 1 && run.cacheHit !== true && { tokensPerSecond: stats.tokensPerSecond }),
        cacheHit: run.cacheHit ?? null,
        fallbacks: run.fallbacks,
        outcome: run.outcome,
        confidence: run.outcome === 'failed' ? null : route.confidence,
        error: run.error ?? null,
        ...(run.app !== undefined && { app: run.app }),
      })
    } catch (error) {
      this.deps.logger.error('Could not write the usage ledger', { error: String(error) })
    }
  }
}

/** The route a reply starts with: the first candidate's tier and Auto's reason. */
export function startRoute(plan: Plan): MessageRoute {
  const { decision, chain } = plan
  return {
    mode: decision.mode,
    tier: chain[0]!.tier,
    complexity: decision.complexity,
    taskType: decision.taskType,
    reason: decision.reason,
    attempts: [],
    confidence: null,
    cacheHit: false,
    ...(chain[0]!.server && { server: chain[0]!.server }),
  }
}

/** The tier a reply came from: its route's, else read from the model id (a reply made before routes). */
export function tierOf(route: MessageRoute | null | undefined, isCloud: boolean): Tier {
  return route?.tier ?? (isCloud ? 'cloud' : 'local-fast')
}

function turnsOf(plan: Plan): ChatTurn[] {
  const { history, text, after = [] } = plan.request
  return [...history, { role: 'user', content: text }, ...after]
}

/** The last answer looks weak: say so, and what to do. */
function weakWarning(note: string | null, language: Language): string {
  return note ? say('chat.weakBecause', { why: lowerFirst(note) }, language) : say('chat.weak', {}, language)
}

/** More than one model failed: one plain sentence with each one's note rather than the last raw error. */
function allFailed(notes: string[], last: AuraErrorShape, language: Language): AuraErrorShape {
  if (notes.length < 2) return last
  const list = notes.map((note, i) => (i === 0 ? note : lowerFirst(note)))
  return { ...last, message: say('chat.allFailed', { notes: list.slice(0, -1).join(say('chat.listComma', {}, language)), last: list.at(-1)! }, language) }
}

/** Why nothing may answer, as an error code the page can act on. */
function refusalCode(decision: RouteDecision): ErrorCode {
  const constraints = new Set(decision.candidates.map((candidate) => candidate.constraint))
  if (constraints.has('budget')) return 'budget_exhausted'
  if (constraints.has('rate_limit')) return 'rate_limited'
  if (constraints.has('local_only')) return 'local_only'
  return 'no_model_available'
}

/** Why none of the stronger candidates may answer, from the first one passed over. */
function refusalText(decision: RouteDecision): Words {
  const first = decision.candidates.find((c) => c.skipped !== null)
  const why = first?.skipped ? lowerFirst(first.skipped) : say('chat.noneAvailable', {}, 'en')
  return words(first?.constraint === 'no_key' ? 'chat.noStrongerAddKey' : 'chat.noStronger', { why })
}

function isOffline(error: AuraErrorShape): boolean {
  const data = error.data as { reason?: string } | undefined
  return data?.reason === 'offline'
}

function unexpected(error: unknown, language: Language): AuraErrorShape {
  const detail = error instanceof Error ? error.message : String(error)
  return { code: 'generation_failed', message: say('chat.unexpected', { detail }, language) }
}
