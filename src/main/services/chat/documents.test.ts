import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import type { GenerateRequest } from '../engine/inferenceEngine'
import { LlamaEngine } from '../engine/llamaEngine'
import { makePdf } from '../testing/documents/pdf'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { caller } from '../testing/procedures'
import { recordingEngine } from '../testing/recordingEngine'
import { writeTinyLlama } from '../testing/tinyLlama'
import { sourcePlace } from './documents'

const COMPLEX = 'Design the architecture for a multi-tenant billing system with event sourcing: compare three options, weigh the trade-offs and justify your choice step by step.'

/** A chat with documents through the real services: the real index (a generated model for documents), real llama.cpp (one thread), the fake cloud on 127.0.0.1. */
describe('documents in a chat', () => {
  let dir: string
  let notes: string
  let fake: FakeCloud
  let services: Services
  const asked: GenerateRequest[] = []
  const done: Message[] = []
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
    // A model for documents: its vectors mean nothing, so the keyword side of the search finds the passages asserted.
    await writeTinyLlama(join(dir, 'models', 'embed.gguf'), { seed: 30, pooling: 'mean', embedding: 64 })
    notes = join(dir, 'notes')
    mkdirSync(notes)
    notes = realpathSync(notes)
    writeFileSync(join(notes, 'billing.md'), '# Billing\n\n## Events\n\nEvent sourcing keeps every billing change as an event; invoices are rebuilt from the events.\n')
    writeFileSync(join(notes, 'tenants.pdf'), makePdf({ pages: [['Overview of the system.'], ['Tenants share one database with a tenant id on every row.']] }))
    fake = await startFakeCloud()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ threads: 1, maxTokens: 8, temperature: 0, responseCache: 'off', retryWeakAnswers: false, fastModelId: 'tiny', qualityModelId: 'tiny', dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
      engine: recordingEngine(new LlamaEngine({ cacheDir: join(dir, 'cache') }), asked),
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
    await call('documents.addCollection', { name: 'My notes', folder: notes })
    await services.documents.idle()
    expect((await call('documents.collections', {})).find((c) => c.name === 'My notes')).toMatchObject({ status: 'ready', documents: 2, failed: 0 })
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

    const sources = message.sources ?? []
    expect(sources.map((source) => source.n)).toEqual(sources.map((_, i) => i + 1))
    expect(sources).toEqual(
      expect.arrayContaining([
        { n: expect.any(Number), path: join(notes, 'billing.md'), title: 'Billing', heading: expect.stringContaining('Events'), text: expect.stringContaining('Event sourcing keeps every billing change') },
        { n: expect.any(Number), path: join(notes, 'tenants.pdf'), title: 'tenants.pdf', page: 1, text: expect.stringContaining('Tenants share one database') },
      ]),
    )
    // The model read each one under its number and place, before the question and how to cite.
    const prompt = asked.at(-1)!.messages.at(-1)!.content
    for (const source of sources) expect(prompt).toContain(`[${source.n}] ${sourcePlace(source)}\n${source.text.trim()}`)
    expect(prompt).toContain('] Billing › Events\n')
    expect(prompt).toContain('cite each one you use by its number, like [1]')
    expect(prompt).toMatch(/Question: Design the architecture/)

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
    expect((await finished(sent.assistantMessage.id)).sources?.length).toBeGreaterThan(0)

    await call('settings.update', { localOnly: true })
    try {
      const again = await call('chat.send', { conversationId: id, text: COMPLEX, modelId: 'auto' })
      expect(again.assistantMessage).toMatchObject({ modelId: 'tiny', route: { mode: 'local_only' } })
      await finished(again.assistantMessage.id)
    } finally {
      await call('settings.update', { localOnly: false })
    }
  })

  it('a PDF attached to the chat is kept in the data folder, indexed as the chat’s own and cited with its page', async () => {
    const id = await chatWith({ collections: [], files: [], allowCloud: false })
    const pdf = makePdf({ pages: [['The quarterly report counts forty lighthouses on the northern coast.']] })
    const conversation = await call('conversations.attachDocument', { id, name: '../report.pdf', base64: pdf.toString('base64') })
    const file = join(dir, 'documents', 'chats', id, 'report.pdf')
    expect(conversation.documents).toEqual({ collections: [], files: [file], allowCloud: false })
    await expect.poll(async () => (await call('documents.list', { conversationId: id })).map((d) => d.status), { timeout: 30_000 }).toEqual(['indexed'])
    const { assistantMessage } = await call('chat.send', { conversationId: id, text: 'How many lighthouses does the quarterly report count?', modelId: 'auto' })
    expect(assistantMessage.route!.reason).toMatch(/kept on this computer because this chat has your documents/)
    const message = await finished(assistantMessage.id)
    expect(message.sources).toEqual([{ n: 1, path: file, title: 'report.pdf', page: 1, text: expect.stringContaining('forty lighthouses') }])

    // Deleting the chat deletes its own documents: the kept copy and what the index holds of it.
    await call('conversations.delete', { id })
    expect(existsSync(join(dir, 'documents', 'chats', id))).toBe(false)
    expect(await call('documents.list', { conversationId: id })).toEqual([])
    expect((await call('documents.search', { query: 'lighthouses on the northern coast', scope: {} })).passages.map((passage) => passage.path)).not.toContain(file)
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
