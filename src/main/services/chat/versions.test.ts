import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import type { GenerateRequest } from '../engine/inferenceEngine'
import { LlamaEngine } from '../engine/llamaEngine'
import { startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { recordingEngine } from '../testing/recordingEngine'
import { caller, ledgerRecords } from '../testing/procedures'
import { writeTinyLlama } from '../testing/tinyLlama'

/**
 * Versions, edits, deletes, instructions and assistants through the real services: real files, real
 * llama.cpp on a generated model (one thread), a real local server in the cloud's shape. The engine
 * is the real one, with what it was asked noted on the way in.
 */
describe('reply versions, edits, instructions and assistants', () => {
  let dataDir: string
  let services: Services
  let fake: FakeCloud
  const asked: GenerateRequest[] = []
  const done: Message[] = []
  const call = caller(() => services)

  const finished = async (id: string) => {
    await expect.poll(() => done.some((message) => message.id === id), { timeout: 30_000 }).toBe(true)
    return done.find((message) => message.id === id)!
  }
  const texts = (messages: Message[] | undefined) => (messages ?? []).map((message) => `${message.role}:${message.content.slice(0, 12)}`)

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-versions-'))
    fake = await startFakeCloud()
    await writeTinyLlama(join(dataDir, 'models', 'chatty.gguf'), { chatTemplate: true, eosBias: 2 })
    const engine = recordingEngine(new LlamaEngine({ cacheDir: join(dataDir, 'cache') }), asked)
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir },
      engine,
      settingsStore: memoryStore({ threads: 1, maxTokens: 24, temperature: 0.7, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
  })
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('regenerate keeps the earlier reply as a version with its own stats; the ledger counts each reply once', async () => {
    const chat = await call('conversations.create', {})
    const sent = await call('chat.send', { conversationId: chat.id, text: 'Tell me something', modelId: 'chatty' })
    const first = await finished(sent.assistantMessage.id)
    const again = await call('chat.regenerate', { conversationId: chat.id, modelId: 'chatty' })
    const second = await finished(again.assistantMessage.id)
    const third = await finished((await call('chat.regenerate', { conversationId: chat.id, modelId: 'chatty' })).assistantMessage.id)

    let saved = await call('conversations.get', { id: chat.id })
    expect(saved.messages.map((m) => m.id)).toEqual([sent.userMessage.id, third.id])
    expect(saved.otherBranches!.map((m) => m.id)).toEqual([first.id, second.id])
    expect(saved.otherBranches!.every((m) => m.parentId === sent.userMessage.id && m.stats!.tokens > 0 && m.route)).toBe(true)
    // ‹ 1/3 ›: the first version is shown again, exactly as it was.
    saved = await call('conversations.showVersion', { id: chat.id, messageId: first.id })
    expect(saved.messages[1]).toMatchObject({ id: first.id, content: first.content, stats: first.stats })

    const records = (await ledgerRecords(call)).filter((record) => record.conversationId === chat.id)
    expect(records.map((record) => record.messageId).sort()).toEqual([first.id, second.id, third.id].sort())
    // What the model read is the branch shown only: the question, never an earlier version of the reply.
    expect(asked.at(-1)!.messages.map((turn) => turn.role)).toEqual(['user'])
  })

  it('an edited message is sent as a new version; the earlier branch stays one switch away; delete takes the replies after it', async () => {
    const chat = await call('conversations.create', {})
    const one = await call('chat.send', { conversationId: chat.id, text: 'First thing', modelId: 'chatty' })
    await finished(one.assistantMessage.id)
    const two = await call('chat.send', { conversationId: chat.id, text: 'Second thing', modelId: 'chatty' })
    await finished(two.assistantMessage.id)

    const edited = await call('chat.edit', { conversationId: chat.id, messageId: two.userMessage.id, text: 'Second, edited', modelId: 'chatty' })
    await finished(edited.assistantMessage.id)
    // The model read the first turn and the edited message, not the message it replaces.
    expect(asked.at(-1)!.messages.map((turn) => turn.content.slice(0, 14))).toEqual(['First thing', expect.any(String), 'Second, edited'])
    let saved = await call('conversations.get', { id: chat.id })
    expect(texts(saved.messages).slice(2)).toEqual(['user:Second, edit', expect.stringMatching(/^assistant:/)])
    expect(saved.messages[2]!.parentId).toBe(one.assistantMessage.id)

    saved = await call('conversations.showVersion', { id: chat.id, messageId: two.userMessage.id })
    expect(saved.messages.map((m) => m.id)).toEqual([one.userMessage.id, one.assistantMessage.id, two.userMessage.id, two.assistantMessage.id])

    saved = await call('conversations.deleteMessage', { id: chat.id, messageId: two.userMessage.id })
    // The edited version takes the deleted one's place.
    expect(saved.messages.map((m) => m.id)).toEqual([one.userMessage.id, one.assistantMessage.id, edited.userMessage.id, edited.assistantMessage.id])
    expect(saved.otherBranches).toEqual([])
    expect((await call('conversations.list', {})).find((summary) => summary.id === chat.id)!.messageCount).toBe(4)
  })

  it('a chat’s instructions and temperature reach the local engine, and count in the prompt', async () => {
    const chat = await call('conversations.create', {})
    await call('conversations.setInstructions', { id: chat.id, instructions: 'Always answer in exactly three words.' })
    const sent = await call('chat.send', { conversationId: chat.id, text: 'Hello', modelId: 'chatty' })
    const reply = await finished(sent.assistantMessage.id)
    const request = asked.at(-1)!
    expect(request.messages[0]).toEqual({ role: 'system', content: 'Always answer in exactly three words.' })
    expect(request.temperature).toBe(0.7)
    // The route preview (the prompt fit) reads them too.
    const plain = await call('router.preview', { text: 'Hello', modelId: 'chatty' })
    const withInstructions = await call('router.preview', { text: 'Hello', conversationId: chat.id, modelId: 'chatty' })
    expect(withInstructions.promptTokens).toBeGreaterThan(plain.promptTokens + 5)
    expect(reply.status).toBe('done')
  })

  it('starts a chat from an assistant: its instructions, model and temperature, to the cloud too', async () => {
    const builtIns = await call('assistants.list', {})
    expect(builtIns.map((a) => a.name)).toEqual(['Writing helper', 'Coding helper', 'Translator'])
    // A server of the user's own in OpenAI's shape (the big providers' newest models ignore temperature).
    await call('servers.add', { name: 'My server', baseUrl: fake.baseUrls.local })
    const served = (await call('cloud.models', {})).find((model) => model.provider === 'server.my-server')!.id
    const mine = await call('assistants.save', {
      name: 'Pirate',
      description: 'Talks like a pirate',
      instructions: 'Talk like a pirate.',
      modelId: served,
      temperature: 0.1,
    })
    expect((await call('assistants.list', {})).at(-1)).toEqual(mine)

    const chat = await call('conversations.create', { assistantId: mine.id })
    expect(chat).toMatchObject({ instructions: 'Talk like a pirate.', temperature: 0.1, modelId: served, assistant: { id: mine.id, name: 'Pirate' } })
    const sent = await call('chat.send', { conversationId: chat.id, text: 'Hello there', modelId: chat.modelId! })
    expect((await finished(sent.assistantMessage.id)).status).toBe('done')
    const body = fake.requestsFor('local').at(-1)!.body as { messages: unknown[]; temperature?: number }
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Talk like a pirate.' })
    expect(body.temperature).toBe(0.1)

    // Local too: the assistant's temperature, not the settings'.
    const local = await call('conversations.create', { assistantId: 'builtin-coding', modelId: 'chatty' })
    await finished((await call('chat.send', { conversationId: local.id, text: 'Write a loop', modelId: 'chatty' })).assistantMessage.id)
    expect(asked.at(-1)).toMatchObject({ temperature: 0.2, messages: [{ role: 'system', content: expect.stringContaining('programming assistant') }, { role: 'user', content: 'Write a loop' }] })

    // Changing or deleting the assistant leaves the chats made from it as they are.
    const { builtIn: _, ...fields } = mine
    await call('assistants.save', { ...fields, name: 'Parrot' })
    await call('assistants.delete', { id: mine.id })
    expect(await call('conversations.get', { id: chat.id })).toMatchObject({ assistant: { name: 'Pirate' }, instructions: 'Talk like a pirate.' })
    await expect(call('assistants.delete', { id: 'builtin-writing' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(call('conversations.create', { assistantId: mine.id })).rejects.toMatchObject({ code: 'not_found' })
  })
})
