import type { UsageRecord } from '../../../shared/api'
import { dayKey } from './calendar'

export type ExportFormat = 'jsonl' | 'csv'

/** One record per line, exactly as the ledger keeps them. */
export function toJsonl(records: readonly UsageRecord[]): string {
  return records.map((record) => JSON.stringify(record) + '\n').join('')
}

type Cell = string | number | boolean | null

/** The CSV's columns, in order; `time` is the ISO time for people, `at` the raw ms for programs. */
const COLUMNS: readonly [string, (record: UsageRecord) => Cell][] = [
  ['id', (record) => record.id],
  ['time', (record) => new Date(record.at).toISOString()],
  ['at', (record) => record.at],
  ['conversationId', (record) => record.conversationId],
  ['messageId', (record) => record.messageId],
  ['modelId', (record) => record.modelId],
  ['modelName', (record) => record.modelName],
  ['provider', (record) => record.provider],
  ['tier', (record) => record.tier],
  ['mode', (record) => record.mode],
  ['reason', (record) => record.reason],
  ['complexity', (record) => record.complexity],
  ['taskType', (record) => record.taskType],
  ['inputTokens', (record) => record.inputTokens],
  ['outputTokens', (record) => record.outputTokens],
  ['costUsd', (record) => record.costUsd],
  ['baselineCostUsd', (record) => record.baselineCostUsd],
  ['latencyMs', (record) => record.latencyMs],
  ['ttftMs', (record) => record.ttftMs],
  ['cacheHit', (record) => record.cacheHit],
  ['fallbacks', (record) => record.fallbacks.join(' | ')],
  ['outcome', (record) => record.outcome],
  ['confidence', (record) => record.confidence],
  ['error', (record) => record.error],
  // The app that asked through Aura's API (empty for the chat and the CLI).
  ['app', (record) => record.app ?? null],
]

/**
 * Where a spreadsheet may start a cell inside a text: at its start, or after a `,`, a `;` (the list
 * separator of most European locales, which splits a row even inside quotes), a tab (pasted
 * tables) or a line break — spaces and quotes in between are skipped, as spreadsheets do. A formula
 * leader there (=, +, -, @, tab, CR) gets an apostrophe before it, so the piece reads as text: model
 * names and error messages come from servers and must never run.
 */
const FORMULA_LEADER = /(?<=(?:^|[,;\t\r\n])[ "]*)(?=[=+\-@\t\r])/g

/**
 * Columns are typed, and only text is defused: a number is written as its digits (an optional `-`,
 * never a formula), so a negative number (a confidence, a clock before 1970) stays a number a
 * spreadsheet can sum. A number that is not finite is written empty, as `-Infinity` would read as a formula.
 */
function cell(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return String(value)
  const text = value.replace(FORMULA_LEADER, "'")
  // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; one with a
  // `;` or a tab too, so a reader that guesses the separator keeps it whole.
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** RFC 4180 CSV: a header row, CRLF line ends, empty cells for nulls. */
export function toCsv(records: readonly UsageRecord[]): string {
  const rows = [COLUMNS.map(([name]) => name).join(',')]
  for (const record of records) rows.push(COLUMNS.map(([, value]) => cell(value(record))).join(','))
  return rows.join('\r\n') + '\r\n'
}

/** `aura-usage-2025-11-21.csv` (the local date). */
export function exportFilename(format: ExportFormat, now: number): string {
  return `aura-usage-${dayKey(now)}.${format}`
}

export function exportRecords(records: readonly UsageRecord[], format: ExportFormat): string {
  return format === 'csv' ? toCsv(records) : toJsonl(records)
}
