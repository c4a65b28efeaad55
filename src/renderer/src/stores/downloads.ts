import { create } from 'zustand'
import type { Download } from '../api'
import { request } from '../lib/client'
import { isActive } from '../lib/modelWords'

/**
 * Downloads as the services report them (`downloads.list`, then `downloads.progress` events),
 * plus the ones that could not even start (kept here as failed rows, so the user sees why).
 */
interface DownloadsStore {
  byId: Record<string, Download>
  /** Finished rows the user cleared from the list (this session). */
  hidden: Record<string, true>
  /** A pause / resume / cancel that failed, by download id. */
  actionErrors: Record<string, string>
  loaded: boolean
  error: string | null
  refresh(): Promise<void>
  /** A `downloads.progress` event or a route's answer. */
  apply(download: Download): void
  /** Starts a download; on refusal, a failed row tells why. Resolves to the row either way. */
  start(repo: string, file: string): Promise<Download>
  pause(id: string): Promise<void>
  resume(id: string): Promise<void>
  cancel(id: string): Promise<void>
  /** A failed or canceled download, again. */
  retry(id: string): Promise<Download | null>
  /** Clears a finished row from the list. */
  dismiss(id: string): void
}

const LOCAL = 'local:'
let localId = 0

export const useDownloads = create<DownloadsStore>((set, get) => {
  const act = async (id: string, route: 'downloads.pause' | 'downloads.resume' | 'downloads.cancel') => {
    set((s) => ({ actionErrors: without(s.actionErrors, id) }))
    const result = await request(route, { id })
    if (result.ok) get().apply(result.data)
    else set((s) => ({ actionErrors: { ...s.actionErrors, [id]: result.error.message } }))
  }

  return {
    byId: {},
    hidden: {},
    actionErrors: {},
    loaded: false,
    error: null,

    async refresh() {
      const result = await request('downloads.list', {})
      if (!result.ok) {
        set({ error: result.error.message })
        return
      }
      set((s) => {
        const byId: Record<string, Download> = {}
        // Rows that never started live only here.
        for (const [id, download] of Object.entries(s.byId)) if (id.startsWith(LOCAL)) byId[id] = download
        for (const download of result.data) byId[download.id] = download
        return { byId, loaded: true, error: null }
      })
    },

    apply(download) {
      set((s) => {
        const byId = { ...s.byId, [download.id]: download }
        // A row that could not start is replaced by the real one once it does.
        for (const [id, other] of Object.entries(byId)) {
          if (id.startsWith(LOCAL) && other.repo === download.repo && other.file === download.file) delete byId[id]
        }
        const hidden = isActive(download) ? without(s.hidden, download.id) : s.hidden
        return { byId, hidden }
      })
    },

    async start(repo, file) {
      const result = await request('downloads.start', { repo, file })
      if (result.ok) {
        get().apply(result.data)
        return result.data
      }
      const failed: Download = {
        id: `${LOCAL}${++localId}`,
        repo,
        file,
        modelId: '',
        state: 'failed',
        receivedBytes: 0,
        totalBytes: null,
        bytesPerSecond: 0,
        etaSeconds: null,
        error: result.error,
        startedAt: Date.now(),
      }
      set((s) => {
        const byId: Record<string, Download> = {}
        for (const [id, other] of Object.entries(s.byId)) {
          if (!(id.startsWith(LOCAL) && other.repo === repo && other.file === file)) byId[id] = other
        }
        byId[failed.id] = failed
        return { byId }
      })
      return failed
    },

    pause: (id) => act(id, 'downloads.pause'),
    resume: (id) => act(id, 'downloads.resume'),
    cancel: (id) => act(id, 'downloads.cancel'),

    async retry(id) {
      const download = get().byId[id]
      if (!download) return null
      set((s) => ({ actionErrors: without(s.actionErrors, id) }))
      const next = await get().start(download.repo, download.file)
      if (next.id !== id) get().dismiss(id)
      return next
    },

    dismiss(id) {
      set((s) => {
        if (id.startsWith(LOCAL)) {
          const byId = { ...s.byId }
          delete byId[id]
          return { byId }
        }
        return { hidden: { ...s.hidden, [id]: true } }
      })
    },
  }
})

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record
  const next = { ...record }
  delete next[key]
  return next
}

/** Rows to show: running ones first, then the newest. */
export function visibleDownloads(s: Pick<DownloadsStore, 'byId' | 'hidden'>): Download[] {
  return Object.values(s.byId)
    .filter((d) => !s.hidden[d.id])
    .sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || b.startedAt - a.startedAt)
}

/** The latest download of a repo file, if any (the one a catalog card or the onboarding shows). */
export function latestDownload(byId: Record<string, Download>, repo: string, file: string): Download | null {
  let latest: Download | null = null
  for (const download of Object.values(byId)) {
    if (download.repo !== repo || download.file !== file) continue
    if (!latest || download.startedAt > latest.startedAt || (isActive(download) && !isActive(latest))) latest = download
  }
  return latest
}
