import type { AuraBridge, Envelope } from '../api'
import { setClient } from '../lib/client'

/** Installs a bridge answering each route from a table, for store tests; returns what was asked. */
export function tableBridge(answers: Record<string, (input: unknown) => Envelope<unknown>>): { route: string; input: unknown }[] {
  const calls: { route: string; input: unknown }[] = []
  const client: AuraBridge = {
    request: async (route, input) => {
      calls.push({ route, input })
      const answer = answers[route]
      return answer ? answer(input) : { ok: false, error: { code: 'internal', message: `no ${route}` } }
    },
    on: () => () => {},
  }
  setClient(client)
  return calls
}
