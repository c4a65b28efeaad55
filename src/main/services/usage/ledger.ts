import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { appendFile, copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageRecordSchema, type Notice, type UsageRecord } from '../../../shared/api'
import { say } from '../../../shared/i18n'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeProblemWords } from '../files'
import type { Clock, Logger } from '../ports'
import { firstIndexAtOrAfter, monthKey } from './calendar'

/** What a caller records; the ledger adds the id and the time. */
export type UsageFields = Omit<UsageRecord, 'id' | 'at'>

export interface UsageLedgerOptions {
  /** Where the month files live (`<data dir>/usage`); created on the first append. */
  dir: string
  clock: Clock
  logger: Logger
  /** Tells the user something (damaged history set aside, history not saved). */
  notify: (notice: Notice) => void
}

const FILE_PATTERN = /^usage-\d{4}-\d{2}\.jsonl$/

export function ledgerFileName(at: number): string {
  return `usage-${monthKey(at)}.jsonl`
}

/** What reading one month file found. */
export interface ParsedLedgerFile {
  records: UsageRecord[]
  /** An unterminated last line that does not parse: a write cut short by a crash. */
  torn: boolean
  /** Complete lines that are not valid records: the file was damaged by something else. */
  damagedLines: number
  /** Nothing to repair: every line whole and valid. Otherwise the file is rewritten before the next append, which would glue onto an unterminated line. */
  clean: boolean
}

/**
 * Reads a month file. Every record is written as one complete line ending in "\n", so a crash can
 * only leave an unterminated last line: that is a torn write, not damage. A complete line that does
 * not parse, or parses but is not a valid record, means the file was changed behind our back.
 */
export function parseLedgerText(text: string): ParsedLedgerFile {
  const lines = text.split('\n')
  // After the last "\n" comes either nothing or an unterminated write.
  const tail = lines.pop() ?? ''
  const records: UsageRecord[] = []
  let damagedLines = 0
  for (const line of lines) {
    if (!line.trim()) continue
    const record = parseRecord(line)
    if (record) records.push(record)
    else damagedLines++
  }
  let torn = false
  if (tail.trim()) {
    const record = parseRecord(tail)
    // A write cut exactly before its "\n" is still a whole record: keep it.
    if (record) records.push(record)
    else torn = true
  }
  return { records, torn, damagedLines, clean: damagedLines === 0 && tail === '' }
}

function parseRecord(line: string): UsageRecord | null {
  try {
    const parsed = UsageRecordSchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function serialize(records: readonly UsageRecord[]): string {
  return records.map((record) => JSON.stringify(record) + '\n').join('')
}

/** `2025-11-21T23-56-00-000Z`: sortable, readable, and valid in file names on every OS (as settings' quarantine). */
function fileTimestamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-')
}

/**
 * Every request Aura makes to a model (local ones too), one JSON line each, in one file per local
 * month: `<dir>/usage-YYYY-MM.jsonl`. Append-only — each record is a single appendFile of a whole
 * line, in call order — so a crash loses at most the line being written. All records are held in
 * memory sorted by time, which is what the meter, summaries and rate limits read.
 */
export class UsageLedger {
  private list: UsageRecord[] = []
  private loading: Promise<void> | null = null
  /** Every disk operation, in order: loading first, then appends. */
  private queue: Promise<unknown> = Promise.resolve()
  private dirReady = false
  private writeFailureTold = false
  private readonly listeners = new Set<(record: UsageRecord) => void>()

  constructor(private readonly options: UsageLedgerOptions) {}

  /** Reads every month file once (later calls wait for the same read). Never throws for bad content. */
  load(): Promise<void> {
    this.loading ??= this.enqueue(() => this.readAll())
    return this.loading
  }

  /**
   * Records a request. The time is taken now; the record is in `records()` and on disk when the
   * promise resolves. A disk failure is logged and told once, never thrown: a chat reply must not
   * fail because its usage line could not be saved. Invalid fields are a programming error and throw.
   */
  async append(fields: UsageFields): Promise<UsageRecord> {
    const record = UsageRecordSchema.parse({ ...fields, id: randomUUID(), at: this.options.clock.now() })
    void this.load()
    await this.enqueue(async () => {
      this.insert(record)
      await this.write(record)
      for (const listener of this.listeners) {
        try {
          listener(record)
        } catch (error) {
          this.options.logger.error('usage: an append listener failed', { error: String(error) })
        }
      }
    })
    return record
  }

  /** All records, oldest first. The same array as the ledger's (do not change it). */
  records(): readonly UsageRecord[] {
    return this.list
  }

  /** Called after each append, with the new record. Returns the unsubscribe function. */
  onAppend(listener: (record: UsageRecord) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Waits for every pending read and write (tests, shutdown). */
  async flush(): Promise<void> {
    await this.queue.catch(() => {})
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => {}).then(operation)
    this.queue = next
    return next
  }

  private insert(record: UsageRecord): void {
    const last = this.list.at(-1)
    if (!last || last.at <= record.at) this.list.push(record)
    // The clock went back (or was set): keep the order by time, after records of the same ms.
    else this.list.splice(firstIndexAtOrAfter(this.list, record.at + 1), 0, record)
  }

  private async write(record: UsageRecord): Promise<void> {
    const { dir, logger, notify } = this.options
    try {
      if (!this.dirReady) {
        await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
        this.dirReady = true
      }
      await appendFile(join(dir, ledgerFileName(record.at)), JSON.stringify(record) + '\n', { mode: PRIVATE_FILE_MODE })
    } catch (error) {
      logger.error('usage: could not save a usage record', { error: String(error) })
      if (!this.writeFailureTold) {
        this.writeFailureTold = true
        notify({ level: 'warning', message: say('notices.usageNotSaved', { problem: writeProblemWords(error) }) })
      }
    }
  }

  private async readAll(): Promise<void> {
    const { dir, logger, notify } = this.options
    let names: string[]
    try {
      names = (await readdir(dir)).filter((name) => FILE_PATTERN.test(name)).sort()
      this.dirReady = true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.error('usage: could not list the usage history', { dir, error: String(error) })
      return
    }
    const loaded: UsageRecord[] = []
    const keptAt: string[] = []
    for (const name of names) {
      const file = join(dir, name)
      try {
        const text = await readFile(file, 'utf8')
        const { records, torn, damagedLines, clean } = parseLedgerText(text)
        loaded.push(...records)
        if (damagedLines > 0) {
          const copy = await this.keepDamagedCopy(file)
          keptAt.push(copy)
          logger.warn('usage: damaged lines set aside', { file, damagedLines, copy })
        } else if (torn) {
          logger.info('usage: dropped a record cut short by a crash', { file })
        }
        if (!clean) await rewriteAtomically(file, serialize(records))
      } catch (error) {
        // Unreadable (permissions, not UTF-8 on a broken disk…): leave the file as it is.
        logger.error('usage: could not read a usage file', { file, error: String(error) })
      }
    }
    if (keptAt.length > 0) {
      notify({
        level: 'warning',
        message: say('notices.usagePartDamaged', { copies: keptAt.join(say('notices.and')) }),
      })
    }
    loaded.sort((a, b) => a.at - b.at)
    // Appends made before loading finished cannot exist (they queue behind it), so this is all of it.
    this.list = loaded
  }

  /** Copies the file, bytes untouched, next to itself as `<file>.damaged-<timestamp>`. */
  private async keepDamagedCopy(file: string): Promise<string> {
    const base = `${file}.damaged-${fileTimestamp(this.options.clock.now())}`
    for (let n = 0; ; n++) {
      const target = n === 0 ? base : `${base}-${n}`
      try {
        await copyFile(file, target, constants.COPYFILE_EXCL)
        return target
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
  }
}

async function rewriteAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, text, { flush: true, mode: PRIVATE_FILE_MODE })
  await rename(temp, file)
}
