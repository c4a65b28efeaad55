import { timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { BlockList, isIP, type AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  CLOSE_NO_ACCESS,
  fail,
  tokenOfProtocols,
  WIRE_PATH,
  WIRE_PROTOCOL,
  type WireClientMessage,
  type WireServerMessage,
} from '../../shared/api'
import type { Services } from '../services/createServices'
import { newToken } from './link'
import { answerRefused, securityHeaders } from './refusal'
import { TokenThrottle, type ThrottleOptions } from './throttle'

/**
 * Largest WebSocket message the host accepts. The largest legitimate input is a 200,000-character
 * chat message; even written entirely as JSON escapes (`\u0001`, 6 bytes a character) it is ~1.2 MB.
 * A bigger message closes that socket with 1009 (Message Too Big); the host serves on.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024
/** Largest request head (request line + headers) the host reads; beyond, Node answers 431. */
export const MAX_HEADER_BYTES = 16 * 1024
/** Close code for a frame that is not a JSON request (RFC 6455: unsupported data). */
export const CLOSE_NOT_A_REQUEST = 1003
/** Close code for a message over MAX_MESSAGE_BYTES (RFC 6455: message too big). */
export const CLOSE_TOO_BIG = 1009

export interface HostOptions {
  services: Services
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** 127.0.0.1 by default; only loopback addresses are accepted (see `hostRefusal`). */
  hostname?: string
  /** Random when not given. */
  token?: string
  /** How wrong tokens are slowed down (defaults: 5 free, then 0.5 s doubling up to 30 s, 64 held at most). */
  throttle?: ThrottleOptions
}

export interface Host {
  /** The address to open: the access token is in its fragment, which browsers never send. */
  url: string
  port: number
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Aura's headless shell: the built renderer and a WebSocket bridge to the same services as the
 * desktop app, on this computer only. The files are served to anyone who asks (they hold no data);
 * the WebSocket needs the access token in its own handshake (a subprotocol, see wire.ts) and Aura's
 * own page as its Origin. Nothing a browser attaches to requests by itself (cookies, the address)
 * is enough, so another server on 127.0.0.1 that the browser visits learns nothing that lets it in.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const { services, rendererDir } = options
  const hostname = options.hostname ?? '127.0.0.1'
  const refusal = hostRefusal(hostname)
  if (refusal) throw new Error(refusal)
  const token = options.token ?? newToken()
  let port = 0

  const throttle = new TokenThrottle(options.throttle)
  /** Wrong tokens whose answer is being held, and their connections. */
  const held = new Map<NodeJS.Timeout, Duplex>()
  const ownOrigins = () => new Set([`http://${hostPart(hostname)}:${port}`, `http://127.0.0.1:${port}`, `http://localhost:${port}`])
  const knownHost = (request: IncomingMessage) => {
    // Refuses DNS-rebinding: the page must have been loaded from an address of ours.
    const host = request.headers.host
    return host !== undefined && ownOrigins().has(`http://${host}`)
  }

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: 10_000, requestTimeout: 30_000 }, (request, response) => {
    handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refuse = (status: number, reason: string) => answerRefused(request, response, status, reason, `http://${hostPart(hostname)}:${port}/`)
    if (!knownHost(request)) return refuse(403, 'This address is not one of Aura’s own.')
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Aura’s page only answers a browser’s GET requests.')
    // No procedure reads a body: one is refused, and the connection closed rather than read.
    if (hasBody(request)) {
      response.shouldKeepAlive = false
      return refuse(413, 'Aura’s page reads no request bodies.')
    }
    const served = await serveFile(pathOf(request), response)
    if (!served) refuse(404, 'There is nothing at this address.')
  }

  /** Serves a file of the renderer; false when there is none at that path. */
  async function serveFile(pathname: string, response: ServerResponse): Promise<boolean> {
    let relative: string
    try {
      relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    } catch {
      return false
    }
    if (relative === '' || relative === '.') relative = 'index.html'
    const file = join(rendererDir, relative)
    if (!file.startsWith(rendererDir + sep)) return false
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return false
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': relative === 'index.html' ? 'no-store' : 'private, max-age=31536000, immutable',
    })
    createReadStream(file).pipe(response)
    return true
  }

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  })
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy())
    const refuseUpgrade = (status: string, extra = '') => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`)
    const origin = request.headers.origin
    const placed = pathOf(request) === WIRE_PATH && knownHost(request) && origin !== undefined && ownOrigins().has(origin)
    if (!placed) return refuseUpgrade('403 Forbidden')
    const presented = tokenOfProtocols(String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((part) => part.trim()))
    // The right token first, so that no flood of wrong ones can delay or refuse it.
    if (presented !== undefined && sameSecret(presented, token)) return sockets.handleUpgrade(request, socket, head, (ws) => serveBridge(ws))
    // Turned away with a close code the page can read (a refused handshake looks like Aura being down).
    const turnAway = () =>
      sockets.handleUpgrade(request, socket, head, (ws) => {
        ws.close(CLOSE_NO_ACCESS, 'Open the address that aura serve printed.')
        // A client that never answers the close is dropped after 2 s (ws would wait 30).
        setTimeout(() => ws.terminate(), 2000).unref()
      })
    if (presented === undefined) return turnAway()
    const delay = throttle.failed()
    if (delay === null) return refuseUpgrade('429 Too Many Requests', `Retry-After: ${Math.ceil(throttle.delay() / 1000)}\r\n`)
    if (delay === 0) return turnAway()
    const timer = setTimeout(() => {
      held.delete(timer)
      throttle.release()
      turnAway()
    }, delay)
    held.set(timer, socket)
  })

  const clients = new Set<WebSocket>()
  const send = (ws: WebSocket, message: WireServerMessage) => {
    if (ws.readyState !== ws.OPEN) return
    try {
      ws.send(JSON.stringify(message))
    } catch {
      ws.close(1011, 'Aura could not send its answer.')
    }
  }
  const stopEvents = services.onEvent((event, payload) => {
    for (const ws of clients) send(ws, { type: 'event', event, payload })
  })

  function serveBridge(ws: WebSocket): void {
    clients.add(ws)
    ws.on('close', () => clients.delete(ws))
    // A protocol error (a message over MAX_MESSAGE_BYTES, bad UTF-8…): ws has already written its
    // close frame (1009, 1007…); drop the socket now rather than wait on the peer's answer.
    ws.on('error', () => ws.terminate())
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? null : parseWire(data.toString())
      if (!message) return ws.close(CLOSE_NOT_A_REQUEST, 'Aura expects JSON requests.')
      services.dispatch(message.procedure, message.input).then(
        (result) => send(ws, { type: 'response', id: message.id, result }),
        () => send(ws, { type: 'response', id: message.id, result: fail({ code: 'internal', message: 'Something went wrong inside Aura.' }) }),
      )
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, hostname, () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${hostPart(hostname)}:${port}/#token=${token}`,
    port,
    async close() {
      stopEvents()
      for (const [timer, socket] of held) {
        clearTimeout(timer)
        socket.destroy()
      }
      held.clear()
      for (const ws of sockets.clients) ws.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length']
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

function parseWire(text: string): WireClientMessage | null {
  try {
    const message = JSON.parse(text) as Partial<WireClientMessage> | null
    if (typeof message !== 'object' || Array.isArray(message)) return null
    if (message?.type !== 'request' || typeof message.id !== 'number' || !Number.isFinite(message.id) || typeof message.procedure !== 'string') return null
    return { type: 'request', id: message.id, procedure: message.procedure, input: message.input }
  } catch {
    return null
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

const hostPart = (hostname: string) => (hostname.includes(':') ? `[${hostname}]` : hostname)

/** The request's path, as sent: no query, and never parsed as an address that could name another host. */
const pathOf = (request: IncomingMessage) => (request.url ?? '/').replace(/[?#].*$/s, '')

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/**
 * Why Aura will not listen on `hostname`, or null for a loopback address. Over a network its page,
 * the chats and any key typed into it would travel unencrypted (there is no TLS), the access token
 * with them: anyone on that network could read them and take the token. So only this computer.
 */
export function hostRefusal(hostname: string): string | null {
  const family = isIP(hostname)
  if (hostname === 'localhost' || (family !== 0 && loopback.check(hostname, family === 4 ? 'ipv4' : 'ipv6'))) return null
  return (
    `Aura can be opened only on this computer: --host must be 127.0.0.1, ::1 or localhost, not "${hostname}". ` +
    'Over a network, the page, your chats and any key you type would travel unencrypted, for anyone on that network to read. ' +
    'To use Aura on another device, install it there.'
  )
}
