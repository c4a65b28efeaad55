import { beforeEach, describe, expect, it } from 'vitest'
import type { AuraBridge, Envelope, Message, MessageRoute } from '../api'
import { setClient } from '../lib/client'
import { useChat } from './chat'
import { useConversations } from './conversations'
import { useStreaming } from './streaming'

const message = (over: Partial<Message> & Pick<Message, 'id' | 'role'>): Message => ({
  content: '',
  createdAt: 1000,
  status: 'done',
  modelId: 'm',
  error: null,
  stats: null,
  ...over,
})

/** A bridge whose answers the test releases by hand, to play out races. */
function manualBridge() {
  const calls: { route: string; input: unknown; answer(result: Envelope<unknown>): void }[] = []
  const bridge: AuraBridge = {
    request: (route, input) => new Promise((resolve) => calls.push({ route, input, answer: resolve })),
    on: () => () => {},
  }
  setClient(bridge)
  return calls
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('chat store', () => {
  beforeEach(() => {
    useChat.getState().newChat()
    useConversations.setState({ items: [], query: '' })
  })

  it('creates the conversation first, shows the question at once, and streams the reply apart from the chat', async () => {
    const calls = manualBridge()
    const sending = useChat.getState().send('Hello there', 'm')
    await flush()
    expect(calls.map((c) => c.route)).toEqual(['conversations.create'])
    calls[0]!.answer({ ok: true, data: { id: 'c1', title: 'New chat', createdAt: 1, updatedAt: 1, modelId: 'm', messages: [] } })
    await flush()

    expect(calls[1]).toMatchObject({ route: 'chat.send', input: { conversationId: 'c1', text: 'Hello there', modelId: 'm' } })
    expect(useChat.getState().activeId).toBe('c1')
    const pending = useChat.getState().messageIds.map((id) => useChat.getState().messages[id]!)
    expect(pending).toMatchObject([{ role: 'user', content: 'Hello there' }])

    // The first text can arrive before chat.send answers.
    useStreaming.getState().append('c1', 'a1', 'Hi')
    calls[1]!.answer({
      ok: true,
      data: {
        userMessage: message({ id: 'u1', role: 'user', content: 'Hello there', createdAt: 2000 }),
        assistantMessage: message({ id: 'a1', role: 'assistant', status: 'streaming', createdAt: 2000 }),
      },
    })
    await expect(sending).resolves.toBe(true)
    expect(useChat.getState().messageIds).toEqual(['u1', 'a1'])

    const before = useChat.getState().messages
    useStreaming.getState().append('c1', 'a1', ' you')
    expect(useChat.getState().messages).toBe(before) // deltas never touch the conversation
    expect(useStreaming.getState().text.a1).toBe('Hi you')
    expect(useStreaming.getState().active.c1).toBe('a1')
  })

  it('keeps a finished reply when chat.done arrives before the chat.send answer', async () => {
    const calls = manualBridge()
    useChat.setState({ activeId: 'c1', messages: {}, messageIds: [] })
    const sending = useChat.getState().send('Quick', 'm')
    await flush()

    const done = message({ id: 'a1', role: 'assistant', status: 'done', content: 'Fast answer', createdAt: 2000 })
    useChat.getState().applyDone('c1', done)
    useStreaming.getState().finish('c1', 'a1')
    calls[0]!.answer({
      ok: true,
      data: {
        userMessage: message({ id: 'u1', role: 'user', content: 'Quick', createdAt: 2000 }),
        assistantMessage: message({ id: 'a1', role: 'assistant', status: 'streaming', createdAt: 2000 }),
      },
    })
    await sending
    const state = useChat.getState()
    expect(state.messageIds).toEqual(['u1', 'a1'])
    expect(state.messages.a1).toMatchObject({ status: 'done', content: 'Fast answer' })
    expect(useStreaming.getState().active.c1).toBeUndefined()
  })

  it('gives the text back and says why when sending is refused', async () => {
    const calls = manualBridge()
    useChat.setState({ activeId: 'c1', messages: {}, messageIds: [] })
    const sending = useChat.getState().send('Hello', 'm')
    await flush()
    calls[0]!.answer({ ok: false, error: { code: 'busy', message: 'Aura is still answering in this chat.' } })
    await expect(sending).resolves.toBe(false)
    expect(useChat.getState().messageIds).toEqual([])
    expect(useChat.getState().sendError).toBe('Aura is still answering in this chat.')
  })

  it('shows a regenerated reply in place of the old one, which stays as another version', async () => {
    const calls = manualBridge()
    const u1 = message({ id: 'u1', role: 'user', createdAt: 1, parentId: null })
    const a1 = message({ id: 'a1', role: 'assistant', content: 'old', createdAt: 2, parentId: 'u1' })
    useChat.setState({ activeId: 'c1', messages: { u1, a1 }, messageIds: ['u1', 'a1'] })
    const regenerating = useChat.getState().regenerate('m')
    await flush()
    const a2 = message({ id: 'a2', role: 'assistant', status: 'streaming', createdAt: 3, parentId: 'u1' })
    calls[0]!.answer({ ok: true, data: { assistantMessage: a2 } })
    await flush()
    expect(useChat.getState().messageIds).toEqual(['u1', 'a2'])
    expect(useStreaming.getState().active.c1).toBe('a2')
    // The chat is read again for its versions: ‹ 2/2 › on the new reply.
    expect(calls[1]).toMatchObject({ route: 'conversations.get', input: { id: 'c1' } })
    calls[1]!.answer({ ok: true, data: { id: 'c1', title: 't', createdAt: 1, updatedAt: 3, modelId: 'm', messages: [u1, a2], otherBranches: [a1] } })
    await regenerating
    expect(useChat.getState().messageIds).toEqual(['u1', 'a2'])
    expect(useChat.getState().versions).toEqual({ a2: ['a1', 'a2'] })
    expect(useChat.getState().otherVersions).toEqual({ a1 })
  })

  it('holds an edited message whose cost needs an OK, and sends it with confirmCost once agreed', async () => {
    const calls = manualBridge()
    const u1 = message({ id: 'u1', role: 'user', content: 'Hi', createdAt: 1, parentId: null })
    useChat.setState({ activeId: 'c1', messages: { u1 }, messageIds: ['u1'] })
    const editing = useChat.getState().edit('u1', 'Design a billing system', 'auto')
    await flush()
    expect(calls[0]).toMatchObject({ route: 'chat.edit', input: { conversationId: 'c1', messageId: 'u1', text: 'Design a billing system', modelId: 'auto' } })
    calls[0]!.answer({ ok: false, error: { code: 'cost_confirmation_required', message: 'ask first', data: { estimateUsd: 0.14, modelId: 'anthropic:opus', modelName: 'Claude Opus 5.5' } } })
    await expect(editing).resolves.toBe(false)
    expect(useChat.getState()).toMatchObject({ sendError: null, costConfirm: { kind: 'edit', messageId: 'u1', text: 'Design a billing system', modelName: 'Claude Opus 5.5' } })

    const confirming = useChat.getState().confirmCost()
    await flush()
    expect(calls[1]).toMatchObject({ route: 'chat.edit', input: { messageId: 'u1', confirmCost: true } })
    const u2 = message({ id: 'u2', role: 'user', content: 'Design a billing system', createdAt: 2, parentId: null })
    const a2 = message({ id: 'a2', role: 'assistant', status: 'streaming', createdAt: 3, parentId: 'u2' })
    calls[1]!.answer({ ok: true, data: { userMessage: u2, assistantMessage: a2 } })
    await flush()
    calls[2]!.answer({ ok: true, data: { id: 'c1', title: 't', createdAt: 1, updatedAt: 3, modelId: 'auto', messages: [u2, a2], otherBranches: [u1] } })
    await expect(confirming).resolves.toBe(true)
    expect(useChat.getState()).toMatchObject({ messageIds: ['u2', 'a2'], versions: { u2: ['u1', 'u2'] } })
  })

  it('holds a message whose cost needs an OK, and sends it with confirmCost once agreed', async () => {
    const calls = manualBridge()
    useChat.setState({ activeId: 'c1', messages: {}, messageIds: [] })
    const sending = useChat.getState().send('Design a billing system', 'auto')
    await flush()
    calls[0]!.answer({
      ok: false,
      error: { code: 'cost_confirmation_required', message: 'ask first', data: { estimateUsd: 0.14, modelId: 'anthropic:opus', modelName: 'Claude Opus 5.5' } },
    })
    await expect(sending).resolves.toBe(false)
    const state = useChat.getState()
    expect(state.sendError).toBeNull()
    expect(state.messageIds).toEqual([])
    expect(state.costConfirm).toMatchObject({ kind: 'send', text: 'Design a billing system', modelId: 'auto', estimateUsd: 0.14, modelName: 'Claude Opus 5.5' })

    const confirming = useChat.getState().confirmCost()
    await flush()
    expect(calls[1]).toMatchObject({ route: 'chat.send', input: { conversationId: 'c1', text: 'Design a billing system', modelId: 'auto', confirmCost: true } })
    expect(useChat.getState().costConfirm).toBeNull()
    calls[1]!.answer({
      ok: true,
      data: {
        userMessage: message({ id: 'u1', role: 'user', content: 'Design a billing system', createdAt: 2000 }),
        assistantMessage: message({ id: 'a1', role: 'assistant', status: 'streaming', createdAt: 2000 }),
      },
    })
    await expect(confirming).resolves.toBe(true)
    expect(useChat.getState().messageIds).toEqual(['u1', 'a1'])
  })

  it('cancelling a held message gives it back and sends nothing', async () => {
    const calls = manualBridge()
    useChat.setState({ activeId: 'c1', messages: {}, messageIds: [] })
    const u1 = message({ id: 'u1', role: 'user', createdAt: 1 })
    const a1 = message({ id: 'a1', role: 'assistant', content: 'old', createdAt: 2 })
    useChat.setState({ messages: { u1, a1 }, messageIds: ['u1', 'a1'] })
    const regenerating = useChat.getState().regenerate('openai:big')
    await flush()
    calls[0]!.answer({ ok: false, error: { code: 'cost_confirmation_required', message: 'ask', data: { estimateUsd: 0.3, modelId: 'openai:big', modelName: 'Big' } } })
    await regenerating
    expect(useChat.getState().costConfirm).toMatchObject({ kind: 'regenerate', modelId: 'openai:big' })
    expect(useChat.getState().cancelCost()).toMatchObject({ kind: 'regenerate' })
    expect(useChat.getState().costConfirm).toBeNull()
    expect(calls).toHaveLength(1)
    expect(useChat.getState().messageIds).toEqual(['u1', 'a1'])
  })

  it('a reply that moves to the next model starts its text over, and a late answer does not undo the move', async () => {
    const calls = manualBridge()
    useChat.setState({ activeId: 'c1', messages: {}, messageIds: [] })
    const sending = useChat.getState().send('Hard question', 'auto')
    await flush()
    const first: MessageRoute = { mode: 'auto', tier: 'local-quality', complexity: 'complex', taskType: 'reasoning', reason: 'Local · Qwen', attempts: [], confidence: null, cacheHit: false }
    const moved: MessageRoute = {
      ...first,
      tier: 'cloud',
      reason: 'The local model failed — answered by GPT',
      attempts: [{ modelId: 'qwen', tier: 'local-quality', outcome: 'failed', note: 'ran out of memory', text: 'Partial', confidence: null }],
    }
    useChat.getState().applyRoute('c1', 'r1', 'qwen', first)
    useStreaming.getState().restart('c1', 'r1')
    useStreaming.getState().append('c1', 'r1', 'Partial')
    useChat.getState().applyRoute('c1', 'r1', 'openai:gpt', moved)
    useStreaming.getState().restart('c1', 'r1')
    expect(useStreaming.getState().text.r1).toBe('')
    useStreaming.getState().append('c1', 'r1', 'Better')

    // chat.send's answer was made before the move: the event's model and route stay.
    calls[0]!.answer({
      ok: true,
      data: {
        userMessage: message({ id: 'q1', role: 'user', content: 'Hard question', createdAt: 2000 }),
        assistantMessage: message({ id: 'r1', role: 'assistant', status: 'streaming', content: 'Partial', modelId: 'qwen', route: first, createdAt: 2000 }),
      },
    })
    await sending
    expect(useChat.getState().messages.r1).toMatchObject({ modelId: 'openai:gpt', route: { tier: 'cloud' } })
    expect(useStreaming.getState().text.r1).toBe('Better')

    useChat.getState().applyRoute('c1', 'r1', 'openai:gpt', { ...moved, confidence: 0.9 })
    expect(useChat.getState().messages.r1?.route?.confidence).toBe(0.9)
    const done = message({ id: 'r1', role: 'assistant', status: 'done', content: 'Better answer', modelId: 'openai:gpt', route: { ...moved, confidence: 0.92 }, createdAt: 2000 })
    useChat.getState().applyDone('c1', done)
    useStreaming.getState().finish('c1', 'r1')
    // A route event after the end changes nothing.
    useChat.getState().applyRoute('c1', 'r1', 'qwen', first)
    expect(useChat.getState().messages.r1).toMatchObject({ status: 'done', modelId: 'openai:gpt', route: { confidence: 0.92 } })
  })
})
