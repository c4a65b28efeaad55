import { randomUUID } from 'node:crypto'
import { appendFile, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  AuraError,
  MessageSchema,
  type AuraErrorShape,
  type Conversation,
  type ConversationSummary,
  type GenerationStats,
  type Message,
  type MessageRoute,
  type MessageStatus,
} from '../../../shared/api'
import type { Clock } from '../ports'

/**
 * One line of a conversation file. A file is an append-only log of these, so a crash (even
 * kill -9) can at worst tear its last line, which loading skips: at most the tail of the reply in
 * flight is lost. After each reply the file is rewritten compactly (temp file + rename).
 */
type Line =
  | { t: 'meta'; id: string; title: string; createdAt: number; updatedAt?: number; modelId: string | null }
  | { t: 'title'; title: string; at: number }
  | { t: 'model'; modelId: string | null; at: number }
  | { t: 'msg'; message: Message }
  | { t: 'text'; id: string; text: string }
  | { t: 'route'; id: string; modelId: string; route: MessageRoute }
  | { t: 'end'; id: string; status: MessageStatus; error: AuraErrorShape | null; stats: GenerationStats | null; content: string; at: number; modelId?: string; route?: MessageRoute }
  | { t: 'drop'; id: string; at: number }

export const DEFAULT_TITLE = 'New chat'
const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/
const SNIPPET_LENGTH = 90

/**
 * Replays a conversation file. Unreadable lines are skipped; `clean` says whether there were none,
 * else the file must be rewritten before anything is appended to it. `damagedLines` counts the
 * unreadable lines that were complete (damage, not a torn last write).
 */
export function replay(text: string): { conversation: Conversation | null; clean: boolean; damagedLines: number } {
  let conversation: Conversation | null = null
  let clean = text === '' || text.endsWith('\n')
  let damagedLines = 0
  const lines = text.split('\n')
  for (const [index, raw] of lines.entries()) {
    if (!raw.trim()) continue
    let line: Line
    try {
      line = JSON.parse(raw) as Line
    } catch {
      clean = false
      // A complete line that does not parse was damaged on disk; only the last one can be a torn write.
      if (index < lines.length - 1) damagedLines++
      continue
    }
    if (line.t === 'meta') {
      const { id, title, createdAt, modelId } = line
      conversation = { id, title, createdAt, updatedAt: line.updatedAt ?? createdAt, modelId, messages: [] }
      continue
    }
    if (!conversation) continue
    apply(conversation, line)
  }
  return { conversation, clean, damagedLines }
}

function apply(conversation: Conversation, line: Line): void {
  const find = (id: string) => conversation.messages.find((message) => message.id === id)
  switch (line.t) {
    case 'title':
      // Renaming is not activity: the conversation keeps its place in the list.
      conversation.title = line.title
      break
    case 'model':
      conversation.modelId = line.modelId
      break
    case 'msg': {
      const parsed = MessageSchema.safeParse(line.message)
      if (parsed.success) {
        conversation.messages.push(parsed.data)
        conversation.updatedAt = Math.max(conversation.updatedAt, parsed.data.createdAt)
      }
      break
    }
    case 'text': {
      const message = find(line.id)
      if (message) message.content += line.text
      break
    }
    case 'route': {
      // The reply moved to another model: its text starts over (what was set aside is in route.attempts).
      const message = find(line.id)
      if (message) Object.assign(message, { modelId: line.modelId, route: line.route, content: '' })
      break
    }
    case 'end': {
      const message = find(line.id)
      if (message) {
        Object.assign(message, { status: line.status, error: line.error, stats: line.stats, content: line.content })
        if (line.modelId !== undefined) message.modelId = line.modelId
        if (line.route !== undefined) message.route = line.route
      }
      conversation.updatedAt = Math.max(conversation.updatedAt, line.at)
      break
    }
    case 'drop':
      conversation.messages = conversation.messages.filter((message) => message.id !== line.id)
      conversation.updatedAt = Math.max(conversation.updatedAt, line.at)
      break
  }
}

function compact(conversation: Conversation): string {
  const { id, title, createdAt, updatedAt, modelId, messages } = conversation
  const lines: Line[] = [{ t: 'meta', id, title, createdAt, updatedAt, modelId }, ...messages.map((message): Line => ({ t: 'msg', message }))]
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n'
}

/**
 * Conversations as files under `<data dir>/conversations/<id>.jsonl`, all held in memory once
 * loaded. Writes to one file are serialised in order; reads never wait for the disk.
 */
export class ConversationStore {
  private loaded: Promise<Map<string, Conversation>> | null = null
  /** The same map, once loaded: streaming text is applied without awaiting. */
  private cache: Map<string, Conversation> | null = null
  private readonly writes = new Map<string, Promise<void>>()

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    /** A file was skipped (no readable header), or repaired with its damaged copy kept at `backup`. */
    private readonly onDamaged: (file: string, backup?: string) => void = () => {},
  ) {}

  async list(query?: string): Promise<ConversationSummary[]> {
    const all = [...(await this.all()).values()].sort((a, b) => b.updatedAt - a.updatedAt)
    const needle = query?.trim().toLowerCase()
    if (!needle) return all.map((conversation) => summarize(conversation))
    const found: ConversationSummary[] = []
    for (const conversation of all) {
      if (conversation.title.toLowerCase().includes(needle)) {
        found.push(summarize(conversation))
        continue
      }
      const match = conversation.messages.find((message) => message.content.toLowerCase().includes(needle))
      if (match) found.push(summarize(conversation, excerpt(match.content, needle)))
    }
    return found
  }

  async summary(id: string): Promise<ConversationSummary> {
    return summarize(await this.get(id))
  }

  async get(id: string): Promise<Conversation> {
    const conversation = ID_PATTERN.test(id) ? (await this.all()).get(id) : undefined
    if (!conversation) throw new AuraError('not_found', 'This conversation no longer exists. It may have been deleted.')
    return conversation
  }

  async create(options: { title?: string; modelId?: string | null } = {}): Promise<Conversation> {
    const all = await this.all()
    const now = this.clock.now()
    const conversation: Conversation = {
      id: randomUUID(),
      title: options.title ?? DEFAULT_TITLE,
      createdAt: now,
      updatedAt: now,
      modelId: options.modelId ?? null,
      messages: [],
    }
    all.set(conversation.id, conversation)
    await this.write(conversation.id, (file) => writeFile(file, compact(conversation)))
    return conversation
  }

  async rename(id: string, title: string): Promise<ConversationSummary> {
    const conversation = await this.get(id)
    const at = this.clock.now()
    apply(conversation, { t: 'title', title, at })
    await this.append(id, { t: 'title', title, at })
    return summarize(conversation)
  }

  async setModel(id: string, modelId: string | null): Promise<void> {
    const conversation = await this.get(id)
    if (conversation.modelId === modelId) return
    conversation.modelId = modelId
    await this.append(id, { t: 'model', modelId, at: this.clock.now() })
  }

  async delete(id: string): Promise<void> {
    const all = await this.all()
    await this.get(id)
    all.delete(id)
    await this.write(id, (file) => rm(file, { force: true }))
    this.writes.delete(id)
  }

  /** Adds a whole message (a user's, or an assistant's that is about to stream). */
  async addMessage(id: string, fields: Pick<Message, 'role' | 'content' | 'status' | 'modelId'> & Pick<Partial<Message>, 'route'>): Promise<Message> {
    const conversation = await this.get(id)
    const message: Message = { id: randomUUID(), createdAt: this.clock.now(), error: null, stats: null, ...fields }
    apply(conversation, { t: 'msg', message: { ...message } })
    await this.append(id, { t: 'msg', message })
    return conversation.messages.at(-1)!
  }

  /** Streams text onto a message: in memory at once, on disk in order. */
  appendText(id: string, messageId: string, text: string): Promise<void> {
    const conversation = this.cache?.get(id)
    if (conversation) apply(conversation, { t: 'text', id: messageId, text })
    return this.append(id, { t: 'text', id: messageId, text })
  }

  /** A streaming reply moves to another model: its text starts over. */
  async rerouteMessage(id: string, messageId: string, modelId: string, route: MessageRoute): Promise<void> {
    const conversation = await this.get(id)
    const line: Line = { t: 'route', id: messageId, modelId, route }
    apply(conversation, line)
    await this.append(id, line)
  }

  /** Ends a streaming message, then rewrites the file compactly. */
  async endMessage(
    id: string,
    messageId: string,
    end: { status: MessageStatus; error?: AuraErrorShape | null; stats?: GenerationStats | null; content: string; modelId?: string; route?: MessageRoute },
  ): Promise<Message> {
    const conversation = await this.get(id)
    const line: Line = {
      t: 'end',
      id: messageId,
      status: end.status,
      error: end.error ?? null,
      stats: end.stats ?? null,
      content: end.content,
      at: this.clock.now(),
      ...(end.modelId !== undefined && { modelId: end.modelId }),
      ...(end.route !== undefined && { route: end.route }),
    }
    apply(conversation, line)
    await this.append(id, line)
    await this.rewrite(conversation)
    const message = conversation.messages.find((candidate) => candidate.id === messageId)
    if (!message) throw new AuraError('not_found', 'This message no longer exists.')
    return message
  }

  async dropMessage(id: string, messageId: string): Promise<void> {
    const conversation = await this.get(id)
    const line: Line = { t: 'drop', id: messageId, at: this.clock.now() }
    apply(conversation, line)
    await this.append(id, line)
  }

  /** Waits for every pending write (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all(this.writes.values())
  }

  private all(): Promise<Map<string, Conversation>> {
    this.loaded ??= this.loadAll().then((map) => (this.cache = map))
    return this.loaded
  }

  private async loadAll(): Promise<Map<string, Conversation>> {
    await mkdir(this.dir, { recursive: true })
    const map = new Map<string, Conversation>()
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.jsonl') || !ID_PATTERN.test(name.slice(0, -'.jsonl'.length))) continue
      const file = join(this.dir, name)
      const { conversation, clean, damagedLines } = replay(await readFile(file, 'utf8'))
      if (!conversation) {
        this.onDamaged(file)
        continue
      }
      let dirty = !clean
      if (damagedLines > 0) {
        // The rewrite below drops what cannot be read: keep the damaged bytes first.
        const backup = `${file}.damaged-${this.clock.now()}`
        await copyFile(file, backup)
        this.onDamaged(file, backup)
      }
      // The file's name is the conversation's id: a header damaged on disk must not move it elsewhere.
      const id = name.slice(0, -'.jsonl'.length)
      if (conversation.id !== id) {
        conversation.id = id
        dirty = true
      }
      for (const message of conversation.messages) {
        if (message.status === 'streaming') {
          message.status = 'interrupted'
          dirty = true
        }
      }
      map.set(conversation.id, conversation)
      if (dirty) await this.rewrite(conversation)
    }
    return map
  }

  private fileOf(id: string): string {
    return join(this.dir, `${id}.jsonl`)
  }

  private append(id: string, line: Line): Promise<void> {
    return this.write(id, (file) => appendFile(file, JSON.stringify(line) + '\n'))
  }

  private rewrite(conversation: Conversation): Promise<void> {
    return this.write(conversation.id, async (file) => {
      const temp = `${file}.${process.pid}.tmp`
      await writeFile(temp, compact(conversation), { flush: true })
      await rename(temp, file)
    })
  }

  /** Runs file operations for one conversation strictly in order. */
  private write(id: string, operation: (file: string) => Promise<void>): Promise<void> {
    const previous = this.writes.get(id) ?? Promise.resolve()
    const next = previous.catch(() => {}).then(() => operation(this.fileOf(id)))
    this.writes.set(id, next)
    return next
  }
}

function summarize(conversation: Conversation, snippet?: string): ConversationSummary {
  const last = conversation.messages.at(-1)
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
    snippet: snippet ?? (last ? excerpt(last.content) : ''),
  }
}

function excerpt(text: string, needle?: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const at = needle ? flat.toLowerCase().indexOf(needle) : 0
  const start = Math.max(0, at - 30)
  const piece = flat.slice(start, start + SNIPPET_LENGTH)
  return (start > 0 ? '…' : '') + piece + (start + SNIPPET_LENGTH < flat.length ? '…' : '')
}
