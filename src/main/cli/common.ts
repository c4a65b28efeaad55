import { type ProcedureInput, type ProcedureName, type ProcedureOutput } from '../../shared/api'
import type { Services } from '../services/createServices'
import { callProcedure } from '../services/dispatch'

/** A mistake in how a command was typed: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Calls a procedure as the app does; a failure becomes the CLI's one-line error. */
export function call<R extends ProcedureName>(services: Services, procedure: R, input: ProcedureInput<R>): Promise<ProcedureOutput<R>> {
  return callProcedure(services.dispatch, procedure, input)
}

export function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}.`)
  return value
}

/** Resolves on Ctrl+C or a kill: a serving command then closes what it opened. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
