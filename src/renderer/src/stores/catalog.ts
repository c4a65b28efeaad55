import { useMemo } from 'react'
import { create } from 'zustand'
import type { CatalogItem, HardwareProfile, Recommendation } from '../api'
import { call, errorMessage } from '../lib/client'

/** What this computer is, and the curated models with their fit on it. Loaded when first shown. */
interface CatalogStore {
  hardware: HardwareProfile | null
  hardwareError: string | null
  hardwareLoading: boolean
  /** The NVIDIA speed-up's download (hardware.installSpeedup), started from the hardware card. */
  speedup: { state: 'idle' | 'installing' | 'done' | 'failed'; receivedBytes: number; totalBytes: number | null; error: string | null }
  installSpeedup(): Promise<void>

  items: CatalogItem[]
  recommendation: Recommendation | null
  /** The catalog answered at least once. */
  loaded: boolean
  loading: boolean
  error: string | null

  /** Loads what is not loaded yet (or everything again with `force`). */
  ensure(force?: boolean): Promise<void>
  loadHardware(): Promise<void>
  loadCatalog(): Promise<void>
}

let hardwareGeneration = 0
let catalogGeneration = 0

export const useCatalog = create<CatalogStore>((set, get) => ({
  hardware: null,
  speedup: { state: 'idle', receivedBytes: 0, totalBytes: null, error: null },
  async installSpeedup() {
    set({ speedup: { state: 'installing', receivedBytes: 0, totalBytes: null, error: null } })
    try {
      await call('hardware.installSpeedup', {})
      set((s) => ({ speedup: { ...s.speedup, state: 'done' } }))
    } catch (error) {
      set((s) => ({ speedup: { ...s.speedup, state: 'failed', error: errorMessage(error) } }))
    }
  },
  hardwareError: null,
  hardwareLoading: false,
  items: [],
  recommendation: null,
  loaded: false,
  loading: false,
  error: null,

  async ensure(force = false) {
    const s = get()
    await Promise.all([
      force || (!s.hardware && !s.hardwareLoading) ? get().loadHardware() : null,
      force || (!s.loaded && !s.loading) ? get().loadCatalog() : null,
    ])
  },
  async loadHardware() {
    const mine = ++hardwareGeneration
    set({ hardwareLoading: true })
    try {
      const hardware = await call('hardware.get', {})
      if (mine === hardwareGeneration) set({ hardware, hardwareLoading: false, hardwareError: null })
    } catch (error) {
      if (mine === hardwareGeneration) set({ hardwareLoading: false, hardwareError: errorMessage(error) })
    }
  },
  async loadCatalog() {
    const mine = ++catalogGeneration
    set({ loading: true })
    try {
      const { items, recommendation } = await call('catalog.list', {})
      if (mine === catalogGeneration) set({ items, recommendation, loaded: true, loading: false, error: null })
    } catch (error) {
      if (mine === catalogGeneration) set({ loading: false, error: errorMessage(error) })
    }
  },
}))

/** The recommended entry and version, when the catalog has one. */
export function recommended(s: Pick<CatalogStore, 'items' | 'recommendation'>) {
  const rec = s.recommendation
  if (!rec) return null
  const item = s.items.find((i) => i.id === rec.entryId)
  const quant = item?.quants.find((q) => q.quant === rec.quant) ?? item?.quants.find((q) => q.isDefault) ?? item?.quants[0]
  return item && quant ? { item, quant, reason: rec.reason } : null
}

/** The recommended entry and version (stable between renders while the catalog stays the same). */
export function useRecommended() {
  const items = useCatalog((s) => s.items)
  const recommendation = useCatalog((s) => s.recommendation)
  return useMemo(() => recommended({ items, recommendation }), [items, recommendation])
}
