import { z } from 'zod'

/** Every error that crosses the boundary carries one of these codes and a message a person can act on. */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'model_not_found',
  'model_invalid',
  'model_load_failed',
  /** The memory estimate exceeds this computer; `data` carries the FitEstimate. */
  'model_too_big',
  'download_failed',
  'disk_full',
  'checksum_mismatch',
  /** The Hub asks for a token (gated or private repo). */
  'hub_auth_required',
  'hub_unreachable',
  'busy',
  'generation_failed',
  /**
   * The message (with the instructions) is longer than the model's window, even with every older turn
   * left out; `data` = { modelId, promptTokens, contextTokens, replyTokens } (an API maps it to its own error).
   */
  'prompt_too_long',
  /** The request's estimated cost is above the user's "ask first" amount; `data` = { estimateUsd, modelId, modelName }. Send again with `confirmCost`. */
  'cost_confirmation_required',
  /** The budget is used up and no local model can answer instead. */
  'budget_exhausted',
  /** Aura's own per-provider request limit (Settings → Routing & Budget) is reached; `data` = { retryAfterSeconds }. */
  'rate_limited',
  /** Local only is on and the request would leave this computer. */
  'local_only',
  /** An app's key may not use the model it named (Settings → Connect apps: its models). */
  'model_not_allowed',
  /** A part of Aura the request needs is off or not running (the API for other apps, for the Test button). */
  'unavailable',
  /** Nothing installed or reachable can answer (or the conversation is too long for every model). */
  'no_model_available',
  'unauthorized',
  'internal',
] as const

export const ErrorCodeSchema = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

export const AuraErrorShapeSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  data: z.unknown().optional(),
})
export type AuraErrorShape = z.infer<typeof AuraErrorShapeSchema>

/** Thrown by services; the dispatcher turns it into `{ok: false, error}`. */
export class AuraError extends Error {
  /** The message's key and values when it was worded through shared/i18n: the page's door says it in the user's language. */
  readonly words?: { key: string; vars?: Record<string, unknown>; text: string }

  constructor(
    readonly code: ErrorCode,
    /** Plain English, or `words(key, vars)` (its English is the message; shared/i18n). */
    message: string | { key: string; vars?: Record<string, unknown>; text: string },
    readonly data?: unknown,
  ) {
    super(typeof message === 'string' ? message : message.text)
    this.name = 'AuraError'
    if (typeof message !== 'string') this.words = message
  }

  toShape(): AuraErrorShape {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data }
  }
}
