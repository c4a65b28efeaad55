import { i18n } from '../i18n'
import type { AuraBridge, AuraClient, AuraErrorShape, Envelope, ErrorCode, ProcedureInput, ProcedureName, ProcedureOutput } from '../api'

let client: AuraClient | null = null

/** Same as shared/api's `typedClient` (kept local so the renderer bundle stays free of zod). */
export function setClient(bridge: AuraBridge): AuraClient {
  client = bridge as AuraClient
  return client
}

export function getClient(): AuraClient {
  if (!client) throw new Error('Aura: the client is used before setClient()')
  return client
}

/** An error a person can read: the services' message, with its code for the code. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the services attached (e.g. the FitEstimate of a `model_too_big`). */
    readonly data?: unknown,
  ) {
    super(message)
    this.name = 'RequestError'
  }
}

/** Sends a request and returns its envelope; never throws (a bridge failure becomes an error envelope). */
export async function request<R extends ProcedureName>(
  procedure: R,
  input: ProcedureInput<R>,
): Promise<Envelope<ProcedureOutput<R>>> {
  try {
    return await getClient().request(procedure, input)
  } catch (error) {
    console.error(`Aura: request ${procedure} failed`, error)
    return { ok: false, error: { code: 'internal', message: i18n.t('errors.unreachable') } }
  }
}

/** Sends a request and returns its data, or throws a RequestError with a plain-words message. */
export async function call<R extends ProcedureName>(procedure: R, input: ProcedureInput<R>): Promise<ProcedureOutput<R>> {
  const result = await request(procedure, input)
  if (result.ok) return result.data
  throw new RequestError(result.error.code, result.error.message, result.error.data)
}

/**
 * What a failure says to the user: the services' plain words (a RequestError), never a raw error —
 * a bug's TypeError or the browser's DOMException goes to the console for a maintainer instead.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof RequestError && error.message) return error.message
  console.error('Aura:', error)
  return i18n.t('errors.generic')
}

/** The error as the services shaped it (code, message, data), whatever was thrown. */
export const errorShape = (error: unknown): AuraErrorShape =>
  error instanceof RequestError
    ? { code: error.code, message: error.message, data: error.data }
    : { code: 'internal', message: errorMessage(error) }
