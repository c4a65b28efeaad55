import { describe, expect, it } from 'vitest'
import { UsageRecordSchema } from '../../../shared/api'
import { exportFilename, toCsv, toJsonl } from './export'
import { cloudRecord, usageRecord } from '../testing/usageRecords'

const at = Date.UTC(2025, 10, 21, 14, 5, 6, 789)

/** An RFC 4180 reader, to check the writer against (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') endField()
    else if (char === '\r' && text[i + 1] === '\n') {
      endField()
      rows.push(row)
      row = []
      i++
    } else field += char
  }
  return rows
}

describe('export', () => {
  const tricky = cloudRecord(at, 0.0125, {
    reason: 'Cloud · GPT — a "complex" task, with commas,\nand a second line',
    fallbacks: ['The local model ran out of memory', 'The answer looked cut off'],
    error: '=HYPERLINK("http://evil")',
  })
  const plain = usageRecord(at + 1000, { conversationId: null, ttftMs: null })

  it('writes JSONL that reads back as the same records', () => {
    const text = toJsonl([tricky, plain])
    expect(text.endsWith('\n')).toBe(true)
    expect(text.trim().split('\n').map((line) => UsageRecordSchema.parse(JSON.parse(line)))).toEqual([tricky, plain])
  })

  it('writes RFC 4180 CSV: a header, quoted commas, quotes and line breaks, ISO time and raw ms', () => {
    const text = toCsv([tricky, plain])
    expect(text.endsWith('\r\n')).toBe(true)
    const [header, first, second] = parseCsv(text)
    const column = (row: string[] | undefined, name: string) => row![header!.indexOf(name)]
    expect(header!.slice(0, 3)).toEqual(['id', 'time', 'at'])
    expect(column(first, 'time')).toBe('2025-11-21T14:05:06.789Z')
    expect(column(first, 'at')).toBe(String(at))
    expect(column(first, 'reason')).toBe(tricky.reason)
    expect(column(first, 'fallbacks')).toBe('The local model ran out of memory | The answer looked cut off')
    expect(column(first, 'costUsd')).toBe('0.0125')
    expect(column(first, 'cacheHit')).toBe('')
    // A spreadsheet must not run it as a formula.
    expect(column(first, 'error')).toBe(`'${tricky.error}`)
    expect(column(second, 'conversationId')).toBe('')
    expect(column(second, 'ttftMs')).toBe('')
    expect(column(second, 'fallbacks')).toBe('')
    expect(first).toHaveLength(header!.length)
    expect(text).toContain('"Cloud · GPT — a ""complex"" task, with commas,\nand a second line"')
  })

  it('names the file after the local date', () => {
    const now = new Date(2025, 0, 5, 23, 30).getTime()
    expect(exportFilename('csv', now)).toBe('aura-usage-2025-01-05.csv')
    expect(exportFilename('jsonl', now)).toBe('aura-usage-2025-01-05.jsonl')
  })
})
