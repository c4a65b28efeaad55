/**
 * A streamed reply from a cloud model or an added server through the AI SDK, with its usage, cost
 * and stop reason; errors (before or inside the stream) in plain words.
 */
import { createAnthropic } from '@ai-sdk/anthropic'
import { createDeepSeek } from '@ai-sdk/deepseek'
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { createMoonshotAI } from '@ai-sdk/moonshotai'
import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { createXai } from '@ai-sdk/xai'
import { jsonSchema, Output, streamText, tool, type FinishReason, type LanguageModel, type LanguageModelUsage, type ModelMessage } from 'ai'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { estimateTokens } from '../../../shared/units'
import { decodeRate, type GenerateResult, type ReplyOptions, type ToolCall } from '../engine/inferenceEngine'
import type { CloudSetup } from './deps'
import { parseCloudModelId } from './modelId'
import { replyCost } from './pricing'
import { classifyError, problemError, type Problem } from './problems'
import { findTarget, problemContext, type Target } from './target'
import type { CloudGenerateRequest } from './types'
import { ReplyPhases } from '../engine/replyPhases'
import { Watchdog } from './watchdog'

/**
 * Streams a reply. Resolves with stopReason 'aborted' and the text so far when `signal` aborts;
 * rejects with an AuraError in plain words otherwise ('unauthorized', or 'generation_failed' with
 * `data.reason`). Never retries.
 */
export async function generate(setup: CloudSetup, request: CloudGenerateRequest): Promise<GenerateResult> {
  const ref = parseCloudModelId(request.model)
  if (!ref) throw new AuraError('invalid_input', words('keys.notCloudModel', { model: request.model }))
  const target = findTarget(setup.deps, ref.provider)
  if (!target) throw new AuraError('not_found', words('keys.serverGoneAddAgain'))
  const ctx = problemContext(target, ref.model)
  if (target.kind === 'cloud' && !target.key) throw problemError({ kind: 'unauthorized' }, ctx)
  if (!request.messages.some((m) => m.role === 'user' || m.role === 'assistant')) throw new AuraError('invalid_input', words('engine.noMessage'))

  const startedAt = performance.now()
  let text = ''
  let firstTextAt: number | null = null
  let firstContentAt: number | null = null
  let lastContentAt = 0
  let usage: LanguageModelUsage | undefined
  let finishReason: FinishReason | undefined
  let rawFinishReason: string | undefined
  const toolCalls: ToolCall[] = []
  let streamError: unknown
  let hasError = false
  const phases = new ReplyPhases(request, (message, error) => setup.logger.warn(`providers: ${message}`, { error: String(error) }))

  const result = (stopReason: GenerateResult['stopReason']): GenerateResult => {
    const output = usage?.outputTokens
    const input = usage?.inputTokens
    const tokens = output ?? estimateTokens(text)
    const first = firstTextAt ?? firstContentAt
    const details = usageDetails(usage)
    const cost = input !== undefined && output !== undefined ? replyCost(request.model, { inputTokens: input, outputTokens: output, ...details }, setup.deps.priceOverrides(), setup.clock.now(), setup.livePrices) : null
    return {
      text,
      stopReason,
      ...(toolCalls.length > 0 && { toolCalls }),
      stats: {
        tokens,
        tokensPerSecond: decodeRate(tokens, firstContentAt, lastContentAt),
        timeToFirstTokenMs: first === null ? 0 : first - startedAt,
        inputTokens: input ?? null,
        costUsd: cost?.usd ?? null,
        ...(cost?.estimated ? { costEstimated: true } : {}),
        ...(details.cachedInputTokens ? { cacheReadTokens: details.cachedInputTokens } : {}),
        ...(details.cacheWriteTokens ? { cacheWriteTokens: details.cacheWriteTokens } : {}),
        ...(usage?.outputTokenDetails?.reasoningTokens ? { reasoningTokens: usage.outputTokenDetails.reasoningTokens } : {}),
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
  const watchdog = new Watchdog(setup.timeouts, cut)

  try {
    const stream = streamText({
      model: languageModel(target, ref.model, setup.fetch('cloud_reply')),
      ...splitSystem(request.messages),
      maxOutputTokens: request.maxTokens,
      temperature: request.temperature,
      ...replyOptions(request),
      abortSignal: controller.signal,
      maxRetries: 0,
      includeRawChunks: true,
      onError: () => {},
    })
    phases.enter('reading')
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
          phases.piece({ kind: 'text', text: part.text })
          try {
            request.onText?.(part.text)
          } catch (error) {
            setup.logger.warn('providers: onText listener failed', { error: String(error) })
          }
          break
        case 'reasoning-delta':
        case 'tool-input-delta':
          if (part.type === 'reasoning-delta') phases.piece({ kind: 'thought', text: part.text })
          firstContentAt ??= now
          lastContentAt = now
          watchdog.content()
          break
        case 'tool-call':
          toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input as Record<string, unknown> })
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
  if (hasError) throw problemError(classifyError(streamError, { family: target.spec?.family ?? 'openai', streaming: true, now: setup.clock.now() }), ctx)
  // A stream that ends without saying why it finished, and without usage, was cut short.
  if (rawFinishReason === undefined && usage?.outputTokens === undefined && (finishReason === undefined || finishReason === 'other')) {
    throw problemError({ kind: 'broken_off' }, ctx)
  }
  return result(finishReason === 'length' ? 'max_tokens' : finishReason === 'tool-calls' || toolCalls.length > 0 ? 'tool_calls' : 'end')
}

/** Tools (declared only: the caller runs them), JSON output, stop strings and sampling, as the AI SDK takes them. */
function replyOptions(request: ReplyOptions) {
  const { tools, toolChoice, responseFormat, stop, topP, seed } = request
  return {
    ...(tools?.length && {
      tools: Object.fromEntries(tools.map((t) => [t.name, tool({ description: t.description, inputSchema: jsonSchema(t.parameters) })])),
      toolChoice: typeof toolChoice === 'object' ? { type: 'tool' as const, toolName: toolChoice.name } : (toolChoice ?? 'auto'),
    }),
    ...(responseFormat && {
      output: responseFormat.type === 'json_schema' ? Output.object({ schema: jsonSchema(responseFormat.schema) }) : Output.json(),
    }),
    ...(stop?.length && { stopSequences: stop }),
    ...(topP !== undefined && { topP }),
    ...(seed !== undefined && { seed }),
  }
}

function languageModel(target: Target, model: string, fetchImpl: typeof fetch): LanguageModel {
  const common = { baseURL: target.baseUrl, fetch: fetchImpl }
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

/**
 * The cache reads and writes inside the input tokens. The AI SDK reads each provider's own fields
 * (OpenAI `prompt_tokens_details.cached_tokens`/`cache_write_tokens`, DeepSeek
 * `prompt_cache_hit_tokens`, Anthropic `cache_read_input_tokens`/`cache_creation_input_tokens`,
 * Gemini `cachedContentTokenCount`); its input total includes them and its output total includes
 * reasoning tokens (Gemini's `thoughtsTokenCount` added), which bill as output.
 */
function usageDetails(usage: LanguageModelUsage | undefined): { cachedInputTokens?: number; cacheWriteTokens?: number } {
  const details = usage?.inputTokenDetails
  return { cachedInputTokens: details?.cacheReadTokens ?? usage?.cachedInputTokens, cacheWriteTokens: details?.cacheWriteTokens ?? rawCacheWrites(usage?.raw) }
}

/** OpenRouter reports cache writes as OpenAI does (`prompt_tokens_details.cache_write_tokens`); the AI SDK's OpenAI-compatible reader skips them. */
function rawCacheWrites(raw: unknown): number | undefined {
  const details = raw !== null && typeof raw === 'object' ? (raw as { prompt_tokens_details?: { cache_write_tokens?: unknown } }).prompt_tokens_details : undefined
  const n = details?.cache_write_tokens
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined
}

/** The error object inside a raw stream chunk, if the chunk is a provider's error. */
function streamedError(raw: unknown): Record<string, unknown> | null {
  if (raw === null || typeof raw !== 'object') return null
  const error = (raw as { error?: unknown }).error
  return error !== null && typeof error === 'object' && !Array.isArray(error) ? (error as Record<string, unknown>) : null
}

/** A turn as an AI SDK message: tool calls and results as its tool-call and tool-result parts. */
function toModelMessage(turn: CloudGenerateRequest['messages'][number]): ModelMessage {
  if (turn.role === 'tool') {
    return { role: 'tool', content: [{ type: 'tool-result', toolCallId: turn.toolCallId, toolName: turn.name, output: { type: 'text', value: turn.content } }] }
  }
  if (turn.role === 'assistant' && turn.toolCalls?.length) {
    const calls = turn.toolCalls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.id, toolName: call.name, input: call.arguments }))
    return { role: 'assistant', content: [...(turn.content ? [{ type: 'text' as const, text: turn.content }] : []), ...calls] }
  }
  return { role: turn.role, content: turn.content }
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
    messages: messages.slice(i).map(toModelMessage),
    allowSystemInMessages: true,
  }
}
