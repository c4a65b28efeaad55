/**
 * Gemini: `GET models` and `GET models/{model}`, `POST models/{model}:streamGenerateContent?alt=sse`
 * (SSE chunks with usageMetadata) and `:generateContent` (JSON), with Gemini's error bodies; the key
 * comes in `x-goog-api-key` or `?key=`.
 */
import { asArr, asNum, asObj, headerValue, partsText, replyText, type ChatRequest, type Json, type JsonReply, type Reply, type ReplyTokens, type SseEvent, type Wire } from './wire'
import { countTokens } from './words'

export const geminiWire: Wire = {
  key: (req, query) => headerValue(req.headers['x-goog-api-key']) ?? query.get('key') ?? undefined,
  headers: () => ({}),
  parseChat: (body, route) => {
    const m = /^models\/(.+):(streamGenerateContent|generateContent)$/.exec(route)!
    return parseGemini(body, (m[1] ?? '').replace(/^models\//, ''), m[2] === 'streamGenerateContent')
  },
  models: (models) => ({ models: models.map(geminiModel) }),
  get: (route, ask) => {
    const gm = /^models\/([^/:]+)$/.exec(route)
    if (!gm) return null
    const m = ask.models.find((id) => id === gm[1])
    return m ? { status: 200, body: geminiModel(m) } : modelNotFound(gm[1] ?? '')
  },
  invalidKey,
  noCredit,
  rateLimit,
  serverError,
  modelNotFound,
  notFound: (path) => ({ status: 404, body: { error: { code: 404, message: `Requested path ${path} was not found.`, status: 'NOT_FOUND' } } }),
  reply: nonStreamBody,
  events: sseEvents,
  streamError: inStreamError,
  garbled: 'data: {"candidates":[{"content":{"parts":[{"text":"garb\r\n\r\n',
}

function parseGemini(body: Json, model: string, stream: boolean): ChatRequest {
  const contents = asArr(body.contents).map(asObj)
  const lastUser = [...contents].reverse().find((c) => c.role === 'user' || c.role === undefined)
  return {
    model,
    stream,
    includeUsage: true,
    maxTokens: asNum(asObj(body.generationConfig).maxOutputTokens),
    promptTokens: countTokens(partsText(asObj(body.systemInstruction).parts)) + contents.reduce((n, c) => n + countTokens(partsText(c.parts)), 0),
    lastUserText: lastUser ? partsText(lastUser.parts) : '',
    tools: [],
  }
}

function invalidKey(key: string | undefined): JsonReply {
  if (!key) {
    return {
      status: 403,
      body: {
        error: {
          code: 403,
          message: 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.',
          status: 'PERMISSION_DENIED',
        },
      },
    }
  }
  return {
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
          { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
        ],
      },
    },
  }
}

function noCredit(): JsonReply {
  return {
    status: 429,
    body: {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }] },
          { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
        ],
      },
    },
  }
}

function rateLimit(seconds: number): JsonReply {
  // Gemini sends no Retry-After header: the wait is in the body's RetryInfo.retryDelay.
  return {
    status: 429,
    body: {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` },
        ],
      },
    },
  }
}

function serverError(status?: number): JsonReply {
  const s = status ?? 500
  return s === 503
    ? { status: 503, body: { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } } }
    : { status: s, body: { error: { code: s, message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', status: 'INTERNAL' } } }
}

function modelNotFound(model: string): JsonReply {
  return {
    status: 404,
    body: { error: { code: 404, message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`, status: 'NOT_FOUND' } },
  }
}

function geminiModel(id: string): unknown {
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id,
    description: `Fake ${id}`,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ['generateContent', 'countTokens'],
  }
}

const geminiFinish = (r: Reply): string => (r.finish === 'length' ? 'MAX_TOKENS' : 'STOP')

/** Gemini's usageMetadata: promptTokenCount includes cached tokens; thoughts are counted apart from candidates. */
function geminiUsage(t: ReplyTokens, completion: number): Json {
  return {
    promptTokenCount: t.prompt,
    candidatesTokenCount: completion,
    totalTokenCount: t.prompt + completion + t.reasoning,
    ...(t.cacheRead > 0 ? { cachedContentTokenCount: t.cacheRead } : {}),
    ...(t.reasoning > 0 ? { thoughtsTokenCount: t.reasoning } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: t.prompt }],
  }
}

function nonStreamBody(r: Reply): unknown {
  const n = r.words.length
  return {
    candidates: [{ content: { parts: [{ text: replyText(r) }], role: 'model' }, finishReason: geminiFinish(r), index: 0 }],
    usageMetadata: geminiUsage(r.tokens, n),
    modelVersion: r.chat.model,
    responseId: r.id,
  }
}

function sseEvents(r: Reply): SseEvent[] {
  const n = r.words.length
  const piece = (i: number): string => r.words[i] + (i < n - 1 ? ' ' : '')
  const ev: SseEvent[] = []
  for (let i = 0; i < n; i++) {
    const last = i === n - 1
    ev.push({
      text: `data: ${JSON.stringify({
        candidates: [{ content: { parts: [{ text: piece(i) }], role: 'model' }, index: 0, ...(last ? { finishReason: geminiFinish(r) } : {}) }],
        usageMetadata: geminiUsage(r.tokens, i + 1),
        modelVersion: r.chat.model,
        responseId: r.id,
      })}\r\n\r\n`,
      content: true,
    })
  }
  if (n === 0) {
    ev.push({
      text: `data: ${JSON.stringify({ candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, index: 0, finishReason: geminiFinish(r) }], usageMetadata: geminiUsage(r.tokens, 0), modelVersion: r.chat.model })}\r\n\r\n`,
      content: false,
    })
  }
  return ev
}

function inStreamError(noCredit: boolean): string {
  const error = noCredit
    ? { code: 429, message: 'You exceeded your current quota, please check your plan and billing details.', status: 'RESOURCE_EXHAUSTED' }
    : { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' }
  return `data: ${JSON.stringify({ error })}\r\n\r\n`
}
