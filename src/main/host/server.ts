import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { WIRE_PATH, type WireClientMessage, type WireServerMessage } from '../../shared/api'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import type { Services } from '../services/createServices'

/** Largest WebSocket message the host accepts (a long pasted prompt fits; a flood does not). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024

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

  const hasToken = (request: IncomingMessage): boolean => {
    const cookie = parseCookies(request.headers.cookie)[cookieName()]
    return cookie !== undefined && sameSecret(cookie, token)
  }
  const ownOrigins = () => new Set([`http://${hostPart(hostname)}:${port}`, `http://127.0.0.1:${port}`, `http://localhost:${port}`])
  const knownHost = (request: IncomingMessage) => {
    // Refuses DNS-rebinding: the page must have been loaded from an address of ours.
    const host = request.headers.host
    return host !== undefined && ownOrigins().has(`http://${host}`)
  }

  const server = createServer((request, response) => {
    handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://host')
    if (!knownHost(request)) return refuse(response, 403, 'This address is not allowed.')
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.')

    const offered = url.searchParams.get('token')
    if (offered !== null) {
      if (!sameSecret(offered, token)) return refuse(response, 401, unauthorizedText)
      // Trade the token in the address for a cookie, then drop it from the address bar.
      url.searchParams.delete('token')
      response.writeHead(303, {
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      })
      return void response.end()
    }
    if (!hasToken(request)) return refuse(response, 401, unauthorizedText)
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
    const url = new URL(request.url ?? '/', 'http://host')
    const origin = request.headers.origin
    const allowed = url.pathname === WIRE_PATH && knownHost(request) && origin !== undefined && ownOrigins().has(origin) && hasToken(request)
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveBridge(ws))
  })

  const clients = new Set<WebSocket>()
  const send = (ws: WebSocket, message: WireServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  const stopEvents = services.onEvent((event, payload) => {
    for (const ws of clients) send(ws, { type: 'event', event, payload })
  })

  function serveBridge(ws: WebSocket): void {
    clients.add(ws)
    ws.on('close', () => clients.delete(ws))
    ws.on('error', () => ws.terminate())
    ws.on('message', async (data, isBinary) => {
      const message = isBinary ? null : parseWire(data.toString())
      if (!message) return ws.close(1003, 'Aura expects JSON requests.')
      send(ws, { type: 'response', id: message.id, result: await services.dispatch(message.route, message.input) })
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
      for (const ws of clients) ws.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const unauthorizedText = 'Aura needs its access link. Open the address that `aura serve` printed (it carries the access token).'

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(text)
}

function parseWire(text: string): WireClientMessage | null {
  try {
    const message = JSON.parse(text) as Partial<WireClientMessage> | null
    if (message?.type !== 'request' || typeof message.id !== 'number' || typeof message.route !== 'string') return null
    return { type: 'request', id: message.id, route: message.route, input: message.input }
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
