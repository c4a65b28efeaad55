/**
 * What went wrong with a cloud call, told in plain words. Every provider says "bad key", "no credit",
 * "slow down" a little differently (reference §4); `classifyHttp` reads status, headers and body into
 * one Problem, and `problemError` / `problemKeyCheck` turn it into words for a person. Keys never
 * appear in any of it: provider messages are only quoted for requests the provider refused, and
 * then with anything key-like blacked out.
 */
import { APICallError } from 'ai'
import { AuraError, type KeyCheckStatus } from '../../../shared/api'
import { spoken, words, type Words } from '../../../shared/i18n'

export type FailureReason = 'no_credit' | 'rate_limited' | 'model_not_found' | 'provider_down' | 'offline' | 'timed_out' | 'bad_response' | 'request_rejected'

export type Problem =
  | { kind: 'unauthorized' }
  | { kind: 'no_credit'; dailyQuota?: boolean }
  | { kind: 'rate_limited'; retryAfterSeconds?: number }
  | { kind: 'model_not_found' }
  | { kind: 'provider_down'; status?: number; overloaded?: boolean }
  /** The stream ended or the connection broke before the reply was complete. */
  | { kind: 'broken_off' }
  | { kind: 'offline' }
  | { kind: 'timed_out'; phase: 'start' | 'idle' | 'total'; seconds: number }
  | { kind: 'bad_response' }
  /** A key test reached something at the address, but not this provider's API (404 and the like). */
  | { kind: 'wrong_address' }
  | { kind: 'request_rejected'; status?: number; providerMessage?: string }

/** Who the words are about. */
export interface ProblemContext {
  /** e.g. "OpenAI", or the server's name. */
  name: string
  kind: 'cloud' | 'server'
  /** Where a new key is made (cloud providers). */
  keyUrl?: string
  /** The base URL in use. */
  baseUrl: string
  /** The base URL is the user's (or the environment's), not the provider's own. */
  customBaseUrl: boolean
  /** A key was sent. */
  hasKey: boolean
  /** The provider's model name, for model-not-found. */
  model?: string
  /** Strings to black out of any quoted provider message (the key). */
  secrets?: string[]
}

// ---------------------------------------------------------------------------------------------
// Reading provider errors

type Json = Record<string, unknown>
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

interface ErrorFields {
  message?: string
  /** error.code / error.type / google's error.status / xAI's top-level code, lower-cased, joined */
  codes: string
  details: Json[]
}

function errorFields(body: unknown): ErrorFields {
  const root = obj(body) ?? {}
  const inner = obj(root.error)
  const message = str(inner?.message) ?? str(root.error) ?? str(root.message)
  const codes = [inner?.code, inner?.type, inner?.status, root.code, root.type === 'error' ? undefined : root.type]
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .map((v) => String(v).toLowerCase())
    .join(' ')
  const details = Array.isArray(inner?.details) ? (inner.details as unknown[]).map(obj).filter((d): d is Json => d !== undefined) : []
  return { message, codes, details }
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Seconds to wait, from `retry-after-ms`, `retry-after` (seconds or a date), Gemini's RetryInfo, or "try again in 20s". */
export function retryAfterSeconds(headers: Record<string, string | undefined>, fields: ErrorFields, now: number): number | undefined {
  const h = (name: string): string | undefined => headers[name] ?? headers[name.toLowerCase()]
  const ms = Number(h('retry-after-ms'))
  if (h('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.max(1, Math.ceil(ms / 1000))
  const after = h('retry-after')
  if (after) {
    const seconds = Number(after)
    if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds))
    const date = Date.parse(after)
    if (Number.isFinite(date)) return Math.max(1, Math.ceil((date - now) / 1000))
  }
  for (const d of fields.details) {
    const delay = str(d.retryDelay)
    const m = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null
    if (m) return Math.max(1, Math.ceil(Number(m[1])))
  }
  const m = fields.message ? /try again in (\d+(?:\.\d+)?)(ms|s|m)\b/i.exec(fields.message) : null
  if (m) {
    const n = Number(m[1])
    const seconds = m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n
    return Math.max(1, Math.ceil(seconds))
  }
  return undefined
}

const CREDIT_WORDS = /credit balance|insufficient (balance|credits?|funds)|out of credits?|any credits|recharge|billing_error|insufficient_quota|credit_balance_exhausted|exceeded_current_quota/i
const KEY_WORDS = /api[ _-]?key/i
const BAD_KEY_WORDS = /invalid|incorrect|not valid|not found|malformed|expired|revoked/i
const MODEL_MISSING = /model[^.]*\b(does not exist|not exist|not found|not supported)\b|is not a valid model|\bmodel_not_found\b|not_found_error/i

/**
 * An HTTP error answer → a Problem. `forKeyTest`: a 404 means the address is wrong (the key test
 * asks for a route every such API has), not that a model is missing.
 */
export function classifyHttp(
  status: number,
  headers: Record<string, string | undefined>,
  body: unknown,
  options: { family?: string; forKeyTest?: boolean; now?: number } = {},
): Problem {
  const fields = errorFields(body)
  const text = `${fields.codes} ${fields.message ?? ''}`
  const now = options.now ?? Date.now()
  const quotaIds = fields.details.flatMap((d) => (Array.isArray(d.violations) ? (d.violations as unknown[]).map((v) => str(obj(v)?.quotaId) ?? '') : []))
  const hasRetryInfo = fields.details.some((d) => str(d['@type'])?.endsWith('RetryInfo'))

  // Gemini answers both "slow down" and "used up for today" with 429 RESOURCE_EXHAUSTED.
  if (status === 429 && (options.family === 'google' || fields.codes.includes('resource_exhausted'))) {
    if (!hasRetryInfo && quotaIds.some((q) => /PerDay/i.test(q))) return { kind: 'no_credit', dailyQuota: true }
    // "…check your plan and billing details" with no wait to suggest: the quota is spent, not just busy.
    if (!hasRetryInfo && /billing/i.test(fields.message ?? '')) return { kind: 'no_credit' }
    return { kind: 'rate_limited', retryAfterSeconds: retryAfterSeconds(headers, fields, now) }
  }
  if (status === 402) return { kind: 'no_credit' }
  if (CREDIT_WORDS.test(text) && (status === 400 || status === 403 || status === 429)) return { kind: 'no_credit' }
  // Moonshot answers an empty balance with 403 (reference §4.4).
  if (status === 403 && options.family === 'moonshot') return { kind: 'no_credit' }

  if (status === 401) return { kind: 'unauthorized' }
  if (status === 403 && options.family !== 'openrouter') return { kind: 'unauthorized' }
  // Gemini: 400 API_KEY_INVALID; xAI: 400 "Incorrect API key provided".
  if (status === 400 && (fields.details.some((d) => d.reason === 'API_KEY_INVALID') || (KEY_WORDS.test(fields.message ?? '') && BAD_KEY_WORDS.test(fields.message ?? '')))) {
    return { kind: 'unauthorized' }
  }
  if (status === 429) return { kind: 'rate_limited', retryAfterSeconds: retryAfterSeconds(headers, fields, now) }

  if (status === 404) return options.forKeyTest ? { kind: 'wrong_address' } : { kind: 'model_not_found' }
  if (status === 400 && !options.forKeyTest && (MODEL_MISSING.test(text) || /^model not exist$/i.test(fields.message ?? ''))) return { kind: 'model_not_found' }

  if (status === 408 || status === 504) return { kind: 'timed_out', phase: 'start', seconds: 0 }
  if (status >= 500) return { kind: 'provider_down', status, overloaded: status === 529 || status === 503 || /overload/i.test(text) }
  if (options.forKeyTest && (status === 405 || status === 400)) return { kind: 'wrong_address' }
  return { kind: 'request_rejected', status, providerMessage: fields.message }
}

/** An error object that arrived inside a stream (after HTTP 200), e.g. Anthropic's `error` event. */
function classifyStreamError(value: Json, family: string | undefined): Problem {
  const fields = errorFields({ error: value })
  const code = obj(value)?.code
  if (typeof code === 'number' && code >= 400) return classifyHttp(code, {}, { error: value }, { family })
  const statusByType: Record<string, number> = {
    authentication_error: 401,
    invalid_api_key: 401,
    permission_error: 403,
    billing_error: 402,
    insufficient_quota: 402,
    not_found_error: 404,
    model_not_found: 404,
    rate_limit_error: 429,
    rate_limit_exceeded: 429,
    overloaded_error: 529,
    server_is_overloaded: 503,
    api_error: 500,
    server_error: 500,
    invalid_request_error: 400,
  }
  for (const word of fields.codes.split(' ')) {
    const status = statusByType[word]
    if (status !== undefined) return classifyHttp(status, {}, { error: value }, { family })
  }
  return { kind: 'provider_down' }
}

const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH'])

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = []
  let current: unknown = error
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current)
    current = (current as { cause?: unknown }).cause
  }
  return chain
}

function isNetworkError(error: unknown): boolean {
  return causeChain(error).some((e) => {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true
    return e instanceof TypeError && /^(fetch failed|terminated)$/i.test(e.message)
  })
}

/**
 * Any error from a generation (AI SDK errors, fetch errors, error objects from the stream) → a
 * Problem. `streaming`: the response had started, so a network error means the reply broke off.
 */
export function classifyError(error: unknown, options: { family?: string; streaming: boolean; now?: number }): Problem {
  if (APICallError.isInstance(error)) {
    // No status: the request never got an answer (the AI SDK wraps fetch's "fetch failed").
    if (error.statusCode === undefined) return { kind: 'offline' }
    // "Failed to process successful response": the stream of a 200 broke (connection reset) or was unreadable.
    if (error.statusCode >= 200 && error.statusCode < 300) return isNetworkError(error) ? { kind: 'broken_off' } : { kind: 'bad_response' }
    const body = error.data ?? parseJson(error.responseBody)
    return classifyHttp(error.statusCode, error.responseHeaders ?? {}, body, { family: options.family, now: options.now })
  }
  if (error instanceof Error) {
    const name = error.name
    if (/JSONParseError|TypeValidationError|InvalidResponseDataError|EmptyResponseBodyError|NoContentGeneratedError|InvalidStreamPart/.test(name)) return { kind: 'bad_response' }
    if (isNetworkError(error)) return options.streaming ? { kind: 'broken_off' } : { kind: 'offline' }
    return { kind: 'bad_response' }
  }
  const value = obj(error)
  if (value) return classifyStreamError(value, options.family)
  return { kind: 'bad_response' }
}

// ---------------------------------------------------------------------------------------------
// Plain words

const KEYLIKE = /\b(sk-[A-Za-z0-9_-]{6,}|sk-ant-[A-Za-z0-9_-]{6,}|AIza[0-9A-Za-z_-]{10,}|xai-[A-Za-z0-9_-]{6,}|[A-Za-z0-9_-]{32,})\b/g

/** Blacks out the given secrets and anything that looks like a key. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('•••')
  return out.replace(KEYLIKE, '•••')
}

function waitWords(seconds: number): Words {
  if (seconds < 90) return words('problems.seconds', { count: seconds })
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return words('problems.minutes', { count: minutes })
  return words('problems.hours', { count: Math.round(minutes / 60) })
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host
  } catch {
    return baseUrl
  }
}

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ')
  const cut = t.length > 300 ? `${t.slice(0, 297)}…` : t
  return /[.!?…]$/.test(cut) ? cut : `${cut}.`
}

/** The problem in plain words, for a person (said in their language where it is shown). */
export function problemWords(problem: Problem, ctx: ProblemContext): Words {
  const { name } = ctx
  const server = ctx.kind === 'server'
  const at = { name, keyUrl: ctx.keyUrl ?? '', host: hostOf(ctx.baseUrl), baseUrl: ctx.baseUrl }
  switch (problem.kind) {
    case 'unauthorized':
      if (server) return words(ctx.hasKey ? 'problems.serverKeyRefused' : 'problems.serverNeedsKey', at)
      if (ctx.hasKey) return words('problems.keyRefused', at)
      // A key saved for another address is not sent to this one until the user says so (Cloud Keys asks).
      return words(ctx.customBaseUrl ? 'problems.noKeyForHost' : 'problems.noKey', at)
    case 'no_credit':
      return words(problem.dailyQuota ? 'problems.dailyQuota' : 'problems.noCredit', at)
    case 'rate_limited':
      return problem.retryAfterSeconds !== undefined ? words('problems.tooManyWait', { name, wait: waitWords(problem.retryAfterSeconds) }) : words('problems.tooMany', at)
    case 'model_not_found':
      return ctx.model ? words('problems.noSuchModel', { name, model: ctx.model }) : words('problems.modelNotFound', at)
    case 'provider_down':
      if (problem.overloaded) return words('problems.overloaded', at)
      return problem.status ? words('problems.down', { name, status: problem.status }) : words('problems.downWhileWriting', at)
    case 'broken_off':
      return words('problems.brokenOff', at)
    case 'offline':
      if (server) return words('problems.serverUnreachable', at)
      return words(ctx.customBaseUrl ? 'problems.unreachableAt' : 'problems.unreachable', at)
    case 'timed_out':
      if (problem.seconds <= 0) return words('problems.gaveUp', at)
      return words(problem.phase === 'start' ? 'problems.slowStart' : problem.phase === 'idle' ? 'problems.stalled' : 'problems.tooSlow', { name, wait: waitWords(problem.seconds) })
    case 'bad_response':
      if (server) return words('problems.unreadableServer', at)
      return words(ctx.customBaseUrl ? 'problems.unreadableAt' : 'problems.unreadable', at)
    case 'wrong_address':
      return words('problems.wrongAddress', at)
    case 'request_rejected':
      if (problem.providerMessage) return words('problems.refusedSaying', { name, said: sentence(redact(problem.providerMessage, ctx.secrets)) })
      return problem.status ? words('problems.refusedStatus', { name, status: problem.status }) : words('problems.refused', at)
  }
}

/** The reason a failed generation carries in `data.reason`. */
export function problemReason(problem: Problem): FailureReason | null {
  switch (problem.kind) {
    case 'unauthorized':
      return null
    case 'broken_off':
      return 'provider_down'
    case 'wrong_address':
      return 'offline'
    default:
      return problem.kind
  }
}

/** A failed generation as the AuraError the services throw. */
export function problemError(problem: Problem, ctx: ProblemContext): AuraError {
  const message = problemWords(problem, ctx)
  const reason = problemReason(problem)
  if (reason === null) return new AuraError('unauthorized', message)
  const data: { reason: FailureReason; retryAfterSeconds?: number; status?: number } = { reason }
  if (problem.kind === 'rate_limited' && problem.retryAfterSeconds !== undefined) data.retryAfterSeconds = problem.retryAfterSeconds
  if ((problem.kind === 'provider_down' || problem.kind === 'request_rejected') && problem.status !== undefined) data.status = problem.status
  return new AuraError('generation_failed', message, data)
}

/** A key test's outcome from a Problem. */
export function problemKeyCheck(problem: Problem, ctx: ProblemContext): { status: KeyCheckStatus; message: string } {
  // Kept with the key's status (Settings → Cloud Keys): said now, in the language on screen.
  const message = spoken(problemWords(problem, ctx))
  switch (problem.kind) {
    case 'unauthorized':
      return { status: 'invalid', message }
    case 'no_credit':
      return { status: 'no_credit', message }
    case 'rate_limited':
      return { status: 'rate_limited', message }
    case 'offline':
    case 'wrong_address':
    case 'timed_out':
      return { status: 'unreachable', message }
    default:
      return { status: 'error', message }
  }
}
