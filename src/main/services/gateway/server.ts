import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AuraError } from '../../../shared/api'
import type { Logger } from '../ports'
import { anthropicError, countTokens, estimateInput, message, MessageEvents, messageId, parseMessagesRequest } from './anthropic'
import type { Gateway } from './core'
import { listedOrigin, preflightHeaders } from './cors'
import type { AppKey } from './keys'
import { fromThisNetwork } from './network'
import { chunks, completion, errorReply, modelList, parseChatRequest, replyId } from './openai'
import { embeddingList, parseEmbeddingRequest } from './openaiEmbeddings'
import { answerResponse } from './responses'

/** Requests larger than this are refused (413): a long conversation with tools is well under it. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024

export interface GatewayOptions {
  gateway: Gateway
  /** 0: any free port (tests). */
  port: number
  logger: Logger
  maxBodyBytes?: number
  /** Also listen on the local network (every address of this computer); false: 127.0.0.1 only. */
  network?: boolean
  /** Web pages that may call the API from a browser (settings.api.corsOrigins), read per request. */
  corsOrigins?: () => readonly string[]
}

export interface GatewayServer {
  /** `http://127.0.0.1:<port>/v1`: what an app's "base URL" field takes. */
  url: string
  port: number
  /** Reachable from the local network, not only this computer. */
  network: boolean
  close(): Promise<void>
}

/**
 * The API for other apps, on its own listener: 127.0.0.1 only unless the user opens it to the local
 * network, every request with an app's key, bodies capped, CORS only for the web pages the user
 * listed (others cannot read the answers). Each API's wire format is a module of its own (openai.ts,
 * anthropic.ts); what they share is the Gateway core.
 */
export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const { gateway, logger } = options
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
  const network = options.network ?? false
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const known = error instanceof AuraError ? error : new AuraError('internal', 'Aura could not answer this request. Try again; if it keeps failing, restart Aura.')
      if (!(error instanceof AuraError)) logger.error('API request failed', { error: String(error) })
      // Anthropic's paths answer errors in Anthropic's shape, the rest in OpenAI's.
      const wording = (req.url ?? '').startsWith('/v1/messages') ? anthropicError : errorReply
      if (res.headersSent) endStreamWithError(res, known, wording)
      else sendError(res, known, wording)
    })
  })

  // Open to the network, the listener still drops what comes from beyond it (a forwarded port, a public IPv6 address).
  if (network)
    server.on('connection', (socket) => {
      if (!fromThisNetwork(socket.remoteAddress)) socket.destroy()
    })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Set before anything is answered, so errors and streamed replies carry them too.
    const origins = options.corsOrigins?.() ?? []
    const origin = listedOrigin(req, origins)
    if (origins.length > 0) res.setHeader('vary', 'Origin')
    if (origin) {
      res.setHeader('access-control-allow-origin', origin)
      res.setHeader('access-control-expose-headers', 'retry-after, x-should-retry')
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return void res.writeHead(204, preflightHeaders(req)).end()
    }
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '')
    const route = `${req.method} ${path}`
    const known = ['GET /v1/models', 'POST /v1/chat/completions', 'POST /v1/responses', 'POST /v1/embeddings', 'POST /v1/messages', 'POST /v1/messages/count_tokens']
    if (!known.includes(route)) throw new AuraError('not_found', `Aura's API has no ${req.method} ${path}. It answers GET /v1/models, POST /v1/chat/completions, POST /v1/responses, POST /v1/embeddings, POST /v1/messages and POST /v1/messages/count_tokens.`)
    const app = gateway.authenticate(keyOf(req))
    if (route === 'GET /v1/models') return sendJson(res, 200, modelList(await gateway.models(app)))
    const body = await readJson(req, maxBodyBytes)
    // A client that goes away stops its generation.
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    if (route === 'POST /v1/embeddings') {
      const { model, texts, base64 } = parseEmbeddingRequest(body)
      return sendJson(res, 200, embeddingList(await gateway.embed(model, texts), base64))
    }
    if (route === 'POST /v1/messages/count_tokens') return sendJson(res, 200, countTokens(body))
    if (route === 'POST /v1/messages') return messages(app, body, res, controller.signal)
    if (route === 'POST /v1/responses') return answerResponse(gateway, app, body, { res, signal: controller.signal, json: (reply) => sendJson(res, 200, reply), open: (first) => eventStream(res, first) })
    const { request, stream, includeUsage } = parseChatRequest(body)
    const ids = replyId()
    if (!stream) return sendJson(res, 200, completion(await gateway.reply(app, request, { signal: controller.signal }), ids))

    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`)
    const open = eventStream(res, () => send(chunks.delta(ids, request.model, { role: 'assistant', content: '' })))
    const reply = await gateway.reply(app, request, {
      signal: controller.signal,
      onText: (text) => {
        open()
        send(chunks.delta(ids, request.model, { content: text }))
      },
    })
    if (controller.signal.aborted) return void res.end()
    open()
    for (const chunk of chunks.finish(ids, reply)) send(chunk)
    if (includeUsage) send(chunks.usage(ids, reply))
    res.end('data: [DONE]\n\n')
  }

  /** Anthropic's Messages, streamed like Chat Completions (see eventStream). */
  async function messages(app: AppKey, body: unknown, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const { request, stream } = parseMessagesRequest(body)
    const id = messageId()
    if (!stream) return sendJson(res, 200, message(await gateway.reply(app, request, { signal }), request, id))
    const events = new MessageEvents((event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`), id, request.model)
    const open = eventStream(res, () => events.start(estimateInput(request)))
    const reply = await gateway.reply(app, request, {
      signal,
      onText: (text) => {
        open()
        events.text(text)
      },
    })
    if (signal.aborted) return void res.end()
    open()
    events.finish(reply, request)
    res.end()
  }

  const listen = (host: string) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  // '::' takes IPv6 and IPv4 alike; a computer with IPv6 turned off has only 0.0.0.0.
  const hosts = network ? ['::', '0.0.0.0'] : ['127.0.0.1']
  for (const [index, host] of hosts.entries()) {
    try {
      await listen(host)
      break
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EADDRINUSE') throw new AuraError('busy', `Port ${options.port} is already in use by another program. Choose another port for Aura's API (aura api serve --port N, or in Settings).`)
      if (index === hosts.length - 1) throw error
    }
  }
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    network,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** `Authorization: Bearer <key>` (OpenAI's clients) or `x-api-key: <key>` (Anthropic's). */
function keyOf(req: IncomingMessage): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
  const header = req.headers['x-api-key']
  return bearer ?? (typeof header === 'string' && header.trim() ? header.trim() : null)
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const tooBig = () => new AuraError('invalid_input', `The request is larger than Aura's API accepts (${Math.round(maxBytes / 1024 / 1024)} MiB). Send a shorter conversation.`, { status: 413 })
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooBig()
  const parts: Buffer[] = []
  let size = 0
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length
    if (size > maxBytes) throw tooBig()
    parts.push(part)
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'))
  } catch {
    throw new AuraError('invalid_input', 'The request body is not valid JSON.')
  }
}

/**
 * Opens a streamed (SSE) answer once, then writes its first event: called with the first piece of
 * text, so an error before any text still gets its own status (both APIs stream this way).
 */
function eventStream(res: ServerResponse, first: () => void): () => void {
  return () => {
    if (res.headersSent) return
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' })
    first()
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

type Wording = typeof errorReply

function sendError(res: ServerResponse, error: AuraError, wording: Wording): void {
  const status = (error.data as { status?: number } | undefined)?.status
  const reply = wording(error, status)
  // A body too big is refused before it is read whole: the connection is closed after the answer.
  if (reply.status === 413) res.setHeader('connection', 'close')
  sendJson(res, reply.status, reply.body, reply.headers)
}

/** After the stream began, an error is its last event (the SDK raises it), then the stream ends. */
function endStreamWithError(res: ServerResponse, error: AuraError, wording: Wording): void {
  if (res.writableEnded || res.destroyed) return
  const event = wording === anthropicError ? 'event: error\n' : ''
  res.write(`${event}data: ${JSON.stringify(wording(error).body)}\n\n`)
  res.end()
}
