import { beforeEach, describe, expect, it } from 'vitest'
import type { AuraBridge, Envelope, Message } from '../api'
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

  it('puts a regenerated reply in place of the old one', async () => {
    const calls = manualBridge()
    const u1 = message({ id: 'u1', role: 'user', createdAt: 1 })
    const a1 = message({ id: 'a1', role: 'assistant', content: 'old', createdAt: 2 })
    useChat.setState({ activeId: 'c1', messages: { u1, a1 }, messageIds: ['u1', 'a1'] })
    const regenerating = useChat.getState().regenerate('m')
    await flush()
    calls[0]!.answer({ ok: true, data: { assistantMessage: message({ id: 'a2', role: 'assistant', status: 'streaming', createdAt: 3 }) } })
    await regenerating
    expect(useChat.getState().messageIds).toEqual(['u1', 'a2'])
    expect(useStreaming.getState().active.c1).toBe('a2')
  })
})
