import { create } from 'zustand'
import type { ConversationSummary } from '../api'
import { call, errorMessage } from '../lib/client'
import { notifyError } from './notices'

interface ConversationsStore {
  items: ConversationSummary[]
  /** The search box's text; the list shows what matches it. */
  query: string
  loaded: boolean
  loading: boolean
  error: string | null
  setQuery(query: string): void
  /** Loads the list for the current query. */
  refresh(): Promise<void>
  /** A summary from an event or a route: updates the list in place (or refreshes a search). */
  upsert(summary: ConversationSummary): void
  /** Something was just said in this chat: it moves to the top. */
  touch(id: string, updatedAt: number): void
  rename(id: string, title: string): Promise<boolean>
  remove(id: string): Promise<boolean>
}

const byNewest = (a: ConversationSummary, b: ConversationSummary): number => b.updatedAt - a.updatedAt

let generation = 0
let searchRefresh: ReturnType<typeof setTimeout> | null = null

export const useConversations = create<ConversationsStore>((set, get) => ({
  items: [],
  query: '',
  loaded: false,
  loading: false,
  error: null,

  setQuery(query) {
    set({ query })
  },

  async refresh() {
    const mine = ++generation
    const query = get().query.trim()
    set({ loading: true })
    try {
      const items = await call('conversations.list', query ? { query } : {})
      if (mine === generation) set({ items, loaded: true, loading: false, error: null })
    } catch (error) {
      if (mine === generation) set({ loading: false, error: errorMessage(error) })
    }
  },

  upsert(summary) {
    if (get().query.trim()) {
      // Whether it matches the search is the services' call: ask again, once things settle.
      set((s) => ({ items: s.items.map((item) => (item.id === summary.id ? { ...item, ...summary, snippet: item.snippet } : item)) }))
      if (searchRefresh) clearTimeout(searchRefresh)
      searchRefresh = setTimeout(() => {
        searchRefresh = null
        void get().refresh()
      }, 400)
      return
    }
    set((s) => {
      const rest = s.items.filter((item) => item.id !== summary.id)
      return { items: [summary, ...rest].sort(byNewest) }
    })
  },

  touch(id, updatedAt) {
    set((s) => {
      if (!s.items.some((item) => item.id === id && item.updatedAt < updatedAt)) return s
      const items = s.items.map((item) => (item.id === id ? { ...item, updatedAt } : item))
      return { items: s.query.trim() ? items : items.sort(byNewest) }
    })
  },

  async rename(id, title) {
    const trimmed = title.trim()
    if (!trimmed) return false
    const before = get().items
    set((s) => ({ items: s.items.map((item) => (item.id === id ? { ...item, title: trimmed } : item)) }))
    try {
      const summary = await call('conversations.rename', { id, title: trimmed })
      set((s) => ({ items: s.items.map((item) => (item.id === id ? { ...item, ...summary } : item)) }))
      return true
    } catch (error) {
      set({ items: before })
      notifyError(`Couldn't rename the chat: ${errorMessage(error)}`)
      return false
    }
  },

  async remove(id) {
    try {
      await call('conversations.delete', { id })
      set((s) => ({ items: s.items.filter((item) => item.id !== id) }))
      return true
    } catch (error) {
      notifyError(`Couldn't delete the chat: ${errorMessage(error)}`)
      return false
    }
  },
}))
