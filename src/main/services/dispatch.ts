import { z } from 'zod'
import { AuraError, fail, isProcedureName, ok, procedureNames, procedures, type Envelope, type ProcedureInput, type ProcedureName, type ProcedureOutput, type Procedures } from '../../shared/api'
import { say, shapeIn, type Language } from '../../shared/i18n'
import type { Logger } from './ports'

export type Handlers = {
  [R in ProcedureName]: (input: z.infer<Procedures[R]['input']>) => Promise<ProcedureOutput<R>> | ProcedureOutput<R>
}

/**
 * The one door into the services for every shell: checks the procedure, validates the input with the
 * procedure's schema, runs the handler, and turns every outcome into an envelope. Never throws.
 * Errors are said in `language()`: the user's for the shells, English (the default) for the API for other apps.
 */
/** zod's own words for a wrong input, in the reader's language (English is zod's default). */
const ZOD_WORDS: Record<Language, z.core.$ZodErrorMap | undefined> = { en: undefined, es: z.locales.es().localeError, 'zh-CN': z.locales.zhCN().localeError }

export function createDispatcher(handlers: Handlers, logger: Logger, language: () => Language = () => 'en') {
  const missing = procedureNames.filter((procedure) => typeof handlers[procedure] !== 'function')
  if (missing.length > 0) throw new Error(`Procedures without a handler: ${missing.join(', ')}`)
  return async function dispatch(procedure: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isProcedureName(procedure)) return fail({ code: 'invalid_input', message: say('request.unknown', { procedure: String(procedure).slice(0, 80) }, language()) })
    const parsed = procedures[procedure].input.safeParse(input, { error: ZOD_WORDS[language()] })
    if (!parsed.success) {
      return fail({ code: 'invalid_input', message: say('request.invalid', { procedure, problem: z.prettifyError(parsed.error) }, language()) })
    }
    try {
      const handler = handlers[procedure] as (input: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (error) {
      if (error instanceof AuraError) return fail(shapeIn(error, language()))
      logger.error(`Request ${procedure} failed`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      return fail({ code: 'internal', message: say('request.internal', {}, language()) })
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
