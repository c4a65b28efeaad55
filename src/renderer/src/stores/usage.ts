import { create } from 'zustand'
import type { UsageMeter, UsageSummary } from '../api'
import { call, errorMessage } from '../lib/client'

/**
 * What the cloud cost: the header's meter (today against the daily budget) and the Usage page's
 * summary. The meter comes from `usage.meter` and every `usage.updated`; the summary is asked for
 * while the Usage page is open.
 */
interface UsageStore {
  meter: UsageMeter | null
  summary: UsageSummary | null
  summaryError: string | null
  summaryLoading: boolean
  /** The Usage page is open: a `usage.updated` refreshes the summary too. */
  watching: number
  loadMeter(): Promise<void>
  loadSummary(): Promise<void>
  /** From `usage.updated`. */
  applyMeter(meter: UsageMeter): void
  /** The page is shown (returns the function to call when it is gone). */
  watch(): () => void
  /** The whole ledger as a file; resolves to an error message, or null when saved. */
  exportLedger(format: 'jsonl' | 'csv'): Promise<string | null>
}

let meterGeneration = 0
let summaryGeneration = 0
/** One summary request at a time: a burst of `usage.updated` asks again once, afterwards. */
let summaryInFlight: Promise<void> | null = null
let summaryAgain = false

export const useUsage = create<UsageStore>((set, get) => ({
  meter: null,
  summary: null,
  summaryError: null,
  summaryLoading: false,
  watching: 0,

  async loadMeter() {
    const mine = ++meterGeneration
    try {
      const meter = await call('usage.meter', {})
      if (mine === meterGeneration) set({ meter })
    } catch {
      // No meter yet (older services): the header simply shows none.
    }
  },

  loadSummary() {
    if (summaryInFlight) {
      summaryAgain = true
      return summaryInFlight
    }
    const mine = ++summaryGeneration
    set({ summaryLoading: true })
    summaryInFlight = call('usage.summary', {})
      .then(
        (summary) => {
          if (mine === summaryGeneration) set({ summary, meter: summary.meter, summaryError: null, summaryLoading: false })
        },
        (error: unknown) => {
          if (mine === summaryGeneration) set({ summaryError: errorMessage(error), summaryLoading: false })
        },
      )
      .finally(() => {
        summaryInFlight = null
        if (summaryAgain) {
          summaryAgain = false
          void get().loadSummary()
        }
      })
    return summaryInFlight
  },

  applyMeter(meter) {
    // A newer meter than any request still on its way.
    meterGeneration++
    set({ meter })
    if (get().watching > 0) void get().loadSummary()
  },

  watch() {
    set((s) => ({ watching: s.watching + 1 }))
    void get().loadSummary()
    return () => set((s) => ({ watching: Math.max(0, s.watching - 1) }))
  },

  async exportLedger(format) {
    try {
      const file = await call('usage.export', { format })
      saveFile(file.filename, file.mimeType, file.content)
      return null
    } catch (error) {
      return errorMessage(error)
    }
  },
}))

/** Hands a file to the browser's (or Electron's) download: a Blob behind an <a download>. */
export function saveFile(filename: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Give the download a moment to pick the data up before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Today's share of the daily limit (0–1, capped), or null without a limit. */
export function todayShare(meter: UsageMeter): number | null {
  if (meter.dailyLimitUsd === null) return null
  if (meter.dailyLimitUsd <= 0) return 1
  return Math.min(1, meter.todayUsd / meter.dailyLimitUsd)
}

export function monthShare(meter: UsageMeter): number | null {
  if (meter.monthlyLimitUsd === null) return null
  if (meter.monthlyLimitUsd <= 0) return 1
  return Math.min(1, meter.monthUsd / meter.monthlyLimitUsd)
}
