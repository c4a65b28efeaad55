import {
  AuraError,
  type AuraErrorShape,
  type ErrorCode,
  type Message,
  type MessageRoute,
  type RouteCandidate,
  type RouteDecision,
} from '../../../shared/api'
import { formatMoney } from '../../../shared/money'
import { estimateTokens } from '../../../shared/units'
import type { EventHub } from '../events'
import type { ChatTurn, GenerateResult, InferenceEngine } from '../engine/inferenceEngine'
import type { CloudGenerateRequest } from '../providers/types'
import type { Logger } from '../ports'
import { ResponseCache } from '../router/cache'
import { assessQuality } from '../router/quality'
import type { Router } from '../router/router'
import type { RouteRequest } from '../router/types'
import type { SettingsService } from '../settings/settingsService'
import type { UsageFields } from '../usage'
import { DEFAULT_TITLE, type ConversationStore } from './conversationStore'
import { failureNote, fallbackReason } from '../router/fallbackNotes'

/** How often streamed text is sent to the page: about once per frame, never once per token. */
export const STREAM_BATCH_MS = 16
const TITLE_LENGTH = 60

interface ModelResolver {
  resolve(idOrPath: string): Promise<{ id: string; file: string }>
}

/** Cloud replies (providers with the user's keys), told apart from local models by their id. */
interface CloudReplies {
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

interface Deps {
  cloud: CloudReplies
  conversations: ConversationStore
  models: ModelResolver
  engine: InferenceEngine
  router: Pick<Router, 'decide' | 'noteOffline' | 'noteOnline' | 'retryAfterSeconds'>
  usage: UsageRecorder
  cache: ResponseCache
  settings: SettingsService
  events: EventHub
  logger: Logger
}

/** What the router decided for a reply, and the models to try in order. */
interface Plan {
  decision: RouteDecision
  chain: RouteCandidate[]
  request: RouteRequest
}

/** One model's try at a reply. */
type Attempt =
  | { kind: 'answered'; result: GenerateResult; cacheHit: boolean | null }
  | { kind: 'failed'; error: AuraErrorShape; text: string; fatal: boolean }

/**
 * Runs replies: routes each one (Auto, Local only, or the model the user picked), saves the turn,
 * streams the model's text to the page and to disk, falls back to the next model when one fails or
 * answers weakly, writes every request into the usage ledger, and stops on request.
 */
export class ChatService {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>()

  constructor(private readonly deps: Deps) {}

  async send(input: { conversationId: string; text: string; modelId: string; confirmCost?: boolean }): Promise<{ userMessage: Message; assistantMessage: Message }> {
    const { conversations, settings, events } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    // Routing (and its refusals: budget, cost to confirm, nothing to answer) comes before anything is saved.
    const plan = await this.plan({ text: input.text, history: toTurns(conversation.messages) }, input.modelId, input.confirmCost ?? false)
    const userMessage = await conversations.addMessage(conversation.id, { role: 'user', content: input.text, status: 'done', modelId: null })
    if (conversation.title === DEFAULT_TITLE) {
      events.emit('conversations.updated', await conversations.rename(conversation.id, titleFrom(input.text)))
    }
    await conversations.setModel(conversation.id, input.modelId)
    settings.update({ lastModelId: input.modelId })
    const assistantMessage = await this.reply(conversation.id, plan, false)
    return { userMessage, assistantMessage }
  }

  async regenerate(input: { conversationId: string; modelId: string; loadAnyway?: boolean; confirmCost?: boolean }): Promise<{ assistantMessage: Message }> {
    const { conversations } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    const last = conversation.messages.at(-1)
    if (!last) throw new AuraError('invalid_input', 'There is nothing to answer yet: send a message first.')
    const asked = last.role === 'assistant' ? conversation.messages.slice(0, -1) : conversation.messages
    const turns = toTurns(asked)
    const question = turns.at(-1)
    if (!question || question.role !== 'user') throw new AuraError('invalid_input', 'There is nothing to answer yet: send a message first.')
    const plan = await this.plan({ text: question.content, history: turns.slice(0, -1) }, input.modelId, input.confirmCost ?? false)
    if (last.role === 'assistant') await conversations.dropMessage(conversation.id, last.id)
    await conversations.setModel(conversation.id, input.modelId)
    return { assistantMessage: await this.reply(conversation.id, plan, input.loadAnyway ?? false) }
  }

  stop(conversationId: string): { stopped: boolean } {
    const run = this.active.get(conversationId)
    run?.controller.abort()
    return { stopped: Boolean(run) }
  }

  async dispose(): Promise<void> {
    const runs = [...this.active.values()]
    for (const run of runs) run.controller.abort()
    await Promise.all(runs.map((run) => run.done))
  }

  private ensureIdle(conversationId: string): void {
    if (this.active.has(conversationId)) {
      throw new AuraError('busy', 'Aura is still answering in this chat. Stop the reply or wait for it to finish.')
    }
  }

  /** Asks the router; refuses (before anything is saved) when nothing may answer or the cost needs a yes first. */
  private async plan(request: RouteRequest, modelId: string, confirmCost: boolean): Promise<Plan> {
    const decision = await this.deps.router.decide(request, modelId)
    const chain = decision.candidates.filter((candidate) => candidate.skipped === null)
    if (chain.length === 0) {
      const code = refusalCode(decision)
      if (code !== 'rate_limited') throw new AuraError(code, decision.reason)
      const waits = decision.candidates.filter((c) => c.constraint === 'rate_limit').map((c) => this.deps.router.retryAfterSeconds(this.deps.cloud.providerOf(c.modelId)))
      throw new AuraError(code, decision.reason, { retryAfterSeconds: Math.min(...waits) })
    }
    const settings = this.deps.settings.get()
    const estimate = chain[0]!.tier === 'cloud' ? chain[0]!.estimatedCostUsd : null
    if (!confirmCost && estimate !== null && settings.confirmCostAbove !== null && estimate * settings.currencyPerUsd > settings.confirmCostAbove) {
      throw new AuraError(
        'cost_confirmation_required',
        `This message will cost about ${formatMoney(estimate, settings)} with ${chain[0]!.modelName} (you asked to confirm above ${formatMoney(settings.confirmCostAbove / settings.currencyPerUsd, settings)}).`,
        { estimateUsd: estimate, modelId: chain[0]!.modelId, modelName: chain[0]!.modelName },
      )
    }
    return { decision, chain, request }
  }

  /** Adds an empty assistant message and starts streaming into it; returns at once. */
  private async reply(conversationId: string, plan: Plan, loadAnyway: boolean): Promise<Message> {
    const { decision, chain } = plan
    const route: MessageRoute = {
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
    const message = await this.deps.conversations.addMessage(conversationId, { role: 'assistant', content: '', status: 'streaming', modelId: chain[0]!.modelId, route })
    const controller = new AbortController()
    const done = this.run(conversationId, message.id, plan, route, controller.signal, loadAnyway)
      // The conversation may have been deleted mid-reply: nothing left to save.
      .catch((error: unknown) => this.deps.logger.warn('A reply could not be saved', { error: String(error) }))
      .finally(() => this.active.delete(conversationId))
    this.active.set(conversationId, { controller, done })
    return { ...message }
  }

  private async run(conversationId: string, messageId: string, plan: Plan, route: MessageRoute, signal: AbortSignal, loadAnyway: boolean): Promise<void> {
    const { conversations, events, settings, router } = this.deps
    const stream = new TextStream((text) => {
      events.emit('chat.delta', { conversationId, messageId, text })
      conversations.appendText(conversationId, messageId, text).catch((error: unknown) => this.deps.logger.error('Could not save streamed text', { error: String(error) }))
    })
    const { qualityThreshold, retryWeakAnswers } = settings.get()
    // A model the user picked answers as it answers; Auto asks the next one when an answer looks weak.
    const retryWeak = retryWeakAnswers && plan.decision.mode !== 'model'
    let end!: { status: Message['status']; content: string; error?: AuraErrorShape; stats?: Message['stats'] }
    let modelId = plan.chain[0]!.modelId
    let offline = false

    for (let i = 0; i < plan.chain.length; i++) {
      const candidate = plan.chain[i]!
      if (offline && candidate.tier === 'cloud') continue
      if (candidate.modelId !== modelId) {
        modelId = candidate.modelId
        Object.assign(route, { tier: candidate.tier, server: candidate.server ?? null, reason: fallbackReason(route.attempts.at(-1)!.note, candidate) })
        await conversations.rerouteMessage(conversationId, messageId, modelId, structuredClone(route))
        events.emit('chat.route', { conversationId, messageId, modelId, route: structuredClone(route) })
      }
      const next = plan.chain.slice(i + 1).find((c) => !(offline && c.tier === 'cloud'))
      const startedAt = performance.now()
      const attempt = await this.attempt(candidate, plan, stream, signal, loadAnyway)
      stream.flush()
      const latencyMs = performance.now() - startedAt
      const fallbacks = route.attempts.map((a) => a.note)

      if (attempt.kind === 'failed') {
        const note = failureNote(attempt.error, candidate)
        await this.record(candidate, plan, route, { conversationId, messageId, latencyMs, fallbacks, outcome: signal.aborted ? 'stopped' : 'failed', text: attempt.text, error: attempt.error.message })
        if (isOffline(attempt.error)) {
          router.noteOffline()
          offline = true
        }
        if (signal.aborted) {
          end = { status: 'stopped', content: attempt.text }
          break
        }
        if (attempt.fatal || !next) {
          end = { status: 'error', content: attempt.text, error: attempt.error }
          break
        }
        route.attempts.push({ modelId, tier: candidate.tier, outcome: 'failed', note, text: attempt.text, confidence: null })
        continue
      }

      const { result, cacheHit } = attempt
      if (candidate.tier === 'cloud' && !cacheHit) router.noteOnline()
      const stopped = result.stopReason === 'aborted'
      const quality = stopped ? null : assessQuality({ text: result.text, stopReason: result.stopReason, request: plan.request })
      route.confidence = quality?.confidence ?? null
      route.cacheHit = cacheHit === true
      const weak = quality !== null && quality.confidence < qualityThreshold
      await this.record(candidate, plan, route, {
        conversationId,
        messageId,
        latencyMs,
        fallbacks,
        outcome: stopped ? 'stopped' : weak ? 'low_quality' : 'ok',
        result,
        cacheHit,
      })
      if (weak && retryWeak && next) {
        route.attempts.push({ modelId, tier: candidate.tier, outcome: 'low_quality', note: quality.note ?? 'The answer looked weak', text: result.text, confidence: quality.confidence })
        continue
      }
      if (!stopped && !weak && !cacheHit) this.remember(candidate, plan, result)
      end = { status: stopped ? 'stopped' : 'done', content: result.text, stats: result.stats }
      break
    }
    // Every candidate left was a cloud model and the internet is gone.
    end ??= { status: 'error', content: '', error: { code: 'no_model_available', message: 'This computer seems to be offline, and no local model could answer.' } }
    const message = await conversations.endMessage(conversationId, messageId, { ...end, modelId, route: structuredClone(route) })
    events.emit('chat.done', { conversationId, message: { ...message } })
    events.emit('conversations.updated', await conversations.summary(conversationId))
  }

  /** One model's try: from the cache, the cloud or the local engine. Never throws. */
  private async attempt(candidate: RouteCandidate, plan: Plan, stream: TextStream, signal: AbortSignal, loadAnyway: boolean): Promise<Attempt> {
    const { cloud, models, engine, settings, cache } = this.deps
    const { threads, contextSize, maxTokens, temperature, responseCache } = settings.get()
    const messages: ChatTurn[] = [...plan.request.history, { role: 'user', content: plan.request.text }]
    const cacheable = ResponseCache.applies(responseCache, temperature)
    const key = cacheable ? ResponseCache.key({ modelId: candidate.modelId, messages, maxTokens, temperature }) : null
    const cached = key ? cache.get(key) : null
    if (cached) {
      stream.push(cached.text)
      return {
        kind: 'answered',
        cacheHit: true,
        result: { text: cached.text, stopReason: cached.stopReason, stats: { tokens: cached.outputTokens, tokensPerSecond: 0, timeToFirstTokenMs: 0, inputTokens: cached.inputTokens, costUsd: 0 } },
      }
    }
    let text = ''
    const onText = (piece: string) => {
      text += piece
      stream.push(piece)
    }
    try {
      let result: GenerateResult
      if (cloud.isCloudModel(candidate.modelId)) {
        result = await cloud.generate({ model: candidate.modelId, messages, maxTokens, temperature, signal, onText })
      } else {
        const model = await models.resolve(candidate.modelId)
        result = await engine.generate({ model: { id: model.id, file: model.file }, messages, maxTokens, temperature, threads, contextSize, loadAnyway, signal, onText })
        // Local replies are free: say so rather than leave the cost unknown.
        result.stats.costUsd = 0
      }
      result.stats.inputTokens ??= plan.decision.promptTokens
      return { kind: 'answered', result, cacheHit: cacheable ? false : null }
    } catch (error) {
      const shape = error instanceof AuraError ? error.toShape() : unexpected(error)
      if (!(error instanceof AuraError)) this.deps.logger.error('Reply failed', { error: String(error) })
      // Another reply holds the engine, or the request itself is wrong: another model would not help.
      return { kind: 'failed', error: shape, text, fatal: shape.code === 'busy' || shape.code === 'invalid_input' }
    }
  }

  private remember(candidate: RouteCandidate, plan: Plan, result: GenerateResult): void {
    const { maxTokens, temperature, responseCache } = this.deps.settings.get()
    if (!ResponseCache.applies(responseCache, temperature) || result.stopReason === 'aborted') return
    const messages: ChatTurn[] = [...plan.request.history, { role: 'user', content: plan.request.text }]
    this.deps.cache.set(ResponseCache.key({ modelId: candidate.modelId, messages, maxTokens, temperature }), {
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
      conversationId: string
      messageId: string
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
        cacheHit: run.cacheHit ?? null,
        fallbacks: run.fallbacks,
        outcome: run.outcome,
        confidence: run.outcome === 'failed' ? null : route.confidence,
        error: run.error ?? null,
      })
    } catch (error) {
      this.deps.logger.error('Could not write the usage ledger', { error: String(error) })
    }
  }
}

/** Streamed text, sent on about once per frame. */
class TextStream {
  private pending = ''
  private timer: ReturnType<typeof setTimeout> | null = null
  private sentAt = Number.NEGATIVE_INFINITY

  constructor(private readonly send: (text: string) => void) {}

  /** Leading edge: a piece after a quiet spell (the reply's first, say) goes out at once; the rest at most every STREAM_BATCH_MS. */
  push(text: string): void {
    this.pending += text
    if (this.timer || !this.pending) return
    const wait = this.sentAt + STREAM_BATCH_MS - performance.now()
    if (wait <= 0) this.flush()
    else this.timer = setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.pending) return
    const text = this.pending
    this.pending = ''
    this.sentAt = performance.now()
    this.send(text)
  }
}

/** The history a model sees: finished turns only, no failed or empty replies. */
function toTurns(messages: Message[]): ChatTurn[] {
  return messages
    .filter((message) => message.role === 'user' || (message.status !== 'error' && message.content.trim() !== ''))
    .map((message) => ({ role: message.role, content: message.content }))
}

/** Why nothing may answer, as an error code the page can act on. */
function refusalCode(decision: RouteDecision): ErrorCode {
  const constraints = new Set(decision.candidates.map((candidate) => candidate.constraint))
  if (constraints.has('budget')) return 'budget_exhausted'
  if (constraints.has('rate_limit')) return 'rate_limited'
  if (constraints.has('local_only')) return 'local_only'
  return 'no_model_available'
}

function isOffline(error: AuraErrorShape): boolean {
  const data = error.data as { reason?: string } | undefined
  return data?.reason === 'offline'
}

function titleFrom(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= TITLE_LENGTH ? flat : `${flat.slice(0, TITLE_LENGTH - 1).trimEnd()}…`
}

function unexpected(error: unknown): AuraErrorShape {
  const detail = error instanceof Error ? error.message : String(error)
  return { code: 'generation_failed', message: `The model stopped with an unexpected error (${detail}). Try again, or pick another model.` }
}
