import { z } from 'zod'
import { AuraError, fail, isRouteName, ok, routeNames, routes, type Envelope, type RouteName, type RouteOutput, type Routes } from '../../shared/api'
import type { Logger } from './ports'

export type Handlers = {
  [R in RouteName]: (input: z.infer<Routes[R]['input']>) => Promise<RouteOutput<R>> | RouteOutput<R>
}

/**
 * The one door into the services for every shell: checks the route, validates the input with the
 * route's schema, runs the handler, and turns every outcome into an envelope. Never throws.
 */
export function createDispatcher(handlers: Handlers, logger: Logger) {
  const missing = routeNames.filter((route) => typeof handlers[route] !== 'function')
  if (missing.length > 0) throw new Error(`Routes without a handler: ${missing.join(', ')}`)
  return async function dispatch(route: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isRouteName(route)) return fail({ code: 'invalid_input', message: `Aura does not know the request "${String(route).slice(0, 80)}".` })
    const parsed = routes[route].input.safeParse(input)
    if (!parsed.success) {
      return fail({ code: 'invalid_input', message: `The request "${route}" was not valid: ${z.prettifyError(parsed.error)}` })
    }
    try {
      const handler = handlers[route] as (input: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (error) {
      if (error instanceof AuraError) return fail(error.toShape())
      logger.error(`Request ${route} failed`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      return fail({ code: 'internal', message: 'Something went wrong inside Aura. Please try again; if it keeps happening, restart Aura.' })
    }
  }
}
