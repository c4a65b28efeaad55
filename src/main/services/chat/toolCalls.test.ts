import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Conversation, Envelope, EventName, EventPayload, Message, MessageToolCall } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import type { Toolbox, ToolEntry, ToolOutcome } from '../mcp/toolbox'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { writeTinyLlama } from '../testing/tinyLlama'
import { ConversationStore } from './conversationStore'
import { EventHub } from '../events'
import { stepLimitNote, TOOL_STEP_LIMIT, ToolCalls } from './toolCalls'

type Recorded = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName]
type Json = Record<string, unknown>

/**
 * A few real tools in place of the MCP servers (the real Toolbox lives in services/mcp): one reads a
 * file, one fails, one runs until it is stopped. Each call is timed; a stopped call says so.
 */
class TestToolbox implements Toolbox {
  readonly permissions = new Map<string, 'ask' | 'always'>()
  /** Calls that saw their signal abort. */
  stoppedCalls = 0
  /** Which tools are enabled: all, only the file reader, or none. */
  offer: 'all' | 'files' | 'none' = 'all'

  private entry(server: string, tool: string, description: string, properties: Json): ToolEntry {
    const name = `${server}__${tool}`
    return { name, server, tool, description, inputSchema: { type: 'object', properties, required: Object.keys(properties) }, permission: this.permissions.get(name) ?? 'ask' }
  }

  tools(): Promise<ToolEntry[]> {
    const all = [
      this.entry('files', 'read_file', 'Reads a text file', { path: { type: 'string', maxLength: 24 } }),
      this.entry('broken', 'explode', 'Always fails', { why: { type: 'string' } }),
      this.entry('slow', 'wait', 'Runs until stopped', { seconds: { type: 'number' } }),
    ]
    return Promise.resolve(this.offer === 'all' ? all : all.slice(0, this.offer === 'files' ? 1 : 0))
  }

  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutcome> {
    const started = performance.now()
    const outcome = (ok: boolean, text: string): ToolOutcome => ({ ok, text, truncated: false, ms: Math.round(performance.now() - started) })
    if (name === 'files__read_file') {
      try {
        return outcome(true, await readFile(String(args.path), 'utf8'))
      } catch (error) {
        return outcome(false, `Could not read the file: ${(error as Error).message}`)
      }
    }
    if (name === 'broken__explode') {
      if (args.why === 'break the contract') throw new Error('socket hang up')
      return outcome(false, 'The tool failed because its disk is full')
    }
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
    this.stoppedCalls++
    return outcome(false, 'Stopped.')
  }

  setPermission(name: string, permission: 'ask' | 'always'): Promise<void> {
    this.permissions.set(name, permission)
    return Promise.resolve()
  }
}

/** Tool calls in chat replies, through the real services: the fake cloud asks, the user answers, the tools run. */
describe('tools in a chat', () => {
  let dir: string
  let notes: string
  let fake: FakeCloud
  let toolbox: TestToolbox
  let services: Services
  let events: Recorded[] = []

  const call = async <T>(route: string, input: unknown): Promise<T> => {
    const result = (await services.dispatch(route, input)) as Envelope<T>
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return result.data
  }
  const done = async (messageId: string): Promise<Message> => {
    const find = () => events.find((entry) => entry.event === 'chat.done' && entry.payload.message.id === messageId)
    await expect.poll(find, { timeout: 30_000 }).toBeDefined()
    return (find()!.payload as { message: Message }).message
  }
  const toolEvents = (messageId: string): MessageToolCall[] => events.flatMap((entry) => (entry.event === 'chat.tool' && entry.payload.messageId === messageId ? [entry.payload.call] : []))
  /** Waits for the reply's call in `state` (its latest event). */
  const callIn = async (messageId: string, state: MessageToolCall['state']): Promise<MessageToolCall> => {
    await expect.poll(() => toolEvents(messageId).at(-1)?.state, { timeout: 30_000 }).toBe(state)
    return toolEvents(messageId).at(-1)!
  }
  const chatRequests = () => fake.requestsFor('openai', { chatOnly: true }).map((request) => request.body as Json)
  const send = async (conversationId: string, text = 'What do my notes say?', modelId = 'openai:gpt-6.1-terra') =>
    (await call<{ assistantMessage: Message }>('chat.send', { conversationId, text, modelId })).assistantMessage
  const newChat = async () => (await call<{ id: string }>('conversations.create', {})).id

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-chat-tools-'))
    notes = join(dir, 'notes.txt')
    writeFileSync(notes, 'Buy oat milk')
    // A chat model that starts node-llama-cpp's generic call syntax at once, and a base model (no chat format: no tools).
    await writeTinyLlama(join(dir, 'models', 'caller.gguf'), { chatTemplate: true, extraTokens: { '||call:': 20 }, eosBias: 2, seed: 5 })
    await writeTinyLlama(join(dir, 'models', 'base.gguf'), { eosBias: 2, seed: 6 })
    fake = await startFakeCloud()
    toolbox = new TestToolbox()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ threads: 1, maxTokens: 48, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null, responseCache: false, rateLimitPerMinute: 10_000, rateLimitPerDay: 100_000 }),
      env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai, OPENAI_API_KEY: FAKE_CLOUD_VALID_KEY },
      toolbox,
    })
    services.onEvent((event, payload) => events.push({ event, payload } as Recorded))
  })
  beforeEach(() => {
    events = []
    fake.reset()
    toolbox.permissions.clear()
    toolbox.offer = 'all'
    fake.set({ toolCall: { name: 'files__read_file', arguments: { path: notes } } })
  })
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("asks first; answered 'once', the tool runs, its result goes back to the model and the answer uses it", async () => {
    const conversationId = await newChat()
    const reply = await send(conversationId)
    const asking = await callIn(reply.id, 'asking')
    expect(asking).toMatchObject({ server: 'files', tool: 'read_file', args: { path: notes }, result: null, askId: expect.any(String) as string })
    // The model was offered every tool.
    expect((chatRequests()[0]!.tools as Json[]).map((tool) => (tool.function as Json).name)).toEqual(['files__read_file', 'broken__explode', 'slow__wait'])
    await call('chat.answerTool', { askId: asking.askId, answer: 'once' })

    const message = await done(reply.id)
    expect(message.status).toBe('done')
    expect(message.content).toBe('The tool said: Buy oat milk.')
    expect(message.toolCalls).toEqual([{ id: expect.any(String) as string, server: 'files', tool: 'read_file', args: { path: notes }, state: 'done', result: 'Buy oat milk', truncated: false, ms: expect.any(Number) as number }])
    expect(toolEvents(reply.id).map((entry) => entry.state)).toEqual(['asking', 'running', 'done'])
    // The second request carried the call and its result.
    const messages = chatRequests()[1]!.messages as Json[]
    expect(messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: 'files__read_file', arguments: JSON.stringify({ path: notes }) } }] })
    expect(messages.at(-1)).toMatchObject({ role: 'tool', content: 'Buy oat milk' })
    // Kept on disk with the reply; the ask is gone once answered.
    const saved = await call<Conversation>('conversations.get', { id: conversationId })
    expect(saved.messages.at(-1)!.toolCalls).toEqual(message.toolCalls)
    expect(await services.dispatch('chat.answerTool', { askId: asking.askId, answer: 'once' })).toMatchObject({ ok: false, error: { code: 'not_found' } })

    // 'once' is not remembered: the next call in this chat is asked again.
    const next = await send(conversationId, 'And again?')
    await call('chat.answerTool', { askId: (await callIn(next.id, 'asking')).askId, answer: 'once' })
    expect((await done(next.id)).status).toBe('done')
  })

  it("'deny': the tool does not run, the model is told so, and the reply goes on", async () => {
    const reply = await send(await newChat())
    await call('chat.answerTool', { askId: (await callIn(reply.id, 'asking')).askId, answer: 'deny' })
    const message = await done(reply.id)
    expect(message.toolCalls).toMatchObject([{ state: 'denied', ms: null }])
    expect(message.toolCalls![0]!.result).toMatch(/did not allow/)
    expect((chatRequests()[1]!.messages as Json[]).at(-1)).toMatchObject({ role: 'tool', content: message.toolCalls![0]!.result })
    expect(message.content).toMatch(/^The tool said: The user did not allow/)
  })

  it("'chat': the tool runs without asking for the rest of this chat, and only this chat", async () => {
    const conversationId = await newChat()
    const first = await send(conversationId)
    await call('chat.answerTool', { askId: (await callIn(first.id, 'asking')).askId, answer: 'chat' })
    await done(first.id)
    expect((await call<Conversation>('conversations.get', { id: conversationId })).allowedTools).toEqual(['files__read_file'])
    // Kept in the chat's file (also after it is rewritten compactly).
    expect((await new ConversationStore(join(dir, 'conversations'), { now: Date.now }).get(conversationId)).allowedTools).toEqual(['files__read_file'])

    const second = await send(conversationId, 'Once more?')
    const message = await done(second.id)
    expect(message.toolCalls).toMatchObject([{ state: 'done', result: 'Buy oat milk' }])
    expect(toolEvents(second.id).map((entry) => entry.state)).toEqual(['running', 'done'])

    const other = await newChat()
    const elsewhere = await send(other)
    await callIn(elsewhere.id, 'asking')
    await call('chat.stop', { conversationId: other })
    expect((await done(elsewhere.id)).toolCalls).toMatchObject([{ state: 'stopped' }])
  })

  it('a regenerated reply has its own calls; the earlier version keeps its own, also read back from disk', async () => {
    toolbox.permissions.set('files__read_file', 'always')
    const conversationId = await newChat()
    const first = await done((await send(conversationId)).id)
    writeFileSync(notes, 'Call the plumber')
    const again = await call<{ assistantMessage: Message }>('chat.regenerate', { conversationId, modelId: 'openai:gpt-6.1-terra' })
    const second = await done(again.assistantMessage.id)
    writeFileSync(notes, 'Buy oat milk')
    expect(first.toolCalls).toMatchObject([{ result: 'Buy oat milk' }])
    expect(second.toolCalls).toMatchObject([{ result: 'Call the plumber' }])
    expect(second.content).toBe('The tool said: Call the plumber.')
    await services.dispatch('conversations.get', { id: conversationId })
    const fresh = await new ConversationStore(join(dir, 'conversations'), { now: Date.now }).get(conversationId)
    expect(fresh.messages.at(-1)!.toolCalls).toEqual(second.toolCalls)
    expect(fresh.otherBranches!.find((message) => message.id === first.id)!.toolCalls).toEqual(first.toolCalls)
  })

  it("'always': the tool's permission changes, so no chat asks again", async () => {
    const reply = await send(await newChat())
    await call('chat.answerTool', { askId: (await callIn(reply.id, 'asking')).askId, answer: 'always' })
    await done(reply.id)
    expect(toolbox.permissions.get('files__read_file')).toBe('always')
    const other = await send(await newChat())
    expect((await done(other.id)).toolCalls).toMatchObject([{ state: 'done' }])
    expect(toolEvents(other.id).some((entry) => entry.state === 'asking')).toBe(false)
  })

  it('Stop during a running tool ends the tool and the reply', async () => {
    toolbox.permissions.set('slow__wait', 'always')
    fake.set({ toolCall: { name: 'slow__wait', arguments: { seconds: 60 } } })
    const conversationId = await newChat()
    const reply = await send(conversationId)
    await callIn(reply.id, 'running')
    expect(await call('chat.stop', { conversationId })).toEqual({ stopped: true })
    const message = await done(reply.id)
    expect(message.status).toBe('stopped')
    expect(message.toolCalls).toMatchObject([{ state: 'stopped', tool: 'wait' }])
    expect(toolbox.stoppedCalls).toBeGreaterThan(0)
    // The model was not asked again after the stop.
    expect(chatRequests()).toHaveLength(1)
  })

  it("a failing tool's error goes back to the model as the result", async () => {
    toolbox.permissions.set('broken__explode', 'always')
    fake.set({ toolCall: { name: 'broken__explode', arguments: { why: 'test' } } })
    const reply = await send(await newChat())
    const message = await done(reply.id)
    expect(message.toolCalls).toMatchObject([{ state: 'failed', result: 'The tool failed because its disk is full' }])
    expect((chatRequests()[1]!.messages as Json[]).at(-1)).toMatchObject({ role: 'tool', content: 'The tool failed because its disk is full' })
    expect(message).toMatchObject({ status: 'done', content: 'The tool said: The tool failed because its disk is full.' })

    // A toolbox that throws (against its contract) still ends the call in words, and the reply.
    fake.set({ toolCall: { name: 'broken__explode', arguments: { why: 'break the contract' } } })
    const thrown = await done((await send(await newChat())).id)
    expect(thrown).toMatchObject({ status: 'done', toolCalls: [{ state: 'failed', result: 'The tool "explode" stopped with an unexpected error.' }] })
  })

  it(`a model that keeps calling is stopped after ${TOOL_STEP_LIMIT} rounds, and the reply says so`, async () => {
    toolbox.permissions.set('files__read_file', 'always')
    fake.set({ toolCall: { name: 'files__read_file', arguments: { path: notes }, again: true } })
    const reply = await send(await newChat())
    const message = await done(reply.id)
    expect(message.status).toBe('done')
    expect(message.toolCalls).toHaveLength(TOOL_STEP_LIMIT)
    expect(message.content).toBe(stepLimitNote())
    expect(chatRequests()).toHaveLength(TOOL_STEP_LIMIT + 1)
  })

  it('Auto sends a request with tools to a local model that can call them; it calls through the grammar, with valid arguments', async () => {
    toolbox.offer = 'files'
    toolbox.permissions.set('files__read_file', 'always')
    // Room for a call (its name and arguments are tokens too).
    services.settings.update({ maxTokens: 200 })
    const reply = await send(await newChat(), 'What do my notes say?', 'auto')
    const message = await done(reply.id)
    services.settings.update({ maxTokens: 48 })
    expect(message.modelId).toBe('caller')
    expect(message.route!.reason).toBe('Local · Aura Tiny Llama — a short question, with tools; private and free')
    // This model calls whenever it may: it is stopped at the limit.
    expect(message.toolCalls).toHaveLength(TOOL_STEP_LIMIT)
    expect(message.content.endsWith(stepLimitNote())).toBe(true)
    for (const entry of message.toolCalls!) {
      expect(entry).toMatchObject({ server: 'files', tool: 'read_file', args: { path: expect.any(String) as string } })
      expect(Object.keys(entry.args)).toEqual(['path'])
      // The path the tiny model made up is not a file: the tool's error went back to it.
      expect(['done', 'failed']).toContain(entry.state)
      expect(entry.result).not.toBeNull()
    }
    expect(chatRequests()).toHaveLength(0)
  })

  it('Local only still holds: with no local model that can call tools, a plain message and no cloud', async () => {
    services.settings.update({ localOnly: true })
    // Only the base model: the chat model is set aside for this test.
    const caller = join(dir, 'models', 'caller.gguf')
    renameSync(caller, `${caller}.aside`)
    try {
      const result = await services.dispatch('chat.send', { conversationId: await newChat(), text: 'What do my notes say?', modelId: 'auto' })
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'local_only', message: 'No model can answer: Local only is on and none of the installed models can use tools. Install a model in Settings → AI Models (a chat model), or turn off Local only.' },
      })
      expect(chatRequests()).toHaveLength(0)
      // Without tools the base model answers as it always did.
      toolbox.offer = 'none'
      const message = await done((await send(await newChat(), 'Hello there', 'auto')).id)
      expect(message).toMatchObject({ status: 'done', modelId: 'base' })
    } finally {
      renameSync(`${caller}.aside`, caller)
      services.settings.update({ localOnly: false })
    }
  })

  it('with no tools enabled, a reply offers none and is answered as before', async () => {
    toolbox.offer = 'none'
    const reply = await send(await newChat(), 'Hello there')
    const message = await done(reply.id)
    expect(message.toolCalls).toBeUndefined()
    expect(message.content).not.toMatch(/tool/)
    expect(chatRequests()[0]).not.toHaveProperty('tools')
  })
})

/** A local model's number grammar allows "1e99999", which parses to Infinity and JSON would send as null. */
describe('a call whose arguments hold a number JSON cannot carry', () => {
  it('fails without asking or reaching the tool, and tells the model where and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-chat-numbers-'))
    try {
      const conversations = new ConversationStore(join(dir, 'conversations'), { now: Date.now })
      const conversation = await conversations.create()
      const message = await conversations.addMessage(conversation.id, { role: 'assistant', content: '', status: 'streaming', modelId: 'caller' })
      const toolbox = new TestToolbox()
      const reached: string[] = []
      const call = toolbox.call.bind(toolbox)
      toolbox.call = (name, args, signal) => (reached.push(name), call(name, args, signal))
      toolbox.permissions.set('slow__wait', 'always')
      const tools = await toolbox.tools()
      const calls: MessageToolCall[] = []
      const logger = { info: () => {}, warn: () => {}, error: () => {} }
      const runner = new ToolCalls({ toolbox, conversations, events: new EventHub(), logger })
      const reply = { conversationId: conversation.id, messageId: message.id, signal: AbortSignal.timeout(1_000), tools, calls }
      const turns = await runner.run(reply, [{ id: 'call_1', name: 'slow__wait', arguments: { seconds: Number.POSITIVE_INFINITY } }])
      expect(reached).toEqual([])
      expect(calls).toMatchObject([{ state: 'failed' }])
      expect(turns[0]!.content).toBe('The argument at /seconds is a number too large to send (write it with fewer digits). The tool was not called.')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
