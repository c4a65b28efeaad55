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
    app: '=my script',
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
    // The app is named by whoever made its key: never a formula either.
    expect(column(first, 'app')).toBe(`'${tricky.app}`)
    expect(column(second, 'app')).toBe('')
    expect(column(second, 'conversationId')).toBe('')
    expect(column(second, 'ttftMs')).toBe('')
    expect(column(second, 'fallbacks')).toBe('')
    expect(first).toHaveLength(header!.length)
    expect(text).toContain('"Cloud · GPT — a ""complex"" task, with commas,\nand a second line"')
  })

  it('leaves no formula where a spreadsheet could start a cell: after , ; tab or a line break too', () => {
    // Spreadsheets in locales whose list separator is `;` (most of Europe) split a row at every `;`,
    // quoted or not; tab-separated pastes split at tabs. Every such piece must read as text.
    const attacks = [
      "x;=cmd|' /C calc'!A0",
      'a;+1+1;-2+3;@SUM(A1)',
      'a; =1+1',
      'a;"=HYPERLINK(""http://evil"")"',
      'one\ttwo\t=3+4',
      'line\r\n-1+2',
      '\t=1+1',
      '\r=1+1',
      'plain;text, no leader',
    ]
    const records = attacks.map((text, i) =>
      cloudRecord(at + i, 0, { modelName: text, reason: text, error: text, fallbacks: [text], confidence: -0.5 }),
    )
    const csv = toCsv(records)
    const dangerous = /^[ "]*[=+\-@\t\r]/
    for (const piece of csv.split(/[,;\t\r\n]/)) {
      // A number of a numeric column is data, not a formula (the only leader it can have is `-`).
      if (/^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(piece)) continue
      expect(piece, `a cell starting ${JSON.stringify(piece)}`).not.toMatch(dangerous)
    }
    const [header, ...rows] = parseCsv(csv)
    const column = (row: string[], name: string) => row[header!.indexOf(name)]
    // Read as comma-separated, each text is still itself, with an apostrophe before each leader.
    expect(column(rows[0]!, 'modelName')).toBe("x;'=cmd|' /C calc'!A0")
    expect(column(rows[2]!, 'reason')).toBe("a; '=1+1")
    expect(column(rows[8]!, 'error')).toBe('plain;text, no leader')
    // A cell holding `;` is quoted, so a reader that guesses the separator keeps it whole.
    expect(csv).toContain('"x;\'=cmd|\' /C calc\'!A0"')
    // Numbers stay numbers: a negative confidence is written as the number it is.
    expect(column(rows[0]!, 'confidence')).toBe('-0.5')
    expect(rows.every((row) => row.length === header!.length)).toBe(true)
  })

  it('names the file after the local date', () => {
    const now = new Date(2025, 0, 5, 23, 30).getTime()
    expect(exportFilename('csv', now)).toBe('aura-usage-2025-01-05.csv')
    expect(exportFilename('jsonl', now)).toBe('aura-usage-2025-01-05.jsonl')
  })
})
