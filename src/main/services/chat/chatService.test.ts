import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Envelope, EventName, EventPayload, Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { memoryStore } from '../testing/memoryStore'
import { ConversationStore } from './conversationStore'
import { writeTinyLlama } from '../testing/tinyLlama'

type Recorded = { [E in EventName]: { event: E; payload: EventPayload<E>; at: number } }[EventName]

/** Chat through the real services: real files, real llama.cpp on generated models, one thread. */
describe('chat', () => {
  let dataDir: string
  let services: Services
  const events: Recorded[] = []

  const call = async <T>(route: string, input: unknown): Promise<T> => {
    const result = (await services.dispatch(route, input)) as Envelope<T>
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return result.data
  }
  const doneFor = (messageId: string) =>
    expect
      .poll(() => events.find((entry) => entry.event === 'chat.done' && entry.payload.message.id === messageId), { timeout: 30_000 })
      .toBeDefined()
      .then(() => (events.find((entry) => entry.event === 'chat.done' && entry.payload.message.id === messageId)!.payload as { message: Message }).message)
  const deltasFor = (messageId: string) =>
    events.flatMap((entry) => (entry.event === 'chat.delta' && entry.payload.messageId === messageId ? [entry] : []))

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-chat-'))
    await writeTinyLlama(join(dataDir, 'models', 'chatty.gguf'), { chatTemplate: true, eosBias: 2 })
    await writeTinyLlama(join(dataDir, 'models', 'endless.gguf'), { eosBias: -8, seed: 7 })
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir },
      settingsStore: memoryStore({ threads: 1, maxTokens: 48 }),
    })
    services.onEvent((event, payload) => events.push({ event, payload, at: performance.now() } as Recorded))
  })
  afterAll(async () => {
    await services.dispose()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('streams a reply in batches, saves it, and names the conversation after the first message', async () => {
    const conversation = await call<{ id: string }>('conversations.create', {})
    const sent = await call<{ userMessage: Message; assistantMessage: Message }>('chat.send', {
      conversationId: conversation.id,
      text: 'Hello there, little model',
      modelId: 'chatty',
    })
    expect(sent.assistantMessage.status).toBe('streaming')
    const message = await doneFor(sent.assistantMessage.id)
    expect(message.status).toBe('done')
    expect(message.stats!.tokens).toBeGreaterThan(0)
    const deltas = deltasFor(message.id)
    expect(deltas.map((delta) => delta.payload.text).join('')).toBe(message.content)
    // Batched: fewer messages than tokens.
    expect(deltas.length).toBeLessThan(message.stats!.tokens)
    const updates = () => events.flatMap((entry) => (entry.event === 'conversations.updated' && entry.payload.id === conversation.id ? [entry.payload] : []))
    expect(updates()[0]).toMatchObject({ title: 'Hello there, little model', messageCount: 1 })
    // After the reply the sidebar learns the new count and time.
    await expect.poll(() => updates().at(-1)?.messageCount).toBe(2)

    const saved = await call<{ messages: Message[]; modelId: string }>('conversations.get', { id: conversation.id })
    expect(saved.modelId).toBe('chatty')
    expect(saved.messages.map((entry) => [entry.role, entry.status])).toEqual([['user', 'done'], ['assistant', 'done']])
    expect(services.settings.get().lastModelId).toBe('chatty')
  })

  it('stops a reply midway, keeping what was written, and refuses a second reply meanwhile', async () => {
    services.settings.update({ maxTokens: 4000 })
    const conversation = await call<{ id: string }>('conversations.create', {})
    const sent = await call<{ assistantMessage: Message }>('chat.send', { conversationId: conversation.id, text: 'Go on and on', modelId: 'endless' })
    await expect.poll(() => deltasFor(sent.assistantMessage.id).length, { timeout: 30_000 }).toBeGreaterThan(2)
    expect(await services.dispatch('chat.send', { conversationId: conversation.id, text: 'again', modelId: 'endless' })).toMatchObject({ ok: false, error: { code: 'busy' } })
    expect(await call('chat.stop', { conversationId: conversation.id })).toEqual({ stopped: true })
    const message = await doneFor(sent.assistantMessage.id)
    services.settings.update({ maxTokens: 48 })
    expect(message.status).toBe('stopped')
    expect(message.content.length).toBeGreaterThan(0)
    expect(message.stats!.tokens).toBeLessThan(4000)
    expect(deltasFor(message.id).map((delta) => delta.payload.text).join('')).toBe(message.content)
    expect(await call('chat.stop', { conversationId: conversation.id })).toEqual({ stopped: false })
  })

  it('answers two conversations at once on one local model, each reply streamed to its own chat', async () => {
    services.settings.update({ maxTokens: 4000 })
    const first = await call<{ id: string }>('conversations.create', {})
    const second = await call<{ id: string }>('conversations.create', {})
    const a = await call<{ assistantMessage: Message }>('chat.send', { conversationId: first.id, text: 'Go on and on', modelId: 'endless' })
    await expect.poll(() => deltasFor(a.assistantMessage.id).length, { timeout: 30_000 }).toBeGreaterThan(2)
    const b = await call<{ assistantMessage: Message }>('chat.send', { conversationId: second.id, text: 'Tell me more', modelId: 'endless' })
    // Both write at the same time: the second streams while the first is still going.
    await expect.poll(() => deltasFor(b.assistantMessage.id).length, { timeout: 30_000 }).toBeGreaterThan(2)
    const before = deltasFor(a.assistantMessage.id).length
    await expect.poll(() => deltasFor(a.assistantMessage.id).length, { timeout: 30_000 }).toBeGreaterThan(before)
    await call('chat.stop', { conversationId: first.id })
    await call('chat.stop', { conversationId: second.id })
    services.settings.update({ maxTokens: 48 })
    for (const message of [await doneFor(a.assistantMessage.id), await doneFor(b.assistantMessage.id)]) {
      expect(message.status).toBe('stopped')
      expect(deltasFor(message.id).map((delta) => delta.payload.text).join('')).toBe(message.content)
    }
  })

  it('a chat deleted while its reply streams stays deleted: no file comes back, no notice at the next start', async () => {
    services.settings.update({ maxTokens: 4000 })
    const conversation = await call<{ id: string }>('conversations.create', {})
    const sent = await call<{ assistantMessage: Message }>('chat.send', { conversationId: conversation.id, text: 'Go on and on', modelId: 'endless' })
    await expect.poll(() => deltasFor(sent.assistantMessage.id).length, { timeout: 30_000 }).toBeGreaterThan(2)
    await call('conversations.delete', { id: conversation.id })
    // The reply has finished once there is nothing left to stop.
    await expect.poll(() => call('chat.stop', { conversationId: conversation.id }), { timeout: 30_000 }).toEqual({ stopped: false })
    services.settings.update({ maxTokens: 48 })
    const dir = join(dataDir, 'conversations')
    // Polled: the reply's last write may still hold its lock file for a moment, and fails (the file is gone); a file that came back would stay.
    await expect.poll(() => readdirSync(dir).filter((name) => name.startsWith(conversation.id)), { timeout: 5_000 }).toEqual([])
    const told: string[] = []
    await new ConversationStore(dir, { now: Date.now }, (file) => told.push(file)).list()
    expect(told).toEqual([])
  })

  it('regenerates the last reply in place', async () => {
    const conversation = await call<{ id: string }>('conversations.create', {})
    const first = await call<{ assistantMessage: Message }>('chat.send', { conversationId: conversation.id, text: 'Tell me something', modelId: 'chatty' })
    await doneFor(first.assistantMessage.id)
    const again = await call<{ assistantMessage: Message }>('chat.regenerate', { conversationId: conversation.id, modelId: 'chatty' })
    expect(again.assistantMessage.id).not.toBe(first.assistantMessage.id)
    await doneFor(again.assistantMessage.id)
    const saved = await call<{ messages: Message[] }>('conversations.get', { id: conversation.id })
    expect(saved.messages.map((entry) => entry.id)).toEqual([saved.messages[0]!.id, again.assistantMessage.id])
  })

  it('shows a missing model as an error on the reply, in plain words', async () => {
    const conversation = await call<{ id: string }>('conversations.create', {})
    const sent = await call<{ assistantMessage: Message }>('chat.send', { conversationId: conversation.id, text: 'Hi', modelId: 'not-here' })
    const message = await doneFor(sent.assistantMessage.id)
    expect(message).toMatchObject({ status: 'error', error: { code: 'model_not_found' } })
    expect(message.error!.message).toMatch(/not-here/)
  })
})
