import { useMemo } from 'react'
import { create } from 'zustand'
import type { Message, MessageToolCall } from '../api'
import { call, errorMessage } from '../lib/client'

export type ToolAnswer = 'deny' | 'once' | 'chat' | 'always'

/**
 * The tool calls of replies being written, as `chat.tool` tells them (each event carries the whole
 * call). Kept apart from the conversation, like the streamed text, so an update re-renders only the
 * reply it belongs to. A finished reply's own `toolCalls` are the record.
 */
interface ToolCallsStore {
  /** messageId → its calls, in the order they came */
  live: Record<string, MessageToolCall[]>
  apply(messageId: string, call: MessageToolCall): void
  /** Answers an ask; resolves to a problem in plain words, or null. */
  answer(askId: string, answer: ToolAnswer): Promise<string | null>
}

export const useToolCalls = create<ToolCallsStore>((set) => ({
  live: {},
  apply(messageId, incoming) {
    set((s) => {
      const calls = s.live[messageId] ?? []
      const known = calls.some((c) => c.id === incoming.id)
      return { live: { ...s.live, [messageId]: known ? calls.map((c) => (c.id === incoming.id ? incoming : c)) : [...calls, incoming] } }
    })
  },
  async answer(askId, answer) {
    try {
      await call('chat.answerTool', { askId, answer })
      return null
    } catch (error) {
      return errorMessage(error)
    }
  },
}))

/** A reply's calls: while it is written, what it was loaded with updated by the live events; after, its own record. */
export function useReplyToolCalls(message: Message): MessageToolCall[] {
  const streaming = message.status === 'streaming'
  const live = useToolCalls((s) => (streaming ? s.live[message.id] : undefined))
  const saved = message.toolCalls
  return useMemo(() => mergeCalls(saved ?? [], live ?? []), [saved, live])
}

/** The saved calls with the newer word of each from `live`, then the calls only `live` knows. */
export function mergeCalls(saved: MessageToolCall[], live: MessageToolCall[]): MessageToolCall[] {
  if (live.length === 0) return saved
  const newer = new Map(live.map((c) => [c.id, c]))
  const merged = saved.map((c) => newer.get(c.id) ?? c)
  const seen = new Set(saved.map((c) => c.id))
  return [...merged, ...live.filter((c) => !seen.has(c.id))]
}
