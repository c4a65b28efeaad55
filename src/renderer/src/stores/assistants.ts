import { create } from 'zustand'
import type { Assistant, ProcedureInput } from '../api'
import { call, errorMessage, request } from '../lib/client'
import { notifyError } from './notices'

export type AssistantDraft = ProcedureInput<'assistants.save'>

interface AssistantsStore {
  items: Assistant[]
  loaded: boolean
  error: string | null
  refresh(): Promise<void>
  /** Creates or changes one of the user's own; resolves to the refusal in plain words, or null. */
  save(draft: AssistantDraft): Promise<string | null>
  remove(id: string): Promise<void>
}

/** Assistants (presets for new chats): Aura's built-ins and the user's own. */
export const useAssistants = create<AssistantsStore>((set, get) => ({
  items: [],
  loaded: false,
  error: null,

  async refresh() {
    try {
      set({ items: await call('assistants.list', {}), loaded: true, error: null })
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) })
    }
  },

  async save(draft) {
    const result = await request('assistants.save', draft)
    if (!result.ok) return result.error.message
    await get().refresh()
    return null
  },

  async remove(id) {
    const result = await request('assistants.delete', { id })
    if (!result.ok) notifyError(result.error.message)
    await get().refresh()
  },
}))
