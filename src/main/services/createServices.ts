// (being written) — composition root: (ports) => services
import type { Envelope, EventName, EventPayload } from '../../shared/api'
import type { Ports } from './ports'

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface Services {
  /** Validates `input` against the route's schema, runs its handler, and never throws. */
  dispatch(route: string, input: unknown): Promise<Envelope<unknown>>
  /** Every event the services emit; a shell forwards them to its page(s). */
  onEvent(listener: EventListener): () => void
  dispose(): Promise<void>
}

export declare function createServices(ports: Ports): Services
