/**
 * The fake cloud's HTTP server: routes each request by its path prefix to its wire format, checks
 * the key, applies the switches (faults global, per flavour or per key) and records every request.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { anthropicWire } from './anthropic'
import { geminiWire } from './gemini'
import { openAIWire } from './openai'
import { sleep, streamReply } from './stream'
import { FAKE_CLOUD_MODELS, FAKE_CLOUD_PROVIDERS, FAKE_OPENROUTER_PRICES, FAKE_CLOUD_VALID_KEY, type FakeCloud, type FakeCloudOptions, type FakeCloudProvider, type FakeCloudRequest, type FakeCloudSwitches } from './types'
import { asObj, type JsonReply, type Reply, type Wire } from './wire'
import { fakeReplyWords, toolAnswerWords } from './words'

function wireFor(provider: FakeCloudProvider): Wire {
  return provider === 'anthropic' ? anthropicWire : provider === 'google' ? geminiWire : openAIWire(provider)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const keys = new Set(options.keys ?? [FAKE_CLOUD_VALID_KEY])
  let global: FakeCloudSwitches = { ...options.switches }
  let byProvider = new Map<FakeCloudProvider, FakeCloudSwitches>()
  let byKey = new Map<string, FakeCloudSwitches>()
  let counters = new Map<string, number>()
  const requests: FakeCloudRequest[] = []

  const effective = (p: FakeCloudProvider, key: string | undefined): FakeCloudSwitches => ({
    ...global,
    ...byProvider.get(p),
    ...(key !== undefined ? byKey.get(key) : undefined),
  })

  /** Count a limited fault; true while it should still fire. */
  const fires = (name: string, times: number | undefined): boolean => {
    if (times === undefined) return true
    const used = counters.get(name) ?? 0
    if (used >= times) return false
    counters.set(name, used + 1)
    return true
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { message: `fake cloud: ${String(err)}` } }))
      } else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1')
    const segs = u.pathname.split('/').filter(Boolean)
    const provider = segs[0] as FakeCloudProvider
    const raw = await readBody(req)
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      body = undefined
    }
    const query = Object.fromEntries(u.searchParams)
    if (!FAKE_CLOUD_PROVIDERS.includes(provider)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `fake cloud: unknown prefix ${u.pathname}` } }))
      return
    }
    const wire = wireFor(provider)
    const key = wire.key(req, u.searchParams)
    const record: FakeCloudRequest = { provider, method: req.method ?? 'GET', path: u.pathname, query, hasAuth: key !== undefined, apiKey: key, headers: { ...req.headers }, body }
    requests.push(record)

    // Route: strip the prefix and the version segment.
    let rest = segs.slice(1)
    if (rest[0] === 'api' && rest[1] === 'v1') rest = rest.slice(2)
    else if (rest[0] === 'v1' || rest[0] === 'v1beta') rest = rest.slice(1)
    const route = rest.join('/')

    const sw = effective(provider, key)
    const sendJson = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      res.writeHead(status, { 'content-type': 'application/json', ...wire.headers(), ...headers })
      res.end(JSON.stringify(payload))
    }
    const send = (e: JsonReply): void => sendJson(e.status, e.body, e.headers)

    // Auth.
    const anyKey = sw.anyKey ?? provider === 'local'
    if (!anyKey && (key === undefined || !keys.has(key))) return send(wire.invalidKey(key))

    const isChat =
      req.method === 'POST' &&
      (route === 'chat/completions' || route === 'messages' || /^models\/[^/]+(\/[^/:]+)?:(streamGenerateContent|generateContent)$/.test(route))
    const models = sw.models ?? FAKE_CLOUD_MODELS[provider]

    if (sw.noCredit && route !== wire.balanceRoute) return send(wire.noCredit())
    if (sw.rateLimit && fires(`rate:${provider}:${key ?? ''}`, sw.rateLimit.times)) return send(wire.rateLimit(sw.rateLimit.retryAfterSeconds ?? 1))

    if (req.method === 'GET') {
      if (route === 'models') return sendJson(200, wire.models(models, sw.openRouterPrices ?? FAKE_OPENROUTER_PRICES))
      const answer = wire.get?.(route, { key, models, noCredit: sw.noCredit === true })
      if (answer) return send(answer)
    }

    if (!isChat) return send(wire.notFound(u.pathname))

    // Chat.
    const chat = wire.parseChat(asObj(body), route)

    if (sw.serverError) {
      const opts = typeof sw.serverError === 'object' ? sw.serverError : {}
      if (fires(`server:${provider}:${key ?? ''}`, opts.times)) return send(wire.serverError(opts.status))
    }
    if (sw.modelNotFound || (sw.strictModels && !models.includes(chat.model))) return send(wire.modelNotFound(chat.model))

    const offered = sw.toolCall && chat.tools.includes(sw.toolCall.name) ? sw.toolCall : undefined
    const call = offered && { name: offered.name, arguments: offered.arguments }
    const calling = call !== undefined && (chat.toolResult === undefined || offered?.again === true)
    let replyWords = call && chat.toolResult !== undefined ? toolAnswerWords(chat.toolResult) : fakeReplyWords(chat.lastUserText, sw.replyTokens)
    let finish: Reply['finish'] = 'stop'
    if (chat.maxTokens !== undefined && replyWords.length > chat.maxTokens) {
      replyWords = replyWords.slice(0, chat.maxTokens)
      finish = 'length'
    }
    const usage = sw.usage ?? {}
    const tokens = {
      prompt: chat.promptTokens + (usage.extraPromptTokens ?? 0),
      cacheRead: usage.cacheReadTokens ?? 0,
      cacheWrite: usage.cacheWriteTokens ?? 0,
      reasoning: usage.reasoningTokens ?? 0,
    }
    const reply: Reply = { chat, words: replyWords, tokens, finish, provider, id: randomBytes(8).toString('hex'), created: Math.floor(Date.now() / 1000), ...(sw.thoughts && { thoughts: sw.thoughts }) }
    if (calling) Object.assign(reply, { words: [], finish: 'tool_calls', toolCall: { id: `call_${reply.id}`, ...call } })

    if (!chat.stream) {
      if (sw.delayMs) await sleep(sw.delayMs)
      return sendJson(200, wire.reply(reply))
    }
    await streamReply(req, res, wire, reply, sw, record)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    port,
    baseUrls: {
      openai: `${url}/openai/v1`,
      xai: `${url}/xai/v1`,
      deepseek: `${url}/deepseek`,
      moonshot: `${url}/moonshot/v1`,
      openrouter: `${url}/openrouter/api/v1`,
      local: `${url}/local/v1`,
      anthropic: `${url}/anthropic/v1`,
      google: `${url}/google/v1beta`,
    },
    requests,
    keys,
    set(switches, scope) {
      if (scope?.key !== undefined) byKey.set(scope.key, { ...switches })
      else if (scope?.provider !== undefined) byProvider.set(scope.provider, { ...switches })
      else global = { ...switches }
      counters = new Map()
    },
    reset() {
      global = {}
      byProvider = new Map()
      byKey = new Map()
      counters = new Map()
      requests.length = 0
    },
    requestsFor(provider, opts) {
      return requests.filter(
        (r) => r.provider === provider && (!opts?.chatOnly || (r.method === 'POST' && /chat\/completions$|messages$|:(stream)?[gG]enerateContent$/.test(r.path))),
      )
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
