/**
 * The app path for benchmarks: the real services (`createServices`) behind the real host
 * (`startHost`), driven by a WebSocket client the way the page drives it in browser mode. Times
 * are taken where the reader sees them: when messages arrive at the client.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Message, SettingsPatch } from '../../src/shared/api'
import { startHost, type Host } from '../../src/main/host/server'
import { createServices, type Services } from '../../src/main/services/createServices'
import { memoryStore } from '../../src/main/services/testing/memoryStore'
import { connectHost, type HostClient } from './hostClient'

type WireEvent = { event: string; payload: unknown }

export interface AppReply {
  message: Message
  /** performance.now() at the client: `chat.send` sent, first and last `chat.delta` received. */
  sentAt: number
  firstDeltaAt: number | null
  lastDeltaAt: number | null
  deltas: number
}

export interface BenchApp {
  services: Services
  request<T>(procedure: string, input: unknown): Promise<T>
  /** Sends `text` in a new conversation with `modelId` and waits for `chat.done`. */
  reply(text: string, modelId: string): Promise<AppReply>
  close(): Promise<void>
}

/**
 * Starts the app on `dataDir` with these settings (the response cache off, so every reply is
 * generated) and connects a client with the page's credentials (the token on the handshake, own Origin).
 */
export async function startBenchApp(dataDir: string, settings: SettingsPatch): Promise<BenchApp> {
  const rendererDir = join(dataDir, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Aura bench</title>')
  const services = createServices({
    shell: 'host',
    version: '0.0.0-bench',
    paths: { dataDir },
    settingsStore: memoryStore({ responseCache: 'off', ...settings }),
  })
  let host: Host | null = null
  let client: HostClient | null = null
  try {
    host = await startHost({ services, rendererDir })
    client = await connectHost(host.url)
  } catch (error) {
    client?.close()
    await host?.close()
    await services.dispose()
    throw error
  }
  const socket = client
  const openHost = host

  type Watch = { messageId: string | null; reply: Omit<AppReply, 'message'>; done: (message: Message) => void; early: WireEvent[] }
  let watch: Watch | null = null
  const onEvent = (message: WireEvent, at: number) => {
    if (!watch) return
    const payload = message.payload as { messageId?: string; message?: Message }
    if (message.event === 'chat.delta') {
      if (watch.messageId !== null && payload.messageId !== watch.messageId) return
      watch.reply.firstDeltaAt ??= at
      watch.reply.lastDeltaAt = at
      watch.reply.deltas++
    } else if (message.event === 'chat.done' && payload.message && (watch.messageId === null || payload.message.id === watch.messageId)) {
      if (watch.messageId === null) watch.early.push(message)
      else watch.done(payload.message)
    }
  }
  socket.onEvent((event, payload, at) => onEvent({ event, payload }, at))

  const request = async <T>(procedure: string, input: unknown): Promise<T> => {
    const result = await socket.request(procedure, input)
    if (!result.ok) throw new Error(`${procedure}: ${result.error.code} ${result.error.message}`)
    return result.data as T
  }

  return {
    services,
    request,
    async reply(text, modelId) {
      const conversation = await request<{ id: string }>('conversations.create', {})
      let resolveDone!: (message: Message) => void
      const done = new Promise<Message>((resolve) => (resolveDone = resolve))
      const current: Watch = { messageId: null, reply: { sentAt: performance.now(), firstDeltaAt: null, lastDeltaAt: null, deltas: 0 }, done: resolveDone, early: [] }
      watch = current
      current.reply.sentAt = performance.now()
      const sent = await request<{ assistantMessage: Message }>('chat.send', { conversationId: conversation.id, text, modelId })
      current.messageId = sent.assistantMessage.id
      const early = current.early.find((m) => (m.payload as { message: Message }).message.id === sent.assistantMessage.id)
      if (early) resolveDone((early.payload as { message: Message }).message)
      const message = await done
      watch = null
      if (message.status !== 'done') throw new Error(`reply ${message.status}: ${message.error?.message ?? ''}`)
      return { ...current.reply, message }
    },
    async close() {
      socket.close()
      await openHost.close()
      await services.dispose()
    },
  }
}
