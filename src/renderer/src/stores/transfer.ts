import { create } from 'zustand'
import { ChatsFileError, exportFileName, importBatches, parseChatsFile, toAuraJson, toMarkdown, type SkippedChat } from '../../../shared/chatTransfer'
import type { Conversation } from '../api'
import { i18n } from '../i18n'
import { call, errorMessage } from '../lib/client'
import { useConversations } from './conversations'
import { saveFile } from './usage'

export type ExportFormat = 'markdown' | 'json'

/** How far an export or import is: `done` of `total` chats. */
export interface TransferProgress {
  kind: 'export' | 'import'
  done: number
  total: number
}

export interface ImportSummary {
  source: 'aura' | 'chatgpt'
  chats: number
  messages: number
  skipped: SkippedChat[]
  /** Set when the import stopped part-way: what happened; the chats counted above are in. */
  stoppedBecause: string | null
}

interface TransferStore {
  progress: TransferProgress | null
  summary: ImportSummary | null
  error: string | null
  /** All chats (`ids` null) or the given ones, saved as a file. */
  exportChats(ids: string[] | null, format: ExportFormat): Promise<void>
  importFile(file: File): Promise<void>
}

/**
 * Settings → Chats: export reads each chat through `conversations.get` and saves one file; import
 * reads the file here (src/shared/chatTransfer.ts) and sends it in batches, so a big ChatGPT export
 * shows its progress and fits the browser bridge. A file that is not an export changes nothing.
 */
export const useTransfer = create<TransferStore>((set) => ({
  progress: null,
  summary: null,
  error: null,

  async exportChats(ids, format) {
    set({ error: null, summary: null })
    try {
      const wanted = ids ?? (await call('conversations.list', {})).map((summary) => summary.id)
      const chats: Conversation[] = []
      for (const id of wanted) {
        set({ progress: { kind: 'export', done: chats.length, total: wanted.length } })
        chats.push(await call('conversations.get', { id }))
      }
      const now = Date.now()
      saveFile(exportFileName(ids === null ? null : (chats[0]?.title ?? null), format, now), format === 'json' ? 'application/json' : 'text/markdown', format === 'json' ? toAuraJson(chats, now) : toMarkdown(chats))
      set({ progress: null })
    } catch (error) {
      set({ progress: null, error: i18n.t('chats.exportFailed', { problem: errorMessage(error) }) })
    }
  },

  async importFile(file) {
    set({ error: null, summary: null, progress: { kind: 'import', done: 0, total: 0 } })
    let parsed
    try {
      parsed = parseChatsFile(await file.text())
    } catch (error) {
      set({ progress: null, error: error instanceof ChatsFileError ? i18n.t(`chats.${error.problem}`) : i18n.t('chats.readFailed', { file: file.name, problem: errorMessage(error) }) })
      return
    }
    const summary: ImportSummary = { source: parsed.source, chats: 0, messages: 0, skipped: parsed.skipped, stoppedBecause: null }
    const total = parsed.conversations.length
    for (const batch of importBatches(parsed.conversations)) {
      set({ progress: { kind: 'import', done: summary.chats, total } })
      try {
        await call('transfer.importChats', { conversations: batch })
      } catch (error) {
        summary.stoppedBecause = i18n.t('chats.restNotImported', { problem: errorMessage(error), count: total - summary.chats })
        break
      }
      summary.chats += batch.length
      summary.messages += batch.reduce((sum, chat) => sum + chat.messages.length, 0)
    }
    set({ progress: null, summary })
    void useConversations.getState().refresh()
  },
}))
