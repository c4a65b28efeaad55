import { create } from 'zustand'
import type { Attachment, AuraErrorShape, ChatAssistant, Conversation, Envelope, Message, MessageRoute, Rating } from '../api'
import { i18n } from '../i18n'
import { call, errorMessage, request } from '../lib/client'
import { useConversations } from './conversations'
import { useModels } from './models'
import { notifyError } from './notices'
import { useSettings } from './settings'
import { useStreaming } from './streaming'

/** A message held back because its estimated cost is above the user's "ask first" amount. */
export interface CostConfirm {
  kind: 'send' | 'regenerate' | 'escalate' | 'edit'
  /** The reply to ask a stronger model for (an escalate), or the message edited (an edit). */
  messageId?: string
  conversationId: string | null
  /** What the user wrote, and the files attached (a send). */
  text: string
  attachments?: Attachment[]
  modelId: string
  loadAnyway: boolean
  estimateUsd: number
  /** The model that would answer (Auto's pick, or the one chosen). */
  modelName: string
}

/** The data of a `cost_confirmation_required` refusal, when it has the expected shape. */
export function costDataOf(error: AuraErrorShape | null | undefined): { estimateUsd: number; modelId: string | null; modelName: string | null } | null {
  if (!error || error.code !== 'cost_confirmation_required') return null
  const data = (error.data ?? {}) as { estimateUsd?: unknown; modelId?: unknown; modelName?: unknown }
  return {
    estimateUsd: typeof data.estimateUsd === 'number' ? data.estimateUsd : Number.NaN,
    modelId: typeof data.modelId === 'string' ? data.modelId : null,
    modelName: typeof data.modelName === 'string' ? data.modelName : null,
  }
}

interface ChatStore {
  /** The open conversation; null = a new chat that does not exist yet. */
  activeId: string | null
  title: string
  messageIds: string[]
  messages: Record<string, Message>
  loading: boolean
  loadError: string | null
  /** Why the last send / regenerate was refused, in plain words. */
  sendError: string | null
  /** The same refusal with its code and data (e.g. a `model_too_big` and its memory estimate). */
  sendErrorShape: AuraErrorShape | null
  /** The refusal answered a regenerate (so trying again means regenerating). */
  sendErrorFromRegenerate: boolean
  /** A send or regenerate request is on its way. */
  busy: boolean
  /** The model picked in the header for this chat (null = the default). */
  selectedModelId: string | null
  /** Bumped to ask the composer to take focus. */
  focusTick: number
  /** A message waiting for the user to agree to its cost. */
  costConfirm: CostConfirm | null
  /** Each shown message that has other versions: every version's id, in the order written (‹ 2/3 ›). */
  versions: Record<string, string[]>
  /** The versions not shown (their replies still count in the chat's cost). */
  otherVersions: Record<string, Message>
  /** The chat's instructions (a system prompt); for a new chat, what it will start with. */
  instructions: string
  /** The assistant the chat was started from. */
  assistant: ChatAssistant | null

  newChat(): void
  open(id: string): Promise<void>
  /** Reloads the open conversation (e.g. after a reconnect). */
  reload(): Promise<void>
  /** Resolves to true once the message is on its way (false: refused, or held for a cost confirmation). */
  send(text: string, modelId: string, options?: { confirmCost?: boolean; attachments?: Attachment[] }): Promise<boolean>
  /** Writes the last reply again; `loadAnyway` loads a model the memory estimate says is too big. */
  regenerate(modelId: string, options?: { loadAnyway?: boolean; confirmCost?: boolean }): Promise<void>
  /** "Try a stronger model": the reply is written again, in its place, by the next stronger model; the earlier answer stays with it. */
  escalate(messageId: string, options?: { confirmCost?: boolean }): Promise<void>
  /** The user agreed to the cost: the held message goes (resolves like `send`). */
  confirmCost(): Promise<boolean>
  /** The user declined: returns what was held (its text goes back to the composer). */
  cancelCost(): CostConfirm | null
  stop(): Promise<void>
  selectModel(modelId: string): void
  clearSendError(): void
  /** From `chat.done`. */
  applyDone(conversationId: string, message: Message): void
  /** 👍 / 👎 on a reply (null takes it back): shown at once, saved, and taught to Auto. */
  rate(messageId: string, rating: Rating | null): Promise<void>
  /** From `chat.route`: the reply's route was decided, or it moved to the next model (its text starts over). */
  applyRoute(conversationId: string, messageId: string, modelId: string, route: MessageRoute): void
  setTitle(conversationId: string, title: string): void
  /** The conversation was deleted. */
  forget(conversationId: string): void
  /** Shows another version of a message (‹ ›): the branch through it. */
  showVersion(messageId: string): Promise<void>
  /** Sends an edited copy of a message the user wrote as a new version of it (resolves true once on its way). */
  edit(messageId: string, text: string, modelId: string, options?: { confirmCost?: boolean }): Promise<boolean>
  /** Deletes a message with the replies after it in its branch. */
  deleteMessage(messageId: string): Promise<void>
  /** Saves the chat's instructions (kept for the first message of a new chat). */
  setInstructions(text: string): Promise<boolean>
  /** Opens a new chat made from an assistant (its instructions, model and temperature). */
  startWith(assistantId: string): Promise<void>
}

const roleOrder = (m: Message): number => (m.role === 'user' ? 0 : 1)

/** Messages in the order they were written (a user message before the reply made at the same instant). */
function ordered(messages: Record<string, Message>): string[] {
  return Object.values(messages)
    .sort((a, b) => a.createdAt - b.createdAt || roleOrder(a) - roleOrder(b))
    .map((m) => m.id)
}

/**
 * The newest `chat.route` of each reply still being written. A route's answer (send, regenerate,
 * get) may have been made before the reply moved on to another model: the event wins.
 */
const liveRoutes = new Map<string, { modelId: string; route: MessageRoute }>()

/** A finished message is never replaced by an older, still-streaming copy of itself. */
function merge(existing: Message | undefined, incoming: Message): Message {
  if (existing && existing.status !== 'streaming' && incoming.status === 'streaming') return existing
  if (incoming.status !== 'streaming') {
    liveRoutes.delete(incoming.id)
    return incoming
  }
  const live = liveRoutes.get(incoming.id)
  return live ? { ...incoming, modelId: live.modelId, route: live.route, content: '' } : incoming
}

let loadGeneration = 0
let pendingId = 0

/** What the chat view holds when no conversation is open (a new chat). */
const noConversation = {
  activeId: null,
  title: '',
  messageIds: [],
  messages: {},
  loading: false,
  loadError: null,
  sendError: null,
  sendErrorShape: null,
  sendErrorFromRegenerate: false,
  selectedModelId: null,
  costConfirm: null,
  versions: {},
  otherVersions: {},
  instructions: '',
  assistant: null,
} satisfies Partial<ChatStore>

/** Each shown message's versions (when it has more than one): the messages with the same parent, in the order written. */
export function versionsOf(conversation: Pick<Conversation, 'messages' | 'otherBranches'>): Record<string, string[]> {
  const siblings = new Map<string | null, Message[]>()
  const all = [...conversation.messages, ...(conversation.otherBranches ?? [])].sort((a, b) => a.createdAt - b.createdAt)
  for (const message of all) {
    const key = message.parentId ?? null
    siblings.set(key, [...(siblings.get(key) ?? []), message])
  }
  const versions: Record<string, string[]> = {}
  for (const message of conversation.messages) {
    const same = (siblings.get(message.parentId ?? null) ?? []).filter((other) => other.role === message.role)
    if (same.length > 1) versions[message.id] = same.map((other) => other.id)
  }
  return versions
}

export const useChat = create<ChatStore>((set, get) => {
  const upsert = (conversationId: string, incoming: Message[], remove: string[] = []): void => {
    if (get().activeId !== conversationId) return
    set((s) => {
      const messages = { ...s.messages }
      for (const id of remove) delete messages[id]
      for (const message of incoming) messages[message.id] = merge(messages[message.id], message)
      return { messages, messageIds: ordered(messages) }
    })
  }

  /** Reads the chat again for its versions (after a new one was made), keeping the model picked. */
  const refreshTree = async (conversationId: string): Promise<void> => {
    const result = await request('conversations.get', { id: conversationId })
    if (!result.ok || get().activeId !== conversationId) return
    const selected = get().selectedModelId
    show(result.data)
    set({ selectedModelId: selected })
  }

  /** A changed tree from the services (a version shown, a message deleted). */
  const changed = (conversationId: string, result: Envelope<Conversation>): void => {
    if (get().activeId !== conversationId) return
    if (!result.ok) {
      notifyError(result.error.message)
      return
    }
    const selected = get().selectedModelId
    show(result.data)
    set({ selectedModelId: selected })
  }

  const show = (conversation: Conversation): void => {
    const messages: Record<string, Message> = {}
    for (const message of conversation.messages) messages[message.id] = merge(undefined, message)
    set({
      activeId: conversation.id,
      title: conversation.title,
      messages,
      messageIds: ordered(messages),
      loading: false,
      loadError: null,
      selectedModelId: conversation.modelId,
      versions: versionsOf(conversation),
      otherVersions: Object.fromEntries((conversation.otherBranches ?? []).map((message) => [message.id, message])),
      instructions: conversation.instructions ?? '',
      assistant: conversation.assistant ?? null,
    })
    for (const message of conversation.messages) {
      if (message.status === 'streaming') useStreaming.getState().begin(conversation.id, message.id, message.content)
    }
  }

  return {
    ...noConversation,
    busy: false,
    focusTick: 0,

    newChat() {
      loadGeneration++
      set((s) => ({ ...noConversation, focusTick: s.focusTick + 1 }))
    },

    async open(id) {
      const mine = ++loadGeneration
      set((s) => ({
        activeId: id,
        title: useConversations.getState().items.find((c) => c.id === id)?.title ?? '',
        messageIds: [],
        messages: {},
        loading: true,
        loadError: null,
        sendError: null,
        sendErrorShape: null,
        costConfirm: null,
        focusTick: s.focusTick + 1,
      }))
      try {
        const conversation = await call('conversations.get', { id })
        if (mine === loadGeneration) show(conversation)
      } catch (error) {
        if (mine === loadGeneration) set({ loading: false, loadError: errorMessage(error) })
      }
    },

    async reload() {
      const id = get().activeId
      if (!id) return
      const mine = ++loadGeneration
      try {
        const conversation = await call('conversations.get', { id })
        if (mine === loadGeneration) {
          const selected = get().selectedModelId
          show(conversation)
          set({ selectedModelId: selected ?? conversation.modelId })
          // Replies that ended while we were not listening.
          for (const message of conversation.messages) {
            if (message.status !== 'streaming') useStreaming.getState().finish(conversation.id, message.id)
          }
        }
      } catch (error) {
        if (mine === loadGeneration) set({ loadError: errorMessage(error) })
      }
    },

    async send(text, modelId, options = {}) {
      const content = text.trim()
      const attachments = options.attachments?.length ? options.attachments : undefined
      if (!content || get().busy) return false
      set({ busy: true, sendError: null, sendErrorShape: null, sendErrorFromRegenerate: false, costConfirm: null })

      let conversationId = get().activeId
      if (!conversationId) {
        const instructions = get().instructions.trim()
        const created = await request('conversations.create', { modelId, ...(instructions ? { instructions } : {}) })
        if (!created.ok) {
          set({ busy: false, sendError: created.error.message, sendErrorShape: created.error })
          return false
        }
        const conversation = created.data
        conversationId = conversation.id
        loadGeneration++
        set({ activeId: conversation.id, title: conversation.title, messages: {}, messageIds: [], loading: false, loadError: null })
        useConversations.getState().upsert({
          id: conversation.id,
          title: conversation.title,
          updatedAt: conversation.updatedAt,
          messageCount: conversation.messages.length,
          snippet: '',
        })
      }

      const tempId = `pending-${++pendingId}`
      const pending: Message = {
        id: tempId,
        role: 'user',
        content,
        createdAt: Date.now(),
        status: 'done',
        modelId,
        error: null,
        stats: null,
        ...(attachments && { attachments }),
      }
      upsert(conversationId, [pending])

      const input = { conversationId, text: content, modelId, ...(options.confirmCost && { confirmCost: true }), ...(attachments && { attachments }) }
      const result = await request('chat.send', input)
      set({ busy: false })
      if (!result.ok) {
        upsert(conversationId, [], [tempId])
        const cost = costDataOf(result.error)
        if (get().activeId !== conversationId) return false
        if (cost && !options.confirmCost) {
          set({
            costConfirm: {
              kind: 'send',
              conversationId,
              text: content,
              ...(attachments && { attachments }),
              modelId,
              loadAnyway: false,
              estimateUsd: cost.estimateUsd,
              modelName: cost.modelName ?? cost.modelId ?? i18n.t('message.aCloudModel'),
            },
          })
          return false
        }
        set({ sendError: result.error.message, sendErrorShape: result.error })
        if (result.error.code.startsWith('model_')) void useModels.getState().refresh()
        return false
      }
      const { userMessage, assistantMessage } = result.data
      useConversations.getState().touch(conversationId, userMessage.createdAt)
      if (assistantMessage.status === 'streaming') {
        useStreaming.getState().begin(conversationId, assistantMessage.id, assistantMessage.content || undefined)
      }
      upsert(conversationId, [userMessage, assistantMessage], [tempId])
      return true
    },

    async regenerate(modelId, options = {}) {
      const conversationId = get().activeId
      if (!conversationId || get().busy) return
      set({ busy: true, sendError: null, sendErrorShape: null, sendErrorFromRegenerate: false, costConfirm: null })
      const input = {
        conversationId,
        modelId,
        ...(options.loadAnyway ? { loadAnyway: true } : {}),
        ...(options.confirmCost ? { confirmCost: true } : {}),
      }
      const result = await request('chat.regenerate', input)
      set({ busy: false })
      if (!result.ok) {
        const cost = costDataOf(result.error)
        if (cost && !options.confirmCost && get().activeId === conversationId) {
          set({
            costConfirm: {
              kind: 'regenerate',
              conversationId,
              text: '',
              modelId,
              loadAnyway: options.loadAnyway === true,
              estimateUsd: cost.estimateUsd,
              modelName: cost.modelName ?? cost.modelId ?? i18n.t('message.aCloudModel'),
            },
          })
          return
        }
        if (get().activeId === conversationId) {
          set({ sendError: result.error.message, sendErrorShape: result.error, sendErrorFromRegenerate: true })
        }
        return
      }
      const { assistantMessage } = result.data
      if (assistantMessage.status === 'streaming') {
        useStreaming.getState().begin(conversationId, assistantMessage.id, assistantMessage.content || undefined)
      }
      // The new reply is shown in the old one's place; the old one stays, one ‹ › away.
      const { messageIds, messages } = get()
      const lastUser = messageIds.findLastIndex((id) => messages[id]?.role === 'user')
      const replaced = messageIds.slice(lastUser + 1).filter((id) => id !== assistantMessage.id)
      upsert(conversationId, [assistantMessage], replaced)
      await refreshTree(conversationId)
    },

    async escalate(messageId, options = {}) {
      const conversationId = get().activeId
      if (!conversationId || get().busy) return
      set({ busy: true, sendError: null, sendErrorShape: null, sendErrorFromRegenerate: false, costConfirm: null })
      const result = await request('chat.escalate', { conversationId, messageId, ...(options.confirmCost ? { confirmCost: true } : {}) })
      set({ busy: false })
      if (get().activeId !== conversationId) return
      if (!result.ok) {
        const cost = costDataOf(result.error)
        if (cost && !options.confirmCost) {
          const modelName = cost.modelName ?? cost.modelId ?? i18n.t('message.aCloudModel')
          set({ costConfirm: { kind: 'escalate', messageId, conversationId, text: '', modelId: cost.modelId ?? '', loadAnyway: false, estimateUsd: cost.estimateUsd, modelName } })
        } else set({ sendError: result.error.message, sendErrorShape: result.error })
        return
      }
      const { assistantMessage } = result.data
      useStreaming.getState().begin(conversationId, assistantMessage.id, assistantMessage.content || undefined)
      // The same reply streams again: its finished copy gives way to the new one.
      upsert(conversationId, [assistantMessage], [assistantMessage.id])
    },
    async confirmCost() {
      const held = get().costConfirm
      if (!held || held.conversationId !== get().activeId) {
        set({ costConfirm: null })
        return false
      }
      set({ costConfirm: null })
      if (held.kind === 'send') return get().send(held.text, held.modelId, { confirmCost: true, ...(held.attachments && { attachments: held.attachments }) })
      if (held.kind === 'escalate') {
        await get().escalate(held.messageId ?? '', { confirmCost: true })
        return get().sendError === null
      }
      if (held.kind === 'edit') return get().edit(held.messageId ?? '', held.text, held.modelId, { confirmCost: true })
      await get().regenerate(held.modelId, { loadAnyway: held.loadAnyway, confirmCost: true })
      return get().sendError === null
    },

    cancelCost() {
      const held = get().costConfirm
      set({ costConfirm: null })
      return held
    },

    async stop() {
      const conversationId = get().activeId
      if (!conversationId) return
      const result = await request('chat.stop', { conversationId })
      if (!result.ok && get().activeId === conversationId) set({ sendError: result.error.message, sendErrorShape: result.error })
    },

    selectModel(modelId) {
      set({ selectedModelId: modelId })
      if (useSettings.getState().settings?.lastModelId !== modelId) {
        void useSettings.getState().update({ lastModelId: modelId })
      }
    },

    clearSendError() {
      set({ sendError: null, sendErrorShape: null })
    },

    applyDone(conversationId, message) {
      liveRoutes.delete(message.id)
      upsert(conversationId, [message])
    },

    async rate(messageId, rating) {
      const conversationId = get().activeId
      const message = get().messages[messageId]
      if (!conversationId || !message) return
      const setRating = (value: Rating | null) => set((s) => (s.messages[messageId] ? { messages: { ...s.messages, [messageId]: { ...s.messages[messageId], rating: value } } } : s))
      setRating(rating)
      try {
        await call('chat.rate', { conversationId, messageId, rating })
      } catch (error) {
        setRating(message.rating ?? null)
        notifyError(i18n.t('message.ratingNotSaved', { problem: errorMessage(error) }))
      }
    },

    applyRoute(conversationId, messageId, modelId, route) {
      const existing = get().messages[messageId]
      if (existing && existing.status !== 'streaming') return
      liveRoutes.set(messageId, { modelId, route })
      if (existing && get().activeId === conversationId) {
        set((s) => ({ messages: { ...s.messages, [messageId]: { ...existing, modelId, route, content: '' } } }))
      }
    },

    setTitle(conversationId, title) {
      if (get().activeId === conversationId) set({ title })
    },

    forget(conversationId) {
      if (get().activeId === conversationId) get().newChat()
    },

    async showVersion(messageId) {
      const conversationId = get().activeId
      if (!conversationId) return
      changed(conversationId, await request('conversations.showVersion', { id: conversationId, messageId }))
    },

    async edit(messageId, text, modelId, options = {}) {
      const conversationId = get().activeId
      const content = text.trim()
      if (!conversationId || !content || get().busy) return false
      set({ busy: true, sendError: null, sendErrorShape: null, sendErrorFromRegenerate: false, costConfirm: null })
      const result = await request('chat.edit', { conversationId, messageId, text: content, modelId, ...(options.confirmCost ? { confirmCost: true } : {}) })
      set({ busy: false })
      if (get().activeId !== conversationId) return false
      if (!result.ok) {
        const cost = costDataOf(result.error)
        if (cost && !options.confirmCost) {
          const modelName = cost.modelName ?? cost.modelId ?? i18n.t('message.aCloudModel')
          set({ costConfirm: { kind: 'edit', messageId, conversationId, text: content, modelId, loadAnyway: false, estimateUsd: cost.estimateUsd, modelName } })
        } else set({ sendError: result.error.message, sendErrorShape: result.error })
        return false
      }
      const { assistantMessage } = result.data
      if (assistantMessage.status === 'streaming') useStreaming.getState().begin(conversationId, assistantMessage.id, assistantMessage.content || undefined)
      await refreshTree(conversationId)
      return true
    },

    async deleteMessage(messageId) {
      const conversationId = get().activeId
      if (!conversationId) return
      changed(conversationId, await request('conversations.deleteMessage', { id: conversationId, messageId }))
    },

    async setInstructions(text) {
      const conversationId = get().activeId
      if (!conversationId) {
        set({ instructions: text })
        return true
      }
      const result = await request('conversations.setInstructions', { id: conversationId, instructions: text })
      if (!result.ok) {
        notifyError(i18n.t('message.instructionsNotSaved', { problem: result.error.message }))
        return false
      }
      if (get().activeId === conversationId) set({ instructions: result.data.instructions ?? '' })
      return true
    },

    async startWith(assistantId) {
      const result = await request('conversations.create', { assistantId })
      if (!result.ok) {
        notifyError(result.error.message)
        return
      }
      const conversation = result.data
      loadGeneration++
      show(conversation)
      set((s) => ({ busy: false, sendError: null, sendErrorShape: null, costConfirm: null, focusTick: s.focusTick + 1 }))
      if (conversation.modelId) get().selectModel(conversation.modelId)
      useConversations.getState().upsert({ id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, messageCount: 0, snippet: '' })
    },
  }
})
