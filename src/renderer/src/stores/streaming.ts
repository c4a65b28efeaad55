import { create } from 'zustand'
import type { ReplyPhase } from '../api'

/**
 * Live text of replies being written. Kept apart from the conversation so that a `chat.delta`
 * re-renders only the one message it belongs to, never the whole chat.
 */
interface StreamingStore {
  /** messageId → text so far */
  text: Record<string, string>
  /** conversationId → the messageId being written in it */
  active: Record<string, string>
  /** messageId → where the reply is (`chat.phase`): loading, reading, thinking, writing */
  phase: Record<string, ReplyPhase>
  /** messageId → a reasoning model's thoughts so far (`chat.thought`), and when they began */
  thoughts: Record<string, { text: string; startedAt: number; endedAt?: number }>
  append(conversationId: string, messageId: string, text: string): void
  think(messageId: string, text: string): void
  setPhase(messageId: string, phase: ReplyPhase): void
  /** A reply we learned about from a route (send / regenerate / get); `seed` = text it already has. */
  begin(conversationId: string, messageId: string, seed?: string): void
  /** The reply moved to another model (`chat.route`): its text starts over. */
  restart(conversationId: string, messageId: string): void
  finish(conversationId: string, messageId: string): void
}

/** Replies already finished: a late `begin` (a route answering after `chat.done`) must not revive them. */
const finished = new Set<string>()
/** Replies that started over: a seed from a route's answer may hold the set-aside text, so it is not taken. */
const restarted = new Set<string>()

export const useStreaming = create<StreamingStore>((set) => ({
  text: {},
  active: {},
  phase: {},
  thoughts: {},
  think(messageId, text) {
    if (finished.has(messageId)) return
    set((s) => {
      const before = s.thoughts[messageId]
      return { thoughts: { ...s.thoughts, [messageId]: { ...before, text: (before?.text ?? '') + text, startedAt: before?.startedAt ?? Date.now() } } }
    })
  },
  setPhase(messageId, phase) {
    if (finished.has(messageId)) return
    set((s) => {
      const thought = s.thoughts[messageId]
      // The answer began: the thinking time stops here.
      const thoughts = phase === 'writing' && thought && thought.endedAt === undefined ? { ...s.thoughts, [messageId]: { ...thought, endedAt: Date.now() } } : s.thoughts
      return { phase: { ...s.phase, [messageId]: phase }, thoughts }
    })
  },
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
      const fresh = restarted.has(messageId) ? undefined : seed
      const text = known === undefined || (fresh !== undefined && fresh.length > known.length) ? fresh ?? '' : known
      return { text: { ...s.text, [messageId]: text }, active: { ...s.active, [conversationId]: messageId } }
    })
  },
  restart(conversationId, messageId) {
    if (finished.has(messageId)) return
    restarted.add(messageId)
    set((s) => ({ text: { ...s.text, [messageId]: '' }, active: { ...s.active, [conversationId]: messageId }, thoughts: without(s.thoughts, messageId) }))
  },
  finish(conversationId, messageId) {
    finished.add(messageId)
    restarted.delete(messageId)
    set((s) => {
      const text = { ...s.text }
      delete text[messageId]
      const active = { ...s.active }
      if (active[conversationId] === messageId) delete active[conversationId]
      return { text, active, phase: without(s.phase, messageId), thoughts: without(s.thoughts, messageId) }
    })
  },
}))

export const isStreamingIn = (conversationId: string | null) => (s: StreamingStore): boolean =>
  conversationId !== null && s.active[conversationId] !== undefined

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record
  const rest = { ...record }
  delete rest[key]
  return rest
}
