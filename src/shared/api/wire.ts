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

/**
 * Browser-mode access: the address `aura serve` prints carries the access token in its fragment
 * (`/#token=…`), which no browser sends in any request. The page presents it on the WebSocket
 * handshake itself, as a subprotocol next to WIRE_PROTOCOL (the one the host answers with): never as
 * a cookie, which browsers also send to every other server on 127.0.0.1 (cookies ignore ports).
 */
export const WIRE_PROTOCOL = 'aura'
const TOKEN_PROTOCOL = 'aura-token.'

/** The subprotocols a client offers: Aura's, and the access token when it has one. */
export function wireProtocols(token: string | null): string[] {
  return token ? [WIRE_PROTOCOL, TOKEN_PROTOCOL + token] : [WIRE_PROTOCOL]
}

/** The access token among the subprotocols a client offered, if any. */
export function tokenOfProtocols(protocols: Iterable<string>): string | undefined {
  for (const protocol of protocols) if (protocol.startsWith(TOKEN_PROTOCOL)) return protocol.slice(TOKEN_PROTOCOL.length)
  return undefined
}

/** The access token (base64url) in the fragment of a link `aura serve` printed, or null. */
export function accessTokenOf(link: string): string | null {
  return /#(?:[^#]*&)?token=([\w-]+)/.exec(link)?.[1] ?? null
}

/**
 * Close code for a WebSocket without the right access token (the page then says to open the
 * printed address; it does not retry). 4000–4999 are for applications (RFC 6455).
 */
export const CLOSE_NO_ACCESS = 4401
