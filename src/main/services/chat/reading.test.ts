import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EventName, EventPayload, Message, ReplyPhase } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { caller } from '../testing/procedures'
import { writeTinyLlama } from '../testing/tinyLlama'

type Recorded = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName]

const THOUGHTS = 'The user greets me. I should greet them back, briefly.'

/**
 * What a reply says while it is made and what it reads, through the real services: real llama.cpp
 * on a generated model (one thread) and the fake cloud (a real server on 127.0.0.1) speaking
 * DeepSeek's wire format with its reasoning.
 */
describe('reading: reply phases, thoughts and attached files', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  const events: Recorded[] = []
  const call = caller(() => services)

  const finished = async (id: string): Promise<Message> => {
    const find = () => events.find((e) => e.event === 'chat.done' && e.payload.message.id === id)
    await expect.poll(find, { timeout: 60_000 }).toBeDefined()
    return (find()!.payload as { message: Message }).message
  }
  /** The reply's events in order: its phases, and `text` / `thought` for the first delta of each. */
  const story = (id: string): string[] => {
    const seen: string[] = []
    for (const e of events) {
      if (e.event === 'chat.phase' && e.payload.messageId === id) seen.push(e.payload.phase)
      if (e.event === 'chat.delta' && e.payload.messageId === id && !seen.includes('text')) seen.push('text')
      if (e.event === 'chat.thought' && e.payload.messageId === id && !seen.includes('thought')) seen.push('thought')
    }
    return seen
  }
  const phases = (id: string): ReplyPhase[] => events.flatMap((e) => (e.event === 'chat.phase' && e.payload.messageId === id ? [e.payload.phase] : []))
  async function ask(text: string, modelId: string, conversationId?: string, attachments?: { name: string; size: number; text: string }[]) {
    const id = conversationId ?? (await call('conversations.create', {})).id
    const sent = await call('chat.send', { conversationId: id, text, modelId, ...(attachments && { attachments }) })
    return { conversationId: id, user: sent.userMessage, reply: await finished(sent.assistantMessage.id) }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-reading-'))
    await writeTinyLlama(join(dir, 'models', 'tiny.gguf'), { chatTemplate: true, seed: 3 })
    fake = await startFakeCloud()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ threads: 1, maxTokens: 12, temperature: 0, responseCache: 'off', dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_DEEPSEEK_BASE_URL: fake.baseUrls.deepseek, DEEPSEEK_API_KEY: FAKE_CLOUD_VALID_KEY },
    })
    services.onEvent((event, payload) => events.push({ event, payload } as Recorded))
  })
  beforeEach(() => fake.reset())
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('says loading, then reading, then writing for a local model not loaded yet; no loading (and never thinking) once it is', async () => {
    const first = await ask('Hello there', 'tiny')
    expect(first.reply.status).toBe('done')
    expect(story(first.reply.id)).toEqual(['loading', 'reading', 'writing', 'text'])

    const again = await ask('And again', 'tiny', first.conversationId)
    expect(story(again.reply.id)).toEqual(['reading', 'writing', 'text'])
    expect(again.reply.thoughts).toBeUndefined()
  })

  it('keeps a cloud model’s reasoning apart from its answer, with how long it thought, and never sends it back', async () => {
    fake.set({ thoughts: THOUGHTS, delayMs: 5 })
    const first = await ask('Hello there', 'deepseek:deepseek-v4-flash')
    expect(first.reply.status).toBe('done')
    expect(story(first.reply.id)).toEqual(['reading', 'thinking', 'thought', 'writing', 'text'])
    expect(first.reply.thoughts?.text).toBe(THOUGHTS)
    expect(first.reply.thoughts?.ms).toBeGreaterThan(0)
    expect(first.reply.content).toBe('You said: Hello there.')
    const streamed = events.flatMap((e) => (e.event === 'chat.thought' && e.payload.messageId === first.reply.id ? [e.payload.text] : []))
    expect(streamed.join('')).toBe(THOUGHTS)

    // Kept with the message on disk.
    const saved = await call('conversations.get', { id: first.conversationId })
    expect(saved.messages.at(-1)?.thoughts?.text).toBe(THOUGHTS)

    // The next turn sends the answer back as history, never the thoughts.
    fake.reset()
    await ask('Thanks', 'deepseek:deepseek-v4-flash', first.conversationId)
    const body = JSON.stringify(fake.requestsFor('deepseek', { chatOnly: true }).at(-1)?.body)
    expect(body).toContain('You said: Hello there.')
    expect(body).not.toContain('greet them back')
  })

  it('reads attached files into the prompt after the message, keeps them with it, and sends them again with the history', async () => {
    const notes = { name: 'notes.md', size: 44, text: '# Shopping\n- apples\n- a ```fenced``` pear\n' }
    const first = await ask('Summarise my notes', 'deepseek:deepseek-v4-flash', undefined, [notes])
    expect(first.user.content).toBe('Summarise my notes')
    expect(first.user.attachments).toEqual([notes])
    const sent = fake.requestsFor('deepseek', { chatOnly: true }).at(-1)?.body as { messages: { role: string; content: string }[] }
    const user = sent.messages.find((m) => m.role === 'user')!.content
    expect(user).toBe('Summarise my notes\n\nAttached file: notes.md\n````\n# Shopping\n- apples\n- a ```fenced``` pear\n\n````')

    const saved = await call('conversations.get', { id: first.conversationId })
    expect(saved.messages[0]?.attachments).toEqual([notes])
    await ask('And the pear?', 'deepseek:deepseek-v4-flash', first.conversationId)
    expect(JSON.stringify(fake.requestsFor('deepseek', { chatOnly: true }).at(-1)?.body)).toContain('Attached file: notes.md')
    expect(phases(first.reply.id)).not.toContain('thinking')
  })

  it('refuses files that add up to more than one message can carry, before anything is saved', async () => {
    const { id } = await call('conversations.create', {})
    const file = (name: string) => ({ name, size: 900_000, text: 'a'.repeat(900_000) })
    const refused = await services.dispatch('chat.send', { conversationId: id, text: 'Read these', modelId: 'tiny', attachments: [file('a.txt'), file('b.txt'), file('c.txt')] })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((await call('conversations.get', { id })).messages).toEqual([])
  })
})
