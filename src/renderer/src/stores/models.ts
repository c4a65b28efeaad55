import { create } from 'zustand'
import type { DiscoveredModel, InstalledModel, ModelListItem } from '../api'
import { call, errorMessage } from '../lib/client'

interface ModelsStore {
  models: ModelListItem[]
  loaded: boolean
  loading: boolean
  error: string | null
  /** Loads the list; resolves once the newest list is shown (also when a later refresh overtook this one). */
  refresh(): Promise<void>
  /** Deletes the model's file (or forgets an imported one); resolves to an error message or null. */
  remove(id: string): Promise<string | null>
  /** Uses a .gguf in place; resolves to the model, or throws a RequestError. */
  importPath(path: string): Promise<ModelListItem>

  /** Models other apps downloaded; null until looked for. */
  discovered: DiscoveredModel[] | null
  discovering: boolean
  discoverError: string | null
  discover(): Promise<void>
}

let generation = 0
/** The newest refresh, settled: what a refresh that was overtaken waits for. */
let latest: Promise<void> = Promise.resolve()
let discoverGeneration = 0

export const useModels = create<ModelsStore>((set, get) => ({
  models: [],
  loaded: false,
  loading: false,
  error: null,
  refresh() {
    const mine = ++generation
    set({ loading: true })
    const run = call('models.list', {}).then(
      (models) => {
        if (mine === generation) set({ models, loaded: true, loading: false, error: null })
      },
      (error: unknown) => {
        if (mine === generation) set({ loading: false, error: errorMessage(error) })
      },
    )
    // A newer refresh overtook this one: resolve once the newest list is in.
    const settled = run.then(() => (mine === generation ? undefined : latest))
    latest = settled
    return settled
  },
  async remove(id) {
    try {
      await call('models.delete', { id })
      set((s) => ({ models: s.models.filter((m) => m.id !== id) }))
      void get().refresh()
      return null
    } catch (error) {
      return errorMessage(error)
    }
  },
  async importPath(path) {
    const model = await call('models.import', { path })
    set((s) => ({
      models: s.models.some((m) => m.id === model.id) ? s.models.map((m) => (m.id === model.id ? model : m)) : [...s.models, model],
      discovered: s.discovered?.map((d) => (d.file === path ? { ...d, imported: true } : d)) ?? null,
    }))
    void get().refresh()
    return model
  },

  discovered: null,
  discovering: false,
  discoverError: null,
  async discover() {
    const mine = ++discoverGeneration
    set({ discovering: true })
    try {
      const discovered = await call('models.discover', {})
      if (mine === discoverGeneration) set({ discovered, discovering: false, discoverError: null })
    } catch (error) {
      if (mine === discoverGeneration) set({ discovering: false, discoverError: errorMessage(error) })
    }
  },
}))

export const isUsable = (model: InstalledModel): boolean => model.problem === null
