import type { Connection, ConnectionPurpose } from '../api'
import { formatBytes } from './format'

/** Why Aura went online, as Settings → Privacy says it. */
export const PURPOSE_WORDS: Record<ConnectionPurpose, string> = {
  download: 'Downloading a model you chose',
  hub_search: 'Searching Hugging Face for models',
  hub_files: 'Listing a model’s files on Hugging Face',
  cloud_reply: 'Sending your message to a cloud model',
  key_test: 'Testing a key you saved',
  model_list: 'Asking a server you added which models it has',
  mcp_tool: 'Using a tools server you added',
}

/** Requests in a row to one host for one reason, shown as one line ("3 times"). */
export interface ConnectionRow {
  host: string
  purpose: ConnectionPurpose
  /** The first and the last request's start. */
  first: number
  last: number
  count: number
  /** Requests that got no answer or an error answer (4xx/5xx). */
  failed: number
  /** What they sent in all (request bodies); null when some size was unknown. */
  sentBytes: number | null
  /** Other hosts that answered after a redirect (a download's file server). */
  redirectedTo: string[]
}

export interface ConnectionDay {
  /** Local midnight of the day. */
  day: number
  rows: ConnectionRow[]
}

/** The connections (newest first) grouped by local day, then runs of the same host and purpose. */
export function groupConnections(connections: readonly Connection[]): ConnectionDay[] {
  const days: ConnectionDay[] = []
  for (const connection of connections) {
    const day = new Date(connection.at).setHours(0, 0, 0, 0)
    let group = days.at(-1)
    if (group?.day !== day) days.push((group = { day, rows: [] }))
    const row = group.rows.at(-1)
    const failed = connection.status === null || connection.status >= 400 ? 1 : 0
    if (row && row.host === connection.host && row.purpose === connection.purpose) {
      row.first = connection.at
      row.count++
      row.failed += failed
      row.sentBytes = row.sentBytes === null || connection.sentBytes === null ? null : row.sentBytes + connection.sentBytes
      if (connection.redirectedTo && !row.redirectedTo.includes(connection.redirectedTo)) row.redirectedTo.push(connection.redirectedTo)
    } else {
      group.rows.push({
        host: connection.host,
        purpose: connection.purpose,
        first: connection.at,
        last: connection.at,
        count: 1,
        failed,
        sentBytes: connection.sentBytes,
        redirectedTo: connection.redirectedTo ? [connection.redirectedTo] : [],
      })
    }
  }
  return days
}

/** "Today", "Yesterday", or the date. */
export function dayLabel(day: number, now = Date.now()): string {
  const today = new Date(now).setHours(0, 0, 0, 0)
  if (day === today) return 'Today'
  if (day === new Date(today - 12 * 3600_000).setHours(0, 0, 0, 0)) return 'Yesterday'
  return new Date(day).toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })
}

/** "3 times · 2 without an answer · sent 4.1 KiB" — what else a row should say. */
export function rowDetail(row: ConnectionRow): string {
  const parts: string[] = []
  if (row.count > 1) parts.push(`${row.count} times`)
  if (row.failed > 0) parts.push(row.failed === row.count ? (row.count > 1 ? 'none answered' : 'not answered') : `${row.failed} not answered`)
  if (row.sentBytes) parts.push(`sent ${formatBytes(row.sentBytes)}`)
  if (row.redirectedTo.length > 0) parts.push(`answered by ${row.redirectedTo.join(', ')}`)
  return parts.join(' · ')
}
