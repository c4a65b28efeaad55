/**
 * Cloud models with the user's own keys, through the Vercel AI SDK: the model list (catalog +
 * the added servers' live lists), key tests, and streamed replies with usage and cost.
 *
 * Keys arrive through `deps.key(provider)` on every call and go only into request headers: never
 * into a log line, an error message or an error's data.
 */
import { createAnthropic } from '@ai-sdk/anthropic'
import { createDeepSeek } from '@ai-sdk/deepseek'
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { createMoonshotAI } from '@ai-sdk/moonshotai'
import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { createXai } from '@ai-sdk/xai'
import { streamText, type FinishReason, type LanguageModel, type LanguageModelUsage, type ModelMessage } from 'ai'
import { AuraError, PROVIDER_IDS, type CloudModel, type KeyCheckStatus, type Price } from '../../../shared/api'
import { estimateTokens } from '../../../shared/units'
import { silentLogger, systemClock, type Clock, type Logger } from '../ports'
import { decodeRate, type GenerateResult } from '../inference/engine'
import { CLOUD_CATALOG, catalogCost, catalogModel, priceCost, type CatalogModel, type Usage } from './catalog'
import { cloudModelId, parseCloudModelId } from './modelId'
import { classifyError, classifyHttp, problemError, problemKeyCheck, type Problem, type ProblemContext } from './problems'
import { PROVIDERS, isProviderId, normalizeServerBaseUrl, serverRef, type ProviderSpec } from './providerTable'
import type { CloudGenerateRequest } from './types'

export interface CloudTimeouts {
  /** From sending the request to the first piece of the reply (text or thinking). */
  firstTokenMs: number
  /** Once the reply has started: the longest silence allowed between two pieces of the stream. */
  idleMs: number
  /** The whole reply. */
  requestMs: number
  /** A key test's request. */
  keyTestMs: number
  /** Listing an added server's models. */
  listMs: number
}

export const DEFAULT_CLOUD_TIMEOUTS: CloudTimeouts = {
  // Reasoning models on Chat Completions send nothing while they think: be patient before the first token.
  firstTokenMs: 120_000,
  idleMs: 30_000,
  requestMs: 10 * 60_000,
  keyTestMs: 15_000,
  listMs: 5_000,
}

export interface ServerEntry {
  /** The settings id (`ollama`) or the ref (`server.ollama`). */
  id: string
  name: string
  baseUrl: string
}

export interface PriceOverride {
  inputPerMTokens: number
  outputPerMTokens: number
  /** When the user edited it (ms since the epoch); today when absent. */
  editedAt?: number
}

export interface CloudProvidersDeps {
  /** The key for a ProviderId or `server.<id>`, from the vault or the environment; null = none. */
  key(provider: string): string | null
  /** The user's or the environment's base URL for a ProviderId; null = the provider's own. */
  baseUrl(provider: string): string | null
  /** The OpenAI-compatible servers the user added. */
  servers(): ServerEntry[]
  /** Prices the user edited, by cloud model id (`openai:gpt-6.1-terra`). */
  priceOverrides(): Record<string, PriceOverride>
  fetch?: typeof fetch
  timeouts?: Partial<CloudTimeouts>
  clock?: Clock
  logger?: Logger
}

export interface KeyCheck {
  status: KeyCheckStatus
  /** In plain words. */
  message: string
}

/** Where a request goes: a cloud provider or an added server, with its address and key. */
interface Target {
  ref: string
  kind: 'cloud' | 'server'
  name: string
  spec: ProviderSpec | null
  baseUrl: string
  customBaseUrl: boolean
  key: string | null
}

type PriceSource = { kind: 'override'; override: PriceOverride } | { kind: 'catalog'; entry: CatalogModel } | { kind: 'server' } | null

const SERVER_PRICE_SOURCE = 'runs on your server'

export class CloudProviders {
  private readonly fetchImpl: typeof fetch
  private readonly timeouts: CloudTimeouts
  private readonly clock: Clock
  private readonly logger: Logger

  constructor(private readonly deps: CloudProvidersDeps) {
    this.fetchImpl = deps.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.timeouts = { ...DEFAULT_CLOUD_TIMEOUTS, ...deps.timeouts }
    this.clock = deps.clock ?? systemClock
    this.logger = deps.logger ?? silentLogger
    // The AI SDK prints its warnings (e.g. "temperature is not supported") to the console; Aura has its own logger.
    const g = globalThis as { AI_SDK_LOG_WARNINGS?: unknown }
    g.AI_SDK_LOG_WARNINGS ??= false
  }

  // ------------------------------------------------------------------------------------------ models

  /**
   * Catalog models of the given providers (default: those with a key), and each added server's
   * live model list (a server that does not answer is left out). Never throws.
   */
  async models(providers?: readonly string[]): Promise<CloudModel[]> {
    const wanted = new Set((providers ?? PROVIDER_IDS.filter((p) => this.deps.key(p) !== null)).filter(isProviderId))
    const overrides = this.deps.priceOverrides()
    const cloud = CLOUD_CATALOG.filter((m) => wanted.has(m.provider)).map((m) => this.catalogToCloudModel(m, overrides))
    const servers = await Promise.all(
      this.deps.servers().map((server) =>
        this.serverModels(server.id).catch((error: unknown) => {
          this.logger.warn('providers: a server did not list its models', { server: server.name, reason: error instanceof AuraError ? error.message : 'unknown' })
          return [] as CloudModel[]
        }),
      ),
    )
    return [...cloud, ...servers.flat()]
  }

  /** An added server's models from its `GET /models`. Throws AuraError in plain words when it cannot. */
  async serverModels(serverId: string): Promise<CloudModel[]> {
    const target = this.target(serverRef(serverId))
    if (!target) throw new AuraError('not_found', 'That server is not in Aura’s list any more.')
    const ctx = this.context(target)
    const answer = await this.request(`${target.baseUrl}/models`, this.authHeaders(target), this.timeouts.listMs)
    if ('problem' in answer) throw problemError(answer.problem, ctx)
    if (answer.status < 200 || answer.status >= 300) throw problemError(classifyHttp(answer.status, answer.headers, answer.json, { forKeyTest: true }), ctx)
    const items = listItems(answer.json)
    if (!items) throw problemError({ kind: 'wrong_address' }, ctx)
    const overrides = this.deps.priceOverrides()
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
        price: this.price(id, overrides),
      }
    })
  }

  /** One model's entry (catalog, server or any `<provider>:<model>`), without asking the network; null for unknown providers or servers. */
  model(id: string): CloudModel | null {
    const ref = parseCloudModelId(id)
    if (!ref) return null
    const overrides = this.deps.priceOverrides()
    const entry = catalogModel(ref.provider, ref.model)
    if (entry) return this.catalogToCloudModel(entry, overrides)
    const target = this.target(ref.provider)
    if (!target) return null
    return {
      id,
      provider: target.ref,
      providerName: target.name,
      model: ref.model,
      name: ref.model,
      contextWindow: null,
      capabilities: ['chat'],
      price: this.price(id, overrides),
    }
  }

  /** The price shown for a model id: the user's edit, else the catalog's, else 0 for a server's model; null when unknown. */
  price(id: string, overrides = this.deps.priceOverrides()): Price | null {
    const source = this.priceSource(id, overrides)
    if (!source) return null
    const today = new Date(this.clock.now()).toISOString().slice(0, 10)
    switch (source.kind) {
      case 'override':
        return {
          inputPerMTokens: source.override.inputPerMTokens,
          outputPerMTokens: source.override.outputPerMTokens,
          asOf: source.override.editedAt !== undefined ? new Date(source.override.editedAt).toISOString().slice(0, 10) : today,
          source: 'edited by you',
          edited: true,
        }
      case 'catalog': {
        const p = source.entry.price
        if (p.changesOn && today >= p.changesOn.date) {
          return { inputPerMTokens: p.changesOn.inputPerMTokens, outputPerMTokens: p.changesOn.outputPerMTokens, asOf: p.changesOn.date, source: p.source, edited: false }
        }
        return { inputPerMTokens: p.inputPerMTokens, outputPerMTokens: p.outputPerMTokens, asOf: p.asOf, source: p.source, edited: false }
      }
      case 'server':
        return { inputPerMTokens: 0, outputPerMTokens: 0, asOf: today, source: SERVER_PRICE_SOURCE, edited: false }
    }
  }

  private priceSource(id: string, overrides: Record<string, PriceOverride>): PriceSource {
    const override = overrides[id]
    if (override) return { kind: 'override', override }
    const ref = parseCloudModelId(id)
    if (!ref) return null
    const entry = catalogModel(ref.provider, ref.model)
    if (entry) return { kind: 'catalog', entry }
    if (ref.provider.startsWith('server.')) return { kind: 'server' }
    return null
  }

  private catalogToCloudModel(m: CatalogModel, overrides: Record<string, PriceOverride>): CloudModel {
    const id = cloudModelId(m.provider, m.model)
    return {
      id,
      provider: m.provider,
      providerName: PROVIDERS[m.provider].name,
      model: m.model,
      name: m.name,
      contextWindow: m.contextWindow,
      capabilities: [...m.capabilities],
      price: this.price(id, overrides),
    }
  }

  /** What a reply with this usage cost, in USD; null when the model has no price. */
  cost(id: string, usage: Usage): number | null {
    const source = this.priceSource(id, this.deps.priceOverrides())
    if (!source) return null
    switch (source.kind) {
      case 'override':
        return priceCost(source.override, usage)
      case 'catalog':
        return catalogCost(source.entry.price, usage, new Date(this.clock.now()))
      case 'server':
        return 0
    }
  }

  // ------------------------------------------------------------------------------------------ targets

  private target(ref: string): Target | null {
    if (isProviderId(ref)) {
      const spec = PROVIDERS[ref]
      const override = this.deps.baseUrl(ref)?.trim() || null
      return {
        ref,
        kind: 'cloud',
        name: spec.name,
        spec,
        baseUrl: (override ?? spec.defaultBaseUrl).replace(/\/+$/, ''),
        customBaseUrl: override !== null,
        key: this.deps.key(ref),
      }
    }
    if (!ref.startsWith('server.')) return null
    const server = this.deps.servers().find((s) => serverRef(s.id) === ref)
    if (!server) return null
    return { ref, kind: 'server', name: server.name, spec: null, baseUrl: normalizeServerBaseUrl(server.baseUrl), customBaseUrl: true, key: this.deps.key(ref) }
  }

  private context(target: Target, model?: string): ProblemContext {
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

  private languageModel(target: Target, model: string): LanguageModel {
    const common = { baseURL: target.baseUrl, fetch: this.fetchImpl }
    const apiKey = target.key ?? ''
    switch (target.spec?.family) {
      case 'openai':
        // Chat Completions (usage arrives in the stream's last chunk); `openai(id)` would be the Responses API.
        return createOpenAI({ ...common, apiKey }).chat(model)
      case 'anthropic':
        return createAnthropic({ ...common, apiKey })(model)
      case 'google':
        return createGoogleGenerativeAI({ ...common, apiKey })(model)
      case 'xai':
        return createXai({ ...common, apiKey }).chat(model)
      case 'deepseek':
        return createDeepSeek({ ...common, apiKey })(model)
      case 'moonshot':
        return createMoonshotAI({ ...common, apiKey })(model)
      case 'openrouter':
        return createOpenAICompatible({ ...common, name: 'openrouter', apiKey, includeUsage: true, headers: { 'X-Title': 'Aura' } }).chatModel(model)
      default:
        // An added server: the key is optional.
        return createOpenAICompatible({ ...common, name: target.ref.replace('.', '-'), apiKey: target.key ?? undefined, includeUsage: true }).chatModel(model)
    }
  }

  // ------------------------------------------------------------------------------------------ generate

  /**
   * Streams a reply from a cloud model or an added server. Resolves with stopReason 'aborted' and
   * the text so far when `signal` aborts; rejects with an AuraError in plain words otherwise
   * ('unauthorized', or 'generation_failed' with `data.reason`). Never retries.
   */
  async generate(request: CloudGenerateRequest): Promise<GenerateResult> {
    const ref = parseCloudModelId(request.model)
    if (!ref) throw new AuraError('invalid_input', `“${request.model}” is not a cloud model.`)
    const target = this.target(ref.provider)
    if (!target) throw new AuraError('not_found', 'That server is not in Aura’s list any more. Add it again under Cloud Keys.')
    const ctx = this.context(target, ref.model)
    if (target.kind === 'cloud' && !target.key) throw problemError({ kind: 'unauthorized' }, ctx)
    if (!request.messages.some((m) => m.role === 'user' || m.role === 'assistant')) throw new AuraError('invalid_input', 'There is no message to reply to.')

    const startedAt = performance.now()
    let text = ''
    let firstTextAt: number | null = null
    let firstContentAt: number | null = null
    let lastContentAt = 0
    let usage: LanguageModelUsage | undefined
    let finishReason: FinishReason | undefined
    let rawFinishReason: string | undefined
    let streamError: unknown
    let hasError = false

    const result = (stopReason: GenerateResult['stopReason']): GenerateResult => {
      const output = usage?.outputTokens
      const input = usage?.inputTokens
      const tokens = output ?? estimateTokens(text)
      const first = firstTextAt ?? firstContentAt
      return {
        text,
        stopReason,
        stats: {
          tokens,
          tokensPerSecond: decodeRate(tokens, firstContentAt, lastContentAt),
          timeToFirstTokenMs: first === null ? 0 : first - startedAt,
          inputTokens: input ?? null,
          costUsd:
            input !== undefined && output !== undefined
              ? this.cost(request.model, { inputTokens: input, outputTokens: output, cachedInputTokens: usage?.inputTokenDetails?.cacheReadTokens })
              : null,
        },
      }
    }
    if (request.signal?.aborted) return result('aborted')

    // One controller stops the request: the user's signal, or a timeout (which records why).
    const controller = new AbortController()
    let cutOff: Problem | null = null
    const cut = (problem: Problem): void => {
      if (controller.signal.aborted) return
      cutOff = problem
      controller.abort()
    }
    const onUserAbort = (): void => controller.abort()
    request.signal?.addEventListener('abort', onUserAbort, { once: true })
    const watchdog = new Watchdog(this.timeouts, cut)

    try {
      const stream = streamText({
        model: this.languageModel(target, ref.model),
        ...splitSystem(request.messages),
        maxOutputTokens: request.maxTokens,
        temperature: request.temperature,
        abortSignal: controller.signal,
        maxRetries: 0,
        includeRawChunks: true,
        onError: () => {},
      })
      for await (const part of stream.fullStream) {
        const now = performance.now()
        switch (part.type) {
          case 'text-delta':
            if (part.text === '') break
            firstTextAt ??= now
            firstContentAt ??= now
            lastContentAt = now
            watchdog.content()
            text += part.text
            try {
              request.onText?.(part.text)
            } catch (error) {
              this.logger.warn('providers: onText listener failed', { error: String(error) })
            }
            break
          case 'reasoning-delta':
          case 'tool-input-delta':
            firstContentAt ??= now
            lastContentAt = now
            watchdog.content()
            break
          case 'finish-step':
            usage = part.usage
            finishReason = part.finishReason
            rawFinishReason = part.rawFinishReason
            break
          case 'finish':
            usage = part.totalUsage
            finishReason = part.finishReason
            rawFinishReason ??= part.rawFinishReason
            break
          case 'raw': {
            // A provider's own error chunk after HTTP 200 (`{"error":{…}}`, Anthropic's `event: error`):
            // read it before the AI SDK reports it as a chunk it could not parse.
            const error = streamedError(part.rawValue)
            if (error && !hasError) {
              hasError = true
              streamError = error
            }
            break
          }
          case 'error':
            if (!hasError) {
              hasError = true
              streamError = part.error
            }
            break
          default:
            break
        }
        watchdog.activity()
      }
    } catch (error) {
      if (!hasError) {
        hasError = true
        streamError = error
      }
    } finally {
      watchdog.stop()
      request.signal?.removeEventListener('abort', onUserAbort)
    }

    if (request.signal?.aborted) return result('aborted')
    if (cutOff) throw problemError(cutOff, ctx)
    if (hasError) throw problemError(classifyError(streamError, { family: target.spec?.family ?? 'openai', streaming: true, now: this.clock.now() }), ctx)
    // A stream that ends without saying why it finished, and without usage, was cut short.
    if (rawFinishReason === undefined && usage?.outputTokens === undefined && (finishReason === undefined || finishReason === 'other')) {
      throw problemError({ kind: 'broken_off' }, ctx)
    }
    return result(finishReason === 'length' ? 'max_tokens' : 'end')
  }

  // ------------------------------------------------------------------------------------------ key test

  /**
   * The cheapest authenticated call for a provider or an added server (reference §1): the models
   * list, or xAI's key info, DeepSeek's balance, OpenRouter's key info (which also tell whether
   * credit is left). Never throws for what the provider answers; the status says it.
   */
  async testKey(provider: string): Promise<KeyCheck> {
    const target = this.target(isProviderId(provider) ? provider : serverRef(provider))
    if (!target) throw new AuraError('not_found', 'That server is not in Aura’s list any more.')
    const ctx = this.context(target)
    if (target.kind === 'cloud' && !target.key) return { status: 'invalid', message: problemKeyCheckMessageNoKey(ctx) }

    const family = target.spec?.family
    const special = family === 'xai' ? '/api-key' : family === 'deepseek' ? '/user/balance' : family === 'openrouter' ? '/key' : null
    const headers = this.authHeaders(target)
    let answer = special ? await this.request(`${target.baseUrl}${special}`, headers, this.timeouts.keyTestMs) : null
    let via: 'special' | 'models' = 'special'
    // Gateways (and older self-hosted proxies) may only have the models list.
    if (!answer || (!('problem' in answer) && answer.status === 404)) {
      answer = await this.request(`${target.baseUrl}/models${family === 'anthropic' ? '?limit=1' : family === 'google' ? '?pageSize=1' : ''}`, headers, this.timeouts.keyTestMs)
      via = 'models'
    }
    if ('problem' in answer) return problemKeyCheck(answer.problem, ctx)
    if (answer.status < 200 || answer.status >= 300) {
      return problemKeyCheck(classifyHttp(answer.status, answer.headers, answer.json, { family, forKeyTest: true, now: this.clock.now() }), ctx)
    }
    return this.keyAnswer(target, ctx, via, answer.json)
  }

  private keyAnswer(target: Target, ctx: ProblemContext, via: 'special' | 'models', json: unknown): KeyCheck {
    const name = target.name
    const body = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : null
    if (!body) return problemKeyCheck({ kind: 'wrong_address' }, ctx)
    if (via === 'special') {
      switch (target.spec?.family) {
        case 'xai':
          if (body.api_key_blocked === true || body.api_key_disabled === true) {
            return { status: 'invalid', message: `xAI has ${body.api_key_disabled === true ? 'disabled' : 'blocked'} this key. Make a new one at ${ctx.keyUrl}.` }
          }
          if (body.team_blocked === true) return { status: 'error', message: 'xAI has blocked the team this key belongs to. Check your account at console.x.ai.' }
          return { status: 'valid', message: `${name} accepted this key.` }
        case 'deepseek':
          if (body.is_available === false) return problemKeyCheck({ kind: 'no_credit' }, ctx)
          return { status: 'valid', message: `${name} accepted this key.` }
        case 'openrouter': {
          const data = body.data !== null && typeof body.data === 'object' ? (body.data as Record<string, unknown>) : {}
          if (typeof data.limit_remaining === 'number' && data.limit_remaining <= 0) return problemKeyCheck({ kind: 'no_credit' }, ctx)
          return { status: 'valid', message: `${name} accepted this key.` }
        }
      }
    }
    const items = listItems(json)
    if (!items) return problemKeyCheck({ kind: 'wrong_address' }, ctx)
    if (target.kind === 'server') {
      return items.length === 0
        ? { status: 'valid', message: `${name} answered, but offers no models yet. Load or download one in it first.` }
        : { status: 'valid', message: `${name} answered with ${items.length} model${items.length === 1 ? '' : 's'}.` }
    }
    return { status: 'valid', message: `${name} accepted this key.` }
  }

  private authHeaders(target: Target): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (!target.key) return headers
    switch (target.spec?.family) {
      case 'anthropic':
        headers['x-api-key'] = target.key
        headers['anthropic-version'] = '2023-06-01'
        break
      case 'google':
        headers['x-goog-api-key'] = target.key
        break
      default:
        headers.authorization = `Bearer ${target.key}`
    }
    return headers
  }

  /** A GET with a timeout; network failures come back as a Problem, never as an error with the URL's secrets. */
  private async request(
    url: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<{ status: number; headers: Record<string, string>; json: unknown } | { problem: Problem }> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await this.fetchImpl(url, { method: 'GET', headers, signal: controller.signal, redirect: 'follow' })
      const text = await response.text()
      let json: unknown
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      return { status: response.status, headers: Object.fromEntries(response.headers), json }
    } catch {
      if (controller.signal.aborted) return { problem: { kind: 'timed_out', phase: 'start', seconds: Math.round(timeoutMs / 1000) } }
      return { problem: { kind: 'offline' } }
    } finally {
      clearTimeout(timer)
    }
  }
}

function problemKeyCheckMessageNoKey(ctx: ProblemContext): string {
  return `There is no ${ctx.name} key to test yet. Make one at ${ctx.keyUrl} and add it here.`
}

/** Model ids in a models list: OpenAI-style `{data:[{id}]}`, Anthropic `{data:[{id}]}`, Gemini `{models:[{name:'models/…'}]}`. */
function listItems(json: unknown): { id: string; contextWindow: number | null }[] | null {
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

/** The error object inside a raw stream chunk, if the chunk is a provider's error. */
function streamedError(raw: unknown): Record<string, unknown> | null {
  if (raw === null || typeof raw !== 'object') return null
  const error = (raw as { error?: unknown }).error
  return error !== null && typeof error === 'object' && !Array.isArray(error) ? (error as Record<string, unknown>) : null
}

/**
 * Leading system turns go in `system` (as the AI SDK prefers); a system turn later in the
 * conversation stays where it is.
 */
function splitSystem(messages: CloudGenerateRequest['messages']): { system?: string; messages: ModelMessage[]; allowSystemInMessages: true } {
  let i = 0
  while (i < messages.length && messages[i]!.role === 'system') i++
  const system = messages
    .slice(0, i)
    .map((m) => m.content)
    .join('\n\n')
  return {
    ...(system ? { system } : {}),
    messages: messages.slice(i).map((m) => ({ role: m.role, content: m.content })),
    allowSystemInMessages: true,
  }
}

/**
 * Cuts a reply off when it never starts (firstTokenMs), goes quiet once started (idleMs) or runs too
 * long (requestMs). One timer, re-armed lazily: no clearTimeout/setTimeout per streamed piece.
 */
class Watchdog {
  private readonly startedAt = performance.now()
  private lastActivity = this.startedAt
  private started = false
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly timeouts: CloudTimeouts,
    private readonly cut: (problem: Problem) => void,
  ) {
    this.arm(Math.min(timeouts.firstTokenMs, timeouts.requestMs))
  }

  /** A piece of the reply (text or thinking) arrived. */
  content(): void {
    this.lastActivity = performance.now()
    if (this.started) return
    this.started = true
    // From now on silence is measured by the (usually shorter) idle timeout.
    this.stop()
    this.arm(Math.min(this.timeouts.idleMs, this.timeouts.requestMs - (this.lastActivity - this.startedAt)))
  }

  /** Anything arrived from the stream. */
  activity(): void {
    if (this.started) this.lastActivity = performance.now()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), Math.max(1, ms))
  }

  private check(): void {
    const now = performance.now()
    const t = this.timeouts
    const total = now - this.startedAt
    if (total >= t.requestMs) return this.cut({ kind: 'timed_out', phase: 'total', seconds: seconds(t.requestMs) })
    let due: number
    if (!this.started) {
      if (total >= t.firstTokenMs) return this.cut({ kind: 'timed_out', phase: 'start', seconds: seconds(t.firstTokenMs) })
      due = t.firstTokenMs - total
    } else {
      const quiet = now - this.lastActivity
      if (quiet >= t.idleMs) return this.cut({ kind: 'timed_out', phase: 'idle', seconds: seconds(t.idleMs) })
      due = t.idleMs - quiet
    }
    this.arm(Math.min(due, t.requestMs - total))
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000))
}
