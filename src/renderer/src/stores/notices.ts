import { create } from 'zustand'
import type { Notice } from '../api'

export interface NoticeItem extends Notice {
  id: number
}

interface NoticesStore {
  items: NoticeItem[]
  push(notice: Notice): void
  dismiss(id: number): void
}

let nextId = 1

export const useNotices = create<NoticesStore>((set) => ({
  items: [],
  push(notice) {
    set((s) => {
      // The same words twice in a row add nothing.
      if (s.items.some((item) => item.message === notice.message && item.level === notice.level)) return s
      return { items: [...s.items, { ...notice, id: nextId++ }] }
    })
  },
  dismiss(id) {
    set((s) => ({ items: s.items.filter((item) => item.id !== id) }))
  },
}))

/** For failures of the user's own actions (rename, delete, save...). */
export const notifyError = (message: string): void => useNotices.getState().push({ level: 'error', message })
