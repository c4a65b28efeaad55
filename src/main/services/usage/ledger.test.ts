import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Notice } from '../../../shared/api'
import { silentLogger } from '../ports'
import { UsageLedger, ledgerFileName } from './ledger'
import { usageFields } from '../testing/usageRecords'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'aura-usage-'))
  dirs.push(dir)
  return dir
}

/** A ledger on `dir` whose clock the test moves, and the notices it gave. */
function open(dir: string, start = new Date(2025, 10, 21, 12).getTime()) {
  const clock = { time: start, now: () => clock.time }
  const notices: Notice[] = []
  const ledger = new UsageLedger({ dir, clock, logger: silentLogger, notify: (notice) => notices.push(notice) })
  return { ledger, clock, notices }
}

describe('UsageLedger', () => {
  it('appends one line per request and reads them back after a restart', async () => {
    const dir = join(tempDir(), 'usage') // not there yet: made on the first append
    const { ledger, clock } = open(dir)
    await ledger.load()
    expect(ledger.records()).toEqual([])
    const seen: string[] = []
    ledger.onAppend((record) => seen.push(record.id))
    const first = await ledger.append(usageFields({ inputTokens: 10 }))
    clock.time += 1000
    const second = await ledger.append(usageFields({ provider: 'openai', costUsd: 0.02 }))
    expect(first.id).not.toBe(second.id)
    expect(second.at - first.at).toBe(1000)
    expect(seen).toEqual([first.id, second.id])

    const file = join(dir, ledgerFileName(first.at))
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3) // two lines and the final "\n"

    const { ledger: reopened, notices } = open(dir)
    await reopened.load()
    expect(reopened.records()).toEqual([first, second])
    expect(notices).toEqual([])
  })

  it('writes concurrent appends in call order and keeps records sorted by time when the clock goes back', async () => {
    const { ledger, clock } = open(tempDir())
    const appended = await Promise.all(
      [5, 3, 9].map((offset, index) => {
        clock.time = new Date(2025, 10, 21, 12).getTime() + offset * 1000
        return ledger.append(usageFields({ messageId: `m${index}` }))
      }),
    )
    expect(ledger.records().map((record) => record.messageId)).toEqual(['m1', 'm0', 'm2'])
    const lines = readFileSync(join(ledger['options'].dir, ledgerFileName(appended[0]!.at)), 'utf8').trim().split('\n')
    expect(lines.map((line) => JSON.parse(line).messageId)).toEqual(['m0', 'm1', 'm2'])
  })

  it('refuses fields that are not a valid record', async () => {
    const { ledger } = open(tempDir())
    await expect(ledger.append(usageFields({ inputTokens: -1 }))).rejects.toThrow()
    expect(ledger.records()).toEqual([])
  })

  it('drops a line torn by a crash and rewrites the file, silently', async () => {
    const dir = tempDir()
    const { ledger } = open(dir)
    const kept = await ledger.append(usageFields())
    const file = join(dir, ledgerFileName(kept.at))
    appendFileSync(file, '{"id":"torn","at":17637')

    const { ledger: reopened, notices } = open(dir)
    await reopened.load()
    expect(reopened.records()).toEqual([kept])
    expect(notices).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(kept) + '\n')
    expect(readdirSync(dir)).toEqual([ledgerFileName(kept.at)])
  })

  it('keeps a record whose write was cut just before its line end', async () => {
    const dir = tempDir()
    const { ledger } = open(dir)
    const kept = await ledger.append(usageFields())
    const file = join(dir, ledgerFileName(kept.at))
    writeFileSync(file, JSON.stringify(kept))
    const { ledger: reopened, notices } = open(dir)
    await reopened.load()
    expect(reopened.records()).toEqual([kept])
    expect(notices).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(kept) + '\n')
  })

  it('sets a damaged file aside: a copy with the original bytes, the good records kept, one notice', async () => {
    const dir = tempDir()
    const { ledger, clock } = open(dir)
    const a = await ledger.append(usageFields({ messageId: 'a' }))
    clock.time += 1
    const b = await ledger.append(usageFields({ messageId: 'b' }))
    const file = join(dir, ledgerFileName(a.at))
    const lines = readFileSync(file, 'utf8').split('\n')
    // Garbage in the middle, a line that is JSON but not a record, then a good one after.
    const damaged = [lines[0], 'x\u0000garbled{', JSON.stringify({ id: 'no', at: 'when' }), lines[1], ''].join('\n')
    writeFileSync(file, damaged)

    const { ledger: reopened, notices } = open(dir, a.at + 60_000)
    await reopened.load()
    expect(reopened.records()).toEqual([a, b])
    expect(notices).toHaveLength(1)
    const copies = readdirSync(dir).filter((name) => name.includes('.damaged-'))
    expect(copies).toHaveLength(1)
    const copy = join(dir, copies[0]!)
    expect(readFileSync(copy, 'utf8')).toBe(damaged)
    expect(notices[0]).toEqual({
      level: 'warning',
      message: `Part of the usage history could not be read; a copy was kept at ${copy}; the rest is intact.`,
    })
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(a) + '\n' + JSON.stringify(b) + '\n')

    // Clean now: the next start says nothing and copies nothing.
    const { ledger: again, notices: none } = open(dir)
    await again.load()
    expect(again.records()).toEqual([a, b])
    expect(none).toEqual([])
    expect(readdirSync(dir).filter((name) => name.includes('.damaged-'))).toHaveLength(1)
  })

  it('starts a new file at the local month boundary and reads both back in order', async () => {
    const dir = tempDir()
    const { ledger, clock } = open(dir, new Date(2025, 0, 31, 23, 59, 59).getTime())
    const january = await ledger.append(usageFields({ messageId: 'jan' }))
    clock.time = new Date(2025, 1, 1, 0, 0, 1).getTime()
    const february = await ledger.append(usageFields({ messageId: 'feb' }))
    expect(readdirSync(dir).sort()).toEqual(['usage-2025-01.jsonl', 'usage-2025-02.jsonl'])
    expect(readFileSync(join(dir, 'usage-2025-01.jsonl'), 'utf8')).toBe(JSON.stringify(january) + '\n')
    expect(readFileSync(join(dir, 'usage-2025-02.jsonl'), 'utf8')).toBe(JSON.stringify(february) + '\n')

    const { ledger: reopened } = open(dir)
    await reopened.load()
    expect(reopened.records().map((record) => record.messageId)).toEqual(['jan', 'feb'])
  })

  it('ignores other files in the folder and tolerates a missing folder', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'notes.txt'), 'not usage')
    writeFileSync(join(dir, 'usage-2025-11.jsonl.damaged-old'), 'garbage')
    const { ledger, notices } = open(dir)
    await ledger.load()
    expect(ledger.records()).toEqual([])
    expect(notices).toEqual([])

    const { ledger: nowhere } = open(join(dir, 'missing', 'deeper'))
    await nowhere.load()
    expect(nowhere.records()).toEqual([])
  })

  it('appends made before loading land after the history, never replaced by it', async () => {
    const dir = tempDir()
    const { ledger } = open(dir)
    const old = await ledger.append(usageFields({ messageId: 'old' }))
    const { ledger: fresh, clock } = open(dir, old.at + 5)
    clock.time = old.at + 10
    await fresh.append(usageFields({ messageId: 'new' }))
    expect(fresh.records().map((record) => record.messageId)).toEqual(['old', 'new'])
  })

  it('keeps counting in memory when the disk refuses, and says so once', async () => {
    const blocker = join(tempDir(), 'a-file')
    writeFileSync(blocker, '')
    const { ledger, notices } = open(join(blocker, 'usage')) // a folder cannot be made inside a file
    await ledger.append(usageFields())
    await ledger.append(usageFields())
    expect(ledger.records()).toHaveLength(2)
    expect(notices).toHaveLength(1)
    expect(notices[0]!.message).toMatch(/^Aura could not save its usage history/)
    // In words, never the raw error ("ENOTDIR: not a directory, mkdir '/tmp/…'").
    expect(notices[0]!.message).not.toMatch(/E[A-Z]{3,}|mkdir|\/tmp/)
  })
})
