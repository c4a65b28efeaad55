import { create } from 'zustand'
import type { InstalledModel } from '../api'
import { call, errorMessage } from '../lib/client'

interface ModelsStore {
  models: InstalledModel[]
  loaded: boolean
  loading: boolean
  error: string | null
  refresh(): Promise<void>
}

let generation = 0

export const useModels = create<ModelsStore>((set) => ({
  models: [],
  loaded: false,
  loading: false,
  error: null,
  async refresh() {
    const mine = ++generation
    set({ loading: true })
    try {
      const models = await call('models.list', {})
      if (mine === generation) set({ models, loaded: true, loading: false, error: null })
    } catch (error) {
      if (mine === generation) set({ loading: false, error: errorMessage(error) })
    }
  },
}))

export const isUsable = (model: InstalledModel): boolean => model.problem === null
