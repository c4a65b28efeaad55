import type { Envelope } from './envelope'

/**
 * The WebSocket bridge's messages (browser mode, through the host). Same semantics as Electron's
 * IPC: a request gets exactly one response with the same id; events arrive unasked.
 */
export type WireClientMessage = { type: 'request'; id: number; procedure: string; input: unknown }

export type WireServerMessage =
  | { type: 'response'; id: number; result: Envelope<unknown> }
  | { type: 'event'; event: string; payload: unknown }

/** Path of the WebSocket endpoint on the host. */
export const WIRE_PATH = '/ws'
