import { i18n, locale } from '../i18n'

import { formatBytes as formatBytesIn } from '../../../shared/units'

// Sizes as every part of Aura shows them (the CLI and the services' messages too).
export { formatCount, soldMemoryBytes } from '../../../shared/units'

/** Bytes as shared/units writes them, with the decimal mark of the language on screen ("1.9 GiB", "1,9 GiB"). */
export const formatBytes = (bytes: number, decimals = 0): string => formatBytesIn(bytes, decimals, locale())

/** Numbers, dates and times in the language on screen ("1,234" in English, "1234" or "1.234" in Spanish). */
export const formatNumber = (value: number): string => value.toLocaleString(locale())

/** 41.27 → "41.3" ("41,3" in Spanish), 644.2 → "644": one decimal below 100. */
export function formatTokensPerSecond(value: number): string {
  if (!Number.isFinite(value)) return '—'
  const digits = value >= 100 ? 0 : 1
  return value.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })
}

/** 840 → "0.84 s", 12_300 → "12 s", 95_000 → "1 min 35 s" (a duration in milliseconds), in the language on screen ("0,84 seg", "0.84 秒"). */
export function formatSeconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  const seconds = ms / 1000
  if (seconds < 10) {
    const digits = seconds < 1 ? 2 : 1
    return i18n.t('time.seconds', { seconds: seconds.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }) })
  }
  if (seconds < 60) return i18n.t('time.seconds', { seconds: Math.round(seconds) })
  const minutes = Math.floor(seconds / 60)
  return i18n.t('time.minutes', { minutes, seconds: Math.round(seconds - minutes * 60) })
}

/** A short relative date for the sidebar: "Just now", "5 min ago", "Yesterday", "Mar 4". */
export function formatRelative(timestamp: number, now = Date.now()): string {
  const diff = now - timestamp
  const minute = 60_000
  if (diff < minute) return i18n.t('time.justNow')
  if (diff < 60 * minute) return i18n.t('time.minutesAgo', { count: Math.floor(diff / minute) })
  const date = new Date(timestamp)
  const today = new Date(now)
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(locale(), { hour: 'numeric', minute: '2-digit' })
  }
  const yesterday = new Date(now - 24 * 60 * minute)
  if (date.toDateString() === yesterday.toDateString()) return i18n.t('time.yesterday')
  const sameYear = date.getFullYear() === today.getFullYear()
  return date.toLocaleDateString(locale(), sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' })
}
