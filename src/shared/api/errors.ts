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
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
    this.name = 'AuraError'
  }

  toShape(): AuraErrorShape {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data }
  }
}
