import { create } from 'zustand'
import type { AuraErrorShape, Capability, HubFile, HubRepo } from '../api'
import { call, errorShape } from '../lib/client'

/**
 * What the AI Models page remembers while the user goes elsewhere and comes back: the catalog
 * filters, the last Hub search, whether the models-folder form is open.
 */
interface ModelsPageStore {
  purpose: Capability | 'all'
  fitsOnly: boolean
  setPurpose(purpose: Capability | 'all'): void
  setFitsOnly(fitsOnly: boolean): void

  hubQuery: string
  hubSearching: boolean
  /** null until searched. */
  hubResults: HubRepo[] | null
  hubError: AuraErrorShape | null
  /** Files per repo: loading, loaded, or why not. */
  hubFiles: Record<string, { loading: boolean; files: HubFile[] | null; error: AuraErrorShape | null }>
  setHubQuery(query: string): void
  searchHub(): Promise<void>
  loadFiles(repo: string): Promise<void>

  folderFormOpen: boolean
  setFolderFormOpen(open: boolean): void
}

let searchGeneration = 0

export const useModelsPage = create<ModelsPageStore>((set, get) => ({
  purpose: 'all',
  fitsOnly: false,
  setPurpose: (purpose) => set({ purpose }),
  setFitsOnly: (fitsOnly) => set({ fitsOnly }),

  hubQuery: '',
  hubSearching: false,
  hubResults: null,
  hubError: null,
  hubFiles: {},
  setHubQuery: (hubQuery) => set({ hubQuery }),
  async searchHub() {
    const query = get().hubQuery.trim()
    if (!query) return
    const mine = ++searchGeneration
    set({ hubSearching: true, hubError: null })
    try {
      const hubResults = await call('hub.search', { query })
      if (mine === searchGeneration) set({ hubResults, hubSearching: false, hubFiles: {} })
    } catch (error) {
      if (mine === searchGeneration) set({ hubSearching: false, hubError: errorShape(error), hubResults: null })
    }
  },
  async loadFiles(repo) {
    set((s) => ({ hubFiles: { ...s.hubFiles, [repo]: { loading: true, files: s.hubFiles[repo]?.files ?? null, error: null } } }))
    try {
      const files = await call('hub.files', { repo })
      set((s) => ({ hubFiles: { ...s.hubFiles, [repo]: { loading: false, files, error: null } } }))
    } catch (error) {
      set((s) => ({ hubFiles: { ...s.hubFiles, [repo]: { loading: false, files: null, error: errorShape(error) } } }))
    }
  },

  folderFormOpen: false,
  setFolderFormOpen: (folderFormOpen) => set({ folderFormOpen }),
}))
