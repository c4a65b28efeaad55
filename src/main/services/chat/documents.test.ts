import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import type { Library, Passage, SearchScope } from '../documents/contract'
import type { GenerateRequest } from '../engine/inferenceEngine'
import { LlamaEngine } from '../engine/llamaEngine'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { caller } from '../testing/procedures'
import { recordingEngine } from '../testing/recordingEngine'
import { writeTinyLlama } from '../testing/tinyLlama'

const COMPLEX = 'Design the architecture for a multi-tenant billing system with event sourcing: compare three options, weigh the trade-offs and justify your choice step by step.'

/** Passages of a collection "My notes", found by the words they share with the question (the index's keyword path, in small). */
class Shelf implements Library {
  readonly asked: { query: string; scope: SearchScope }[] = []
  constructor(private readonly passages: Passage[]) {}
  search(query: string, scope: SearchScope, limit: number): Promise<Passage[]> {
    this.asked.push({ query, scope })
    const words = new Set(query.toLowerCase().match(/\w{4,}/g))
    const scored = this.passages
      .filter((p) => scope.collections?.includes(p.collection) || scope.files?.includes(p.path))
      .map((p) => ({ ...p, score: (p.text.toLowerCase().match(/\w+/g) ?? []).filter((w) => words.has(w)).length }))
      .filter((p) => p.score > 0)
    return Promise.resolve(scored.sort((a, b) => b.score - a.score).slice(0, limit))
  }
}

const passage = (ordinal: number, text: string, place: { page?: number; heading?: string }): Passage => ({ ordinal, text, ...place, path: '/notes/billing.md', title: 'billing.md', collection: 'My notes', score: 0 })

/** A chat with documents through the real services: real files, real llama.cpp (one thread), the fake cloud on 127.0.0.1. */
describe('documents in a chat', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  const asked: GenerateRequest[] = []
  const done: Message[] = []
  const shelf = new Shelf([
    passage(0, 'Event sourcing keeps every billing change as an event; invoices are rebuilt from the events.', { heading: 'Billing › Events' }),
    passage(1, 'Tenants share one database with a tenant id on every row.', { page: 2 }),
    passage(2, 'The cafeteria opens at noon.', { page: 9 }),
  ])
  const call = caller(() => services)
  const finished = async (id: string): Promise<Message> => {
    await expect.poll(() => done.find((m) => m.id === id), { timeout: 60_000 }).toBeDefined()
    return done.find((m) => m.id === id)!
  }
  async function chatWith(documents: { collections: string[]; files: string[]; allowCloud: boolean }): Promise<string> {
    const conversation = await call('conversations.create', {})
    await call('conversations.setDocuments', { id: conversation.id, documents })
    return conversation.id
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-docs-chat-'))
    await writeTinyLlama(join(dir, 'models', 'tiny.gguf'), { seed: 3, chatTemplate: true })
    fake = await startFakeCloud()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ threads: 1, maxTokens: 8, temperature: 0, responseCache: 'off', retryWeakAnswers: false, fastModelId: 'tiny', qualityModelId: 'tiny', dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
      engine: recordingEngine(new LlamaEngine({ cacheDir: join(dir, 'cache') }), asked),
      library: shelf,
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
  })
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a turn searches the documents with the message, gives the model the passages as numbered sources, and keeps them on the reply', async () => {
    const id = await chatWith({ collections: ['My notes'], files: [], allowCloud: false })
    const { assistantMessage } = await call('chat.send', { conversationId: id, text: COMPLEX, modelId: 'auto' })
    const message = await finished(assistantMessage.id)
    expect(shelf.asked.at(-1)).toEqual({ query: COMPLEX, scope: { collections: ['My notes'], files: [] } })

    const prompt = asked.at(-1)!.messages.at(-1)!.content
    expect(prompt).toContain('[1] billing.md › Billing › Events\nEvent sourcing keeps every billing change')
    expect(prompt).toContain('[2] billing.md, page 2\nTenants share one database')
    expect(prompt).toContain('cite each one you use by its number, like [1]')
    expect(prompt).toMatch(/Question: Design the architecture/)
    expect(prompt).not.toContain('cafeteria')

    const sources = [
      { n: 1, path: '/notes/billing.md', title: 'billing.md', heading: 'Billing › Events', text: 'Event sourcing keeps every billing change as an event; invoices are rebuilt from the events.' },
      { n: 2, path: '/notes/billing.md', title: 'billing.md', page: 2, text: 'Tenants share one database with a tenant id on every row.' },
    ]
    expect(message.sources).toEqual(sources)
    // Kept on disk: the saved chat has them too, and the user's own message is the words typed.
    const saved = await call('conversations.get', { id })
    expect(saved.messages.map((m) => m.sources)).toEqual([undefined, sources])
    expect(saved.messages[0]!.content).toBe(COMPLEX)
  })

  it('Auto keeps a chat with documents on this computer, and says why; a chat without documents goes to the cloud', async () => {
    const id = await chatWith({ collections: ['My notes'], files: [], allowCloud: false })
    const { assistantMessage } = await call('chat.send', { conversationId: id, text: COMPLEX, modelId: 'auto' })
    expect(assistantMessage.modelId).toBe('tiny')
    expect(assistantMessage.route!.reason).toMatch(/^Local · .+ — kept on this computer because this chat has your documents$/)
    await finished(assistantMessage.id)

    const plain = await call('conversations.create', {})
    const cloud = await call('chat.send', { conversationId: plain.id, text: COMPLEX, modelId: 'auto' })
    expect(cloud.assistantMessage.route!.tier).toBe('cloud')
    await finished(cloud.assistantMessage.id)
  })

  it('"Allow cloud models for this chat\'s documents" lets Auto use the cloud, with the sources; Local only still holds', async () => {
    const id = await chatWith({ collections: ['My notes'], files: [], allowCloud: true })
    const sent = await call('chat.send', { conversationId: id, text: COMPLEX, modelId: 'auto' })
    expect(sent.assistantMessage.route!.tier).toBe('cloud')
    expect((await finished(sent.assistantMessage.id)).sources).toHaveLength(2)

    await call('settings.update', { localOnly: true })
    try {
      const again = await call('chat.send', { conversationId: id, text: COMPLEX, modelId: 'auto' })
      expect(again.assistantMessage).toMatchObject({ modelId: 'tiny', route: { mode: 'local_only' } })
      await finished(again.assistantMessage.id)
    } finally {
      await call('settings.update', { localOnly: false })
    }
  })

  it('a file attached to the chat is kept in the data folder and searched as the chat’s own', async () => {
    const id = await chatWith({ collections: [], files: [], allowCloud: false })
    const conversation = await call('conversations.attachDocument', { id, name: '../report.pdf', base64: Buffer.from('%PDF-1.4 test').toString('base64') })
    const file = join(dir, 'documents', 'chats', id, 'report.pdf')
    expect(conversation.documents).toEqual({ collections: [], files: [file], allowCloud: false })
    const { assistantMessage } = await call('chat.send', { conversationId: id, text: 'What does the report say?', modelId: 'auto' })
    expect(shelf.asked.at(-1)!.scope).toEqual({ collections: [], files: [file] })
    expect(assistantMessage.route!.reason).toMatch(/kept on this computer because this chat has your documents/)
    await finished(assistantMessage.id)
  })
})

/** Nothing local can answer a chat kept on this computer: a plain refusal that offers the switch. */
describe('documents in a chat without a local model', () => {
  it('refuses in plain words, offering to allow the cloud for this chat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-docs-none-'))
    const fake = await startFakeCloud()
    const services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ threads: 1, confirmCostAbove: null }),
      env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
      library: new Shelf([]),
    })
    try {
      const call = caller(() => services)
      const conversation = await call('conversations.create', {})
      await call('conversations.setDocuments', { id: conversation.id, documents: { collections: ['My notes'], files: [], allowCloud: false } })
      const refused = await services.dispatch('chat.send', { conversationId: conversation.id, text: 'Hello', modelId: 'auto' })
      expect(refused).toMatchObject({ ok: false, error: { code: 'local_only', data: { documents: true }, message: expect.stringContaining('allow cloud models for this chat’s documents') } })
      // Nothing was saved: the user can switch and send again.
      expect((await call('conversations.get', { id: conversation.id })).messages).toEqual([])
    } finally {
      await services.dispose()
      await fake.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
