import { create } from 'zustand'

/**
 * Live text of replies being written. Kept apart from the conversation so that a `chat.delta`
 * re-renders only the one message it belongs to, never the whole chat.
 */
interface StreamingStore {
  /** messageId → text so far */
  text: Record<string, string>
  /** conversationId → the messageId being written in it */
  active: Record<string, string>
  append(conversationId: string, messageId: string, text: string): void
  /** A reply we learned about from a route (send / regenerate / get); `seed` = text it already has. */
  begin(conversationId: string, messageId: string, seed?: string): void
  finish(conversationId: string, messageId: string): void
}

/** Replies already finished: a late `begin` (a route answering after `chat.done`) must not revive them. */
const finished = new Set<string>()

export const useStreaming = create<StreamingStore>((set) => ({
  text: {},
  active: {},
  append(conversationId, messageId, text) {
    if (finished.has(messageId)) return
    set((s) => ({
      text: { ...s.text, [messageId]: (s.text[messageId] ?? '') + text },
      active: s.active[conversationId] === messageId ? s.active : { ...s.active, [conversationId]: messageId },
    }))
  },
  begin(conversationId, messageId, seed) {
    if (finished.has(messageId)) return
    set((s) => {
      const known = s.text[messageId]
      const text = known === undefined || (seed !== undefined && seed.length > known.length) ? seed ?? '' : known
      return { text: { ...s.text, [messageId]: text }, active: { ...s.active, [conversationId]: messageId } }
    })
  },
  finish(conversationId, messageId) {
    finished.add(messageId)
    set((s) => {
      const text = { ...s.text }
      delete text[messageId]
      const active = { ...s.active }
      if (active[conversationId] === messageId) delete active[conversationId]
      return { text, active }
    })
  },
}))

export const isStreamingIn = (conversationId: string | null) => (s: StreamingStore): boolean =>
  conversationId !== null && s.active[conversationId] !== undefined
