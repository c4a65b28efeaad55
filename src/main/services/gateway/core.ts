import type { z } from 'zod'
import { AUTO_MODEL_ID, AuraError, type UsageRecord } from '../../../shared/api'
import { formatMoney } from '../../../shared/money'
import { startRoute, type Attempts, type Plan } from '../chat/attempts'
import { callProcedure, type Dispatch } from '../dispatch'
import type { ChatTurn, GenerateResult, ReplyOptions, ToolCall } from '../engine/inferenceEngine'
import type { Clock } from '../ports'
import type { RouteRequest, RouteScope } from '../router/types'
import type { SettingsService } from '../settings/settingsService'
import { budgetState, startOfDay } from '../usage'
import type { AppKey, AppKeys } from './keys'
import { resolveModelName, type ModelTarget } from './modelNames'

/** How long a read of the models' list answers `GET /v1/models` (a model installed meanwhile is seen after it). */
export const LIST_REUSE_MS = 2_000

export interface GatewayDeps {
  keys: AppKeys
  attempts: Attempts
  dispatch: Dispatch
  settings: SettingsService
  /** The usage ledger's records, oldest first: what each app spent today. */
  records(): readonly UsageRecord[]
  clock: Clock
}

/** A request as every API's translation module hands it over (OpenAI's Chat Completions now; Anthropic's Messages next). */
export interface CoreRequest {
  /** `auto`, an installed local model id, `<provider>:<model>`, or a name Aura does not know (→ the user's model names, modelNames.ts). */
  model: string
  messages: ChatTurn[]
  maxTokens?: number
  temperature?: number
  reply: ReplyOptions
}

export interface CoreReply {
  /** The model that answered. */
  modelId: string
  text: string
  stopReason: GenerateResult['stopReason']
  /** The stop string that ended the reply (stopReason `stop`), when the model tells (the local engine does). */
  stopSequence?: string
  toolCalls: ToolCall[]
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number }
}

export interface CoreEmbeddings {
  modelId: string
  vectors: number[][]
  tokens: number
}

/** A model as `GET /v1/models` lists it. */
export interface ListedModel {
  id: string
  /** `aura`, `local`, a provider id or `server.<id>`. */
  ownedBy: string
}

export interface ReplyHooks {
  signal: AbortSignal
  /** Text as it comes, for a streamed reply: once a piece is out, the reply cannot move to another model. */
  onText?(text: string): void
}

/**
 * What every API shares, whatever its wire format: whose key it is, which models there are, and a
 * reply through the app's own fallback loop (services.attempts: Auto, budgets, the ledger, the
 * response cache), under the key's Local only and daily budget, booked under the app's name.
 */
export class Gateway {
  /** The models' list, reused briefly: reading it (headers, fit, keys) costs ~6 ms, every request names a model. */
  private listed: { at: number; models: Promise<ListedModel[]> } | null = null
  /** The last list read to the end. */
  private lastListed: ListedModel[] | null = null

  constructor(private readonly deps: GatewayDeps) {}

  /** The app a key belongs to; `unauthorized` in plain words otherwise. */
  authenticate(key: string | null): AppKey {
    const app = key ? this.deps.keys.verify(key) : null
    if (app) return app
    throw new AuraError(
      'unauthorized',
      key ? 'This API key is not one of Aura’s keys (it may have been revoked). Make a key in Aura (aura api keys create <app name>) and use it.' : 'A key is needed: send it as "Authorization: Bearer <key>". Make one with: aura api keys create <app name>',
    )
  }

  /** `auto`, the installed chat models, the cloud models with a key and the user's servers' models. */
  async models(app: AppKey): Promise<ListedModel[]> {
    const now = this.deps.clock.now()
    if (!this.listed || now - this.listed.at > LIST_REUSE_MS) {
      const read = { at: now, models: this.readModels() }
      this.listed = read
      // Unless the list was forgotten (or read again) meanwhile.
      read.models.then(
        (models) => this.listed === read && (this.lastListed = models),
        () => this.listed === read && (this.listed = null),
      )
    }
    const models = await this.listed.models
    return visible(app, models)
  }

  /**
   * The list a request's model name is placed with: reading it takes 25–150 ms on a busy machine,
   * and after any pause longer than LIST_REUSE_MS a request would wait for it. The last read answers
   * at once (a new one starts when it is stale); see resolveModel for a name it cannot place.
   */
  private lastModels(app: AppKey): Promise<ListedModel[]> {
    const last = this.lastListed
    if (!last) return this.models(app)
    void this.models(app).catch(() => {})
    return Promise.resolve(visible(app, last))
  }

  /** Installed models changed (in this process): the next request reads the list again. */
  forgetModels(): void {
    this.listed = null
    this.lastListed = null
  }

  private async readModels(): Promise<ListedModel[]> {
    const { dispatch } = this.deps
    const local = (await callProcedure(dispatch, 'models.list', {})).filter((m) => !m.problem)
    const cloud = await callProcedure(dispatch, 'cloud.models', {})
    return [{ id: AUTO_MODEL_ID, ownedBy: 'aura' }, ...local.map((m) => ({ id: m.id, ownedBy: 'local' })), ...cloud.map((m) => ({ id: m.id, ownedBy: m.provider }))]
  }

  /** Answers `request` for `app`; throws an AuraError the API layer words in its own shape. */
  async reply(app: AppKey, request: CoreRequest, hooks: ReplyHooks): Promise<CoreReply> {
    const { modelId, preferLocal } = await this.resolveModel(app, request.model)
    if (!mayUse(app, modelId)) {
      throw new AuraError('model_not_allowed', `The key of “${app.name}” may not use “${modelId}”. Use "auto" or one of: ${app.allowedModels.join(', ')} — or allow it in Aura (Settings → Connect apps).`)
    }
    const plan = await this.plan(app, toRouteRequest(request), modelId, preferLocal)

    // A streamed reply cannot be taken back: a weak answer stands, and once text is out a failure ends it.
    const controller = new AbortController()
    const stop = () => controller.abort()
    hooks.signal.addEventListener('abort', stop, { once: true })
    const streamed = hooks.onText !== undefined
    let sent = false
    let cut = false
    const route = startRoute(plan)
    try {
      const end = await this.deps.attempts.run(plan, route, {
        signal: controller.signal,
        conversationId: null,
        messageId: null,
        app: app.name,
        cacheKey: `api:${app.name}`,
        ...(request.maxTokens !== undefined && { maxTokens: request.maxTokens }),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        reply: request.reply,
        ...(streamed && { retryWeak: false }),
        onText: (piece) => {
          if (!hooks.onText) return
          sent = true
          hooks.onText(piece)
        },
        onSwitch: async () => {
          if (!sent) return
          cut = true
          controller.abort()
        },
      })
      if (cut) throw new AuraError('generation_failed', 'The model stopped partway through its answer. Send the request again.')
      if (end.status === 'error') throw new AuraError(end.error?.code ?? 'generation_failed', end.error?.message ?? 'No model could answer. Try again.', end.error?.data)
      const stats = end.stats
      return {
        modelId: end.modelId,
        text: end.content,
        stopReason: end.stopReason ?? 'aborted',
        ...(end.stopSequence !== undefined && { stopSequence: end.stopSequence }),
        toolCalls: end.toolCalls ?? [],
        usage: { inputTokens: stats?.inputTokens ?? plan.decision.promptTokens, outputTokens: stats?.tokens ?? 0, cacheReadTokens: stats?.cacheReadTokens ?? 0 },
      }
    } finally {
      hooks.signal.removeEventListener('abort', stop)
    }
  }

  /**
   * Vectors from a local embedding model (`auto`: the first installed one). Never the cloud, so a
   * Local only key needs nothing more; not in the ledger yet (local embeddings cost nothing).
   */
  async embed(model: string, texts: string[]): Promise<CoreEmbeddings> {
    const installed = (await callProcedure(this.deps.dispatch, 'models.list', {})).filter((m) => m.embedding && !m.problem)
    const chosen = model === AUTO_MODEL_ID ? installed[0] : installed.find((m) => m.id === model)
    if (!chosen) {
      const hint = installed.length > 0 ? `Use one of: ${installed.map((m) => m.id).join(', ')}.` : 'Install one in Aura (Settings → AI Models → For documents), such as BGE Small.'
      throw new AuraError('model_not_found', `“${model}” is not an installed embedding model. ${hint}`)
    }
    const result = await callProcedure(this.deps.dispatch, 'engine.embed', { modelId: chosen.id, texts })
    return { modelId: chosen.id, vectors: result.vectors, tokens: result.tokens }
  }

  /**
   * Auto's plan under the key's limits. A name the user's rules send to `local`: the local models Auto
   * would pick first, then the rest of Auto's order, so a request no local model can take (or one
   * that fails before answering) is still answered.
   */
  private async plan(app: AppKey, request: RouteRequest, modelId: string, preferLocal: boolean): Promise<Plan> {
    const scope = this.scope(app)
    const local = preferLocal && !scope.localOnly ? await this.deps.attempts.plan(request, modelId, { ...scope, localOnly: true }).catch(() => null) : null
    const auto = await this.deps.attempts.plan(request, modelId, scope).catch((error: unknown) => {
      if (local) return null
      if (error instanceof AuraError && error.code === 'budget_exhausted' && scope.budget === 'exhausted') {
        throw new AuraError('budget_exhausted', `“${app.name}” has used its daily budget of ${formatMoney(app.dailyBudgetUsd ?? 0, this.deps.settings.get())} in the cloud, and no local model can answer. It starts again tomorrow; raise it in Aura, or install a local model.`)
      }
      if (error instanceof AuraError && (error.code === 'no_model_available' || error.code === 'local_only') && scope.models) {
        throw new AuraError(error.code, `None of the models “${app.name}” may use can answer now (${app.allowedModels.join(', ')}). ${error.message} Or allow more models in Aura (Settings → Connect apps).`)
      }
      throw error
    })
    if (!local) return auto!
    const rest = auto?.chain.filter((c) => !local.chain.some((l) => l.modelId === c.modelId)) ?? []
    return { ...local, chain: [...local.chain, ...rest] }
  }

  /** The model a request names, as the user's model names (settings.api.modelNames) say for names Aura does not have. */
  private async resolveModel(app: AppKey, name: string): Promise<ModelTarget> {
    // Every model the key's privacy lets it see: one outside its own list is refused by name (403), not unknown (404).
    const seen = { ...app, allowedModels: [] }
    const place = async (listed: Promise<ListedModel[]>) => resolveModelName(name, this.deps.settings.get().api.modelNames, await listed)
    // A name the last read cannot place (a cloud key added since) is placed again with a fresh read.
    return place(this.lastModels(seen)).catch(() => place(this.models(seen)))
  }

  /** The key's own limits: Local only, its models, and its daily budget against what the app spent today. */
  private scope(app: AppKey): RouteScope {
    const scope: RouteScope = { localOnly: app.localOnly, language: 'en', ...(app.allowedModels.length > 0 && { models: new Set(app.allowedModels) }) }
    if (app.dailyBudgetUsd === null) return scope
    return { ...scope, budget: budgetState(this.spentToday(app.name), app.dailyBudgetUsd, this.deps.settings.get().budgetWarnShare) }
  }

  /** What the app of `name` spent today (USD), from the newest ledger records back to midnight. */
  spentToday(name: string): number {
    const since = startOfDay(this.deps.clock.now())
    const records = this.deps.records()
    let spent = 0
    for (let i = records.length - 1; i >= 0 && records[i]!.at >= since; i--) {
      if (records[i]!.app === name) spent += records[i]!.costUsd
    }
    return spent
  }
}

/** What a key sees: with Local only, what stays on this computer (and the user's own servers); with a list of models, only those. */
function visible(app: AppKey, models: ListedModel[]): ListedModel[] {
  const stays = (m: ListedModel) => m.ownedBy === 'aura' || m.ownedBy === 'local' || m.ownedBy.startsWith('server.')
  return models.filter((m) => (!app.localOnly || stays(m)) && (m.id === AUTO_MODEL_ID || mayUse(app, m.id)))
}

/** Whether a key may use a model: any when its list is empty. `auto` is not a model (Auto picks within the list). */
function mayUse(app: AppKey, modelId: string): boolean {
  return modelId === AUTO_MODEL_ID || app.allowedModels.length === 0 || app.allowedModels.includes(modelId)
}

/** Auto reads the last user message and the turns before it; what follows (tool calls and results) goes along. */
function toRouteRequest(request: CoreRequest): RouteRequest {
  const { messages, reply } = request
  const last = messages.findLastIndex((m) => m.role === 'user')
  if (last < 0) throw new AuraError('invalid_input', 'The request has no user message to answer. Add one to `messages`.')
  const needsTools = (reply.tools?.length ?? 0) > 0 && reply.toolChoice !== 'none'
  return { text: messages[last]!.content, history: messages.slice(0, last), after: messages.slice(last + 1), ...(needsTools && { needsTools }) }
}

/** A request body checked against `schema`; `invalid_input` naming the first thing wrong (every API words it in its own shape). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : ''
  throw new AuraError('invalid_input', `${where}${issue.message}`, { param: issue.path.join('.') || null })
}

/** A message's text: a string, or text parts joined; any other part (an image) is refused in words. `what`: each API's word for a part. */
export function textOf(content: string | readonly { type: string; text?: string | undefined }[] | null | undefined, what: 'part' | 'block'): string {
  if (content === null || content === undefined) return ''
  if (typeof content === 'string') return content
  const other = content.find((part) => part.type !== 'text')
  if (other) throw new AuraError('invalid_input', `Aura's API reads text only for now: a "${other.type}" ${what} cannot be sent yet.`, { param: 'messages' })
  return content.map((part) => part.text ?? '').join('')
}
