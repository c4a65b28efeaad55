import type { Envelope } from './envelope'
import type { EventName, EventPayload } from './events'
import type { ProcedureInput, ProcedureName, ProcedureOutput } from './procedures'

/** What a shell bridge gives the page: `window.aura` in Electron, the WebSocket bridge in a browser. */
export interface AuraBridge {
  request(procedure: string, input: unknown): Promise<Envelope<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
}

/** The typed face of a bridge that the renderer uses. */
export interface AuraClient {
  request<R extends ProcedureName>(procedure: R, input: ProcedureInput<R>): Promise<Envelope<ProcedureOutput<R>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export const typedClient = (bridge: AuraBridge): AuraClient => bridge as AuraClient
