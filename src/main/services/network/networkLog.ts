/**
 * The one record of what Aura sends over the network (Settings → Privacy). Every outbound request of
 * the services goes through a fetch this log hands out, each stating its purpose; the log keeps,
 * on this computer, when, to which host, why and what came back — never a URL's path, a header or
 * a body, which may hold a key or a message.
 *
 * On disk: `<data dir>/connections.jsonl`, one connection per line, appended. It keeps the newest
 * `max` connections: once the file holds twice that many lines, it is rewritten with the newest
 * `max` (atomically), so it stays a few hundred KiB whatever a long download's retries do.
 */
import { readFileSync } from 'node:fs'
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ConnectionSchema, type Connection, type ConnectionPurpose } from '../../../shared/api'
import type { Clock, Logger } from '../ports'

/** A fetch that states why it goes online; what each service is given in place of fetch. */
export type Fetcher = (purpose: ConnectionPurpose) => typeof fetch

/** For services built without a log (their own tests): the plain fetch, whatever the purpose. */
export const plainFetcher: Fetcher = () => (input, init) => globalThis.fetch(input, init)

export interface NetworkLogOptions {
  file: string
  clock: Clock
  logger: Logger
  /** Each new connection, as it is recorded (the page's live list). */
  onConnection?: (connection: Connection) => void
  /** The fetch that really goes online. Default: the global fetch. */
  fetch?: typeof fetch
  /** Connections kept. Default 2,000. */
  max?: number
}

export class NetworkLog {
  private entries: Connection[] | null = null
  private linesOnDisk = 0
  /** The file ended in a torn or damaged line: rewrite it before appending. */
  private rewrite = false
  private writes: Promise<void> = Promise.resolve()
  private readonly max: number

  constructor(private readonly options: NetworkLogOptions) {
    this.max = options.max ?? 2000
  }

  /** The fetch for one purpose: it records every request it sends, answered or not. */
  readonly fetcher: Fetcher = (purpose) => async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const at = this.options.clock.now()
    const sentBytes = bodyBytes(input instanceof Request ? null : init?.body)
    const send = this.options.fetch ?? globalThis.fetch
    try {
      const response = await send(input, init)
      const answeredBy = response.redirected && response.url ? new URL(response.url).host : url.host
      this.record({ at, host: url.host, purpose, status: response.status, sentBytes, redirectedTo: answeredBy === url.host ? null : answeredBy })
      return response
    } catch (error) {
      this.record({ at, host: url.host, purpose, status: null, sentBytes, redirectedTo: null })
      throw error
    }
  }

  /** The connections kept, the newest first. */
  list(): Connection[] {
    return [...this.load()].reverse()
  }

  /** Resolves when everything recorded so far is on disk. */
  flush(): Promise<void> {
    return this.writes
  }

  private record(connection: Connection): void {
    const entries = this.load()
    entries.push(connection)
    if (entries.length > this.max) entries.splice(0, entries.length - this.max)
    this.linesOnDisk++
    const compact = this.rewrite || this.linesOnDisk >= 2 * this.max
    if (compact) {
      this.rewrite = false
      this.linesOnDisk = entries.length
    }
    const snapshot = compact ? [...entries] : null
    this.writes = this.writes.then(() => this.write(connection, snapshot))
    this.options.onConnection?.(connection)
  }

  private async write(connection: Connection, all: Connection[] | null): Promise<void> {
    const { file } = this.options
    try {
      await mkdir(dirname(file), { recursive: true })
      if (!all) return await appendFile(file, JSON.stringify(connection) + '\n', { mode: 0o600 })
      const temp = `${file}.${process.pid}.tmp`
      await writeFile(temp, all.map((entry) => JSON.stringify(entry) + '\n').join(''), { mode: 0o600 })
      await rename(temp, file)
    } catch (error) {
      // The request itself went ahead; only its line is missing. Said in the log, not to the user mid-chat.
      this.options.logger.warn('network: could not save a connection to the privacy log', { error: String(error) })
    }
  }

  /** Read once, on first use: the newest `max` valid lines. */
  private load(): Connection[] {
    if (this.entries) return this.entries
    let text = ''
    try {
      text = readFileSync(this.options.file, 'utf8')
    } catch {
      // No file yet: nothing was sent.
    }
    const lines = text.split('\n')
    const tail = lines.pop() ?? ''
    const entries: Connection[] = []
    for (const line of lines) {
      const parsed = parseLine(line)
      if (parsed) entries.push(parsed)
      else this.rewrite = true
    }
    if (tail.trim()) this.rewrite = true
    this.linesOnDisk = lines.length
    this.entries = entries.slice(-this.max)
    return this.entries
  }
}

function parseLine(line: string): Connection | null {
  try {
    const parsed = ConnectionSchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The size of what a request sends: 0 without a body; null for a stream (its size is not known up front). */
function bodyBytes(body: RequestInit['body']): number | null {
  if (body === null || body === undefined) return 0
  if (typeof body === 'string') return Buffer.byteLength(body)
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString())
  if (body instanceof Blob) return body.size
  return null
}
