import { z } from 'zod'
import { AuraError, fail, isProcedureName, ok, procedureNames, procedures, type Envelope, type ProcedureInput, type ProcedureName, type ProcedureOutput, type Procedures } from '../../shared/api'
import type { Logger } from './ports'

export type Handlers = {
  [R in ProcedureName]: (input: z.infer<Procedures[R]['input']>) => Promise<ProcedureOutput<R>> | ProcedureOutput<R>
}

/**
 * The one door into the services for every shell: checks the procedure, validates the input with the
 * procedure's schema, runs the handler, and turns every outcome into an envelope. Never throws.
 */
export function createDispatcher(handlers: Handlers, logger: Logger) {
  const missing = procedureNames.filter((procedure) => typeof handlers[procedure] !== 'function')
  if (missing.length > 0) throw new Error(`Procedures without a handler: ${missing.join(', ')}`)
  return async function dispatch(procedure: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isProcedureName(procedure)) return fail({ code: 'invalid_input', message: `Aura does not know the request "${String(procedure).slice(0, 80)}".` })
    const parsed = procedures[procedure].input.safeParse(input)
    if (!parsed.success) {
      return fail({ code: 'invalid_input', message: `The request "${procedure}" was not valid: ${z.prettifyError(parsed.error)}` })
    }
    try {
      const handler = handlers[procedure] as (input: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (error) {
      if (error instanceof AuraError) return fail(error.toShape())
      logger.error(`Request ${procedure} failed`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      return fail({ code: 'internal', message: 'Something went wrong inside Aura. Please try again; if it keeps happening, restart Aura.' })
    }
  }
}

/** The handlers of one or more domains' procedures (`models.*`, …): each service folder owns its own. */
export type HandlersOf<D extends string> = Pick<Handlers, Extract<ProcedureName, `${D}.${string}`>>

/** What `createDispatcher` returns: a shell sends every request through it. */
export type Dispatch = (procedure: string, input: unknown) => Promise<Envelope<unknown>>

/** Calls one procedure and returns its output; a failure is thrown as the AuraError it was (code, message, data). */
export async function callProcedure<R extends ProcedureName>(dispatch: Dispatch, procedure: R, input: ProcedureInput<R>): Promise<ProcedureOutput<R>> {
  const result = await dispatch(procedure, input)
  if (!result.ok) throw new AuraError(result.error.code, result.error.message, result.error.data)
  return result.data as ProcedureOutput<R>
}
