import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { fail, WIRE_PATH, type WireClientMessage, type WireServerMessage } from '../../shared/api'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import type { Services } from '../services/createServices'
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
  /** 127.0.0.1 unless another interface is explicitly asked for. */
  hostname?: string
  /** Random when not given. */
  token?: string
  /** How wrong tokens are slowed down (defaults: 5 free, then 0.5 s doubling up to 30 s). */
  throttle?: ThrottleOptions
}

export interface Host {
  /** The address to open, carrying the access token once. */
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
 * desktop app. Every request must carry the access token (in the printed url once, then a cookie);
 * WebSockets must also come from Aura's own page (Origin), so other sites cannot drive it.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const { services, rendererDir } = options
  const hostname = options.hostname ?? '127.0.0.1'
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const cookieName = () => `aura_token_${port}`

  const throttle = new TokenThrottle(options.throttle)
  const held = new Set<NodeJS.Timeout>()
  const cookieToken = (request: IncomingMessage): string | undefined => parseCookies(request.headers.cookie)[cookieName()]
  const addressOf = (request: IncomingMessage) => request.socket.remoteAddress ?? 'unknown'
  /**
   * Answers a wrong token: at once while the address is within its free failures, else after a
   * delay that grows with each wrong token (see TokenThrottle).
   */
  const wrongToken = (request: IncomingMessage, refuseNow: () => void, refuseSlowed: (retryAfterSeconds: number) => void) => {
    const address = addressOf(request)
    const delay = throttle.failed(address)
    if (delay === 0) return refuseNow()
    const timer = setTimeout(() => {
      held.delete(timer)
      throttle.release(address)
      refuseSlowed(Math.ceil(delay / 1000))
    }, delay)
    held.add(timer)
  }
  /** Seconds to come back in, when the address is flooding with wrong tokens right now; else 0. */
  const floodRefusal = (request: IncomingMessage) => Math.ceil(throttle.refusal(addressOf(request)) / 1000)
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
    const url = new URL(request.url ?? '/', 'http://host')
    if (!knownHost(request)) return refuse(response, 403, 'This address is not allowed.')
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.')
    // No procedure reads a body: one is refused, and the connection closed rather than read.
    if (hasBody(request)) {
      response.shouldKeepAlive = false
      return refuse(response, 413, 'Aura reads no request bodies.')
    }
    const flooding = floodRefusal(request)
    if (flooding > 0) return refuse(response, 429, tooManyText, { 'Retry-After': String(flooding) })

    const offered = url.searchParams.get('token')
    const presented = offered ?? cookieToken(request)
    if (presented === undefined) return refuse(response, 401, unauthorizedText)
    if (!sameSecret(presented, token)) {
      return wrongToken(
        request,
        () => refuse(response, 401, unauthorizedText),
        (retryAfter) => refuse(response, 429, tooManyText, { 'Retry-After': String(retryAfter) }),
      )
    }
    if (offered !== null) {
      // Trade the token in the address for a cookie, then drop it from the address bar.
      url.searchParams.delete('token')
      response.writeHead(303, {
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      })
      return void response.end()
    }
    await serveFile(url.pathname, response)
  }

  async function serveFile(pathname: string, response: ServerResponse): Promise<void> {
    let relative: string
    try {
      relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    } catch {
      return refuse(response, 400, 'Bad address.')
    }
    if (relative === '' || relative === '.') relative = 'index.html'
    const file = join(rendererDir, relative)
    if (!file.startsWith(rendererDir + sep)) return refuse(response, 404, 'Not found.')
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return refuse(response, 404, 'Not found.')
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': relative === 'index.html' ? 'no-store' : 'private, max-age=31536000, immutable',
    })
    createReadStream(file).pipe(response)
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy())
    const refuseUpgrade = (status: string, extra = '') => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`)
    const url = new URL(request.url ?? '/', 'http://host')
    const origin = request.headers.origin
    const placed = url.pathname === WIRE_PATH && knownHost(request) && origin !== undefined && ownOrigins().has(origin)
    if (!placed) return refuseUpgrade('403 Forbidden')
    const flooding = floodRefusal(request)
    if (flooding > 0) return refuseUpgrade('429 Too Many Requests', `Retry-After: ${flooding}\r\n`)
    const presented = cookieToken(request)
    if (presented === undefined) return refuseUpgrade('403 Forbidden')
    if (!sameSecret(presented, token)) {
      return wrongToken(
        request,
        () => refuseUpgrade('403 Forbidden'),
        (retryAfter) => refuseUpgrade('429 Too Many Requests', `Retry-After: ${retryAfter}\r\n`),
      )
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveBridge(ws))
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
    url: `http://${hostPart(hostname)}:${port}/?token=${token}`,
    port,
    async close() {
      stopEvents()
      for (const timer of held) clearTimeout(timer)
      held.clear()
      for (const ws of clients) ws.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const tooManyText = 'Too many wrong access tokens from this address. Wait a little, then open the address that `aura serve` printed.'

const unauthorizedText = 'Aura needs its access link. Open the address that `aura serve` printed (it carries the access token).'

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

function refuse(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return
  response.writeHead(status, { ...securityHeaders, ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(text)
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

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=')
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim()
  }
  return cookies
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

const hostPart = (hostname: string) => (hostname.includes(':') ? `[${hostname}]` : hostname)
