import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import {
  AuraError,
  MessageSchema,
  type AuraErrorShape,
  type ChatAssistant,
  type ChatDocuments,
  type Conversation,
  type ConversationSummary,
  type GenerationStats,
  type Message,
  type MessageRoute,
  type MessageStatus,
  type MessageToolCall,
  type Rating,
  type Thoughts,
} from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, stampOf, withLock } from '../files'
import type { Clock } from '../ports'

/**
 * One line of a conversation file. A file is an append-only log of these, so a crash (even
 * kill -9) can at worst tear its last line, which loading skips: at most the tail of the reply in
 * flight is lost. After each reply the file is rewritten compactly (temp file + rename) from what
 * it holds then, under its lock.
 *
 * The messages form a tree (each names its `parentId`); the chat shows one branch of it. A `msg`
 * line adds a message and shows its branch (`shown: false`: a version kept aside, as compaction
 * writes them); a `msg` without `parentId` (files from before versions) follows the branch shown.
 * `show` shows the branch through a message; `drop` removes a message with every message after it.
 */
type Line =
  | { t: 'meta'; id: string; title: string; createdAt: number; updatedAt?: number; modelId: string | null; instructions?: string; temperature?: number | null; assistant?: ChatAssistant | null; allowedTools?: string[]; documents?: ChatDocuments }
  | { t: 'title'; title: string; at: number }
  | { t: 'model'; modelId: string | null; at: number }
  | { t: 'instructions'; text: string; at: number }
  | { t: 'msg'; message: Message; shown?: false }
  | { t: 'show'; id: string; at: number }
  | { t: 'text'; id: string; text: string }
  | { t: 'route'; id: string; modelId: string; route: MessageRoute }
  | { t: 'end'; id: string; status: MessageStatus; error: AuraErrorShape | null; stats: GenerationStats | null; content: string; at: number; modelId?: string; route?: MessageRoute; thoughts?: Thoughts }
  | { t: 'drop'; id: string; at: number }
  | { t: 'restart'; id: string; modelId: string; route: MessageRoute }
  | { t: 'rate'; id: string; rating: Rating | null; at: number }
  | { t: 'tools'; id: string; calls: MessageToolCall[] }
  | { t: 'allow'; tool: string }
  | { t: 'documents'; documents: ChatDocuments }

export const DEFAULT_TITLE = 'New chat'
const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/

/** Whether `id` can name a conversation (and so a file or folder of its own: never a path). */
export const isConversationId = (id: string): boolean => ID_PATTERN.test(id)
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
      const { id, title, createdAt, modelId, instructions, temperature, assistant, allowedTools, documents } = line
      conversation = { id, title, createdAt, updatedAt: line.updatedAt ?? createdAt, modelId, messages: [], otherBranches: [], instructions: instructions ?? '', temperature: temperature ?? null, assistant: assistant ?? null, ...(allowedTools && { allowedTools }), ...(documents && { documents }) }
      continue
    }
    if (!conversation) continue
    apply(conversation, line)
  }
  return { conversation, clean, damagedLines }
}

function apply(conversation: Conversation, line: Line): void {
  const find = (id: string) => conversation.messages.find((message) => message.id === id) ?? conversation.otherBranches?.find((message) => message.id === id)
  switch (line.t) {
    case 'title':
      // Renaming is not activity: the conversation keeps its place in the list.
      conversation.title = line.title
      break
    case 'model':
      conversation.modelId = line.modelId
      break
    case 'instructions':
      conversation.instructions = line.text
      break
    case 'msg': {
      const parsed = MessageSchema.safeParse(line.message)
      if (!parsed.success) break
      const message = parsed.data
      const leaf = conversation.messages.at(-1)?.id ?? null
      // No parent named (a file from before versions), or one lost with a damaged line: it follows the branch shown.
      if (message.parentId === undefined || (message.parentId !== null && !find(message.parentId))) message.parentId = leaf
      if (line.shown === false) (conversation.otherBranches ??= []).push(message)
      else if (message.parentId === leaf) conversation.messages.push(message)
      else {
        ;(conversation.otherBranches ??= []).push(message)
        showBranch(conversation, message.id)
      }
      conversation.updatedAt = Math.max(conversation.updatedAt, message.createdAt)
      break
    }
    case 'show':
      // Switching versions is not activity: the conversation keeps its place in the list.
      if (find(line.id)) showBranch(conversation, line.id)
      break
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
        if (line.thoughts !== undefined) message.thoughts = line.thoughts
      }
      conversation.updatedAt = Math.max(conversation.updatedAt, line.at)
      break
    }
    case 'restart': {
      // A finished reply is written again in its place ("Try a stronger model"): the earlier answer is in route.attempts.
      const message = find(line.id)
      // A rating was of the earlier answer: the new one starts unrated.
      if (message) {
        Object.assign(message, { status: 'streaming', error: null, stats: null, content: '', modelId: line.modelId, route: line.route, rating: null })
        delete message.thoughts
        delete message.toolCalls
      }
      break
    }
    case 'tools': {
      const message = find(line.id)
      if (message) message.toolCalls = line.calls
      break
    }
    case 'documents':
      conversation.documents = line.documents
      break
    case 'allow':
      if (!conversation.allowedTools?.includes(line.tool)) (conversation.allowedTools ??= []).push(line.tool)
      break
    case 'rate': {
      // Not activity: a rating does not move the conversation up the list.
      const message = find(line.id)
      if (message) message.rating = line.rating
      break
    }
    case 'drop': {
      const dropped = find(line.id)
      if (!dropped) break
      const gone = new Set([line.id])
      // Every message after it, in all its branches (parents come before their children in the order written).
      for (const message of written(conversation)) if (message.parentId && gone.has(message.parentId)) gone.add(message.id)
      const wasShown = conversation.messages.some((message) => message.id === line.id)
      conversation.messages = conversation.messages.filter((message) => !gone.has(message.id))
      conversation.otherBranches = (conversation.otherBranches ?? []).filter((message) => !gone.has(message.id))
      if (wasShown) {
        // The newest other version of it takes its place; else the branch ends before it.
        const sibling = conversation.otherBranches.findLast((message) => message.parentId === dropped.parentId)
        if (sibling) showBranch(conversation, sibling.id)
      }
      conversation.updatedAt = Math.max(conversation.updatedAt, line.at)
      break
    }
  }
}

/** Every message, in the order written (by time; the branch shown first among equals). */
function written(conversation: Conversation): Message[] {
  return [...conversation.messages, ...(conversation.otherBranches ?? [])].sort((a, b) => a.createdAt - b.createdAt)
}

/**
 * Shows the branch through `id`: its ancestors, itself, and after it the newest version at each
 * turn. Every other message is kept in `otherBranches`, in the order written.
 */
function showBranch(conversation: Conversation, id: string): void {
  const all = written(conversation)
  const byId = new Map(all.map((message) => [message.id, message]))
  const newestChild = new Map<string | null, Message>()
  for (const message of all) newestChild.set(message.parentId ?? null, message)
  let leaf = byId.get(id)
  for (let next = leaf && newestChild.get(leaf.id); next; next = newestChild.get(next.id)) leaf = next
  const path: Message[] = []
  for (let message = leaf; message; message = message.parentId ? byId.get(message.parentId) : undefined) path.push(message)
  path.reverse()
  const shown = new Set(path.map((message) => message.id))
  conversation.messages = path
  conversation.otherBranches = all.filter((message) => !shown.has(message.id))
}

function compact(conversation: Conversation): string {
  const { id, title, createdAt, updatedAt, modelId, instructions, temperature, assistant, allowedTools, documents, messages, otherBranches = [] } = conversation
  const meta: Line = {
    t: 'meta',
    id,
    title,
    createdAt,
    updatedAt,
    modelId,
    ...(instructions ? { instructions } : {}),
    ...(temperature !== null && temperature !== undefined ? { temperature } : {}),
    ...(assistant ? { assistant } : {}),
    ...(allowedTools?.length ? { allowedTools } : {}),
    ...(documents ? { documents } : {}),
  }
  // The branch shown first, then the versions kept aside (each after its parent: in the order written).
  const lines: Line[] = [meta, ...messages.map((message): Line => ({ t: 'msg', message })), ...otherBranches.map((message): Line => ({ t: 'msg', message, shown: false }))]
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n'
}

/** A conversation as last read from its file, and the file's stamp then. */
interface Entry {
  conversation: Conversation
  stamp: string
}

/**
 * Conversations as files under `<data dir>/conversations/<id>.jsonl`. The files are the truth, shared
 * with other processes on the same data folder (the desktop app, `aura serve`, the CLI): each is
 * an append-only log, and every write — an appended line, or the compacting rewrite after a reply —
 * holds the file's lock and starts from what is on disk, never from this process's copy. A copy
 * is read again when its file changed. Appends never create a file: a deleted conversation stays
 * deleted, whatever a reply still streaming into it writes.
 */
export class ConversationStore {
  private readonly entries = new Map<string, Entry>()
  private ready: Promise<unknown> | null = null
  private readonly writes = new Map<string, Promise<unknown>>()
  /** Replies this process is streaming: any other message left `streaming` on disk was interrupted. */
  private readonly streaming = new Set<string>()
  /** Files without a readable header that the user was told about. */
  private readonly skipped = new Set<string>()

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    /** A file was skipped (no readable header), or repaired with its damaged copy kept at `backup`. */
    private readonly onDamaged: (file: string, backup?: string) => void = () => {},
  ) {}

  async list(query?: string): Promise<ConversationSummary[]> {
    const all = (await this.all()).sort((a, b) => b.updatedAt - a.updatedAt)
    const needle = query?.trim().toLowerCase()
    if (!needle) return all.map((conversation) => summarize(conversation))
    const found: ConversationSummary[] = []
    for (const conversation of all) {
      if (conversation.title.toLowerCase().includes(needle)) {
        found.push(summarize(conversation))
        continue
      }
      const match = written(conversation).find((message) => message.content.toLowerCase().includes(needle))
      if (match) found.push(summarize(conversation, excerpt(match.content, needle)))
    }
    return found
  }

  async summary(id: string): Promise<ConversationSummary> {
    return summarize(await this.get(id))
  }

  async get(id: string): Promise<Conversation> {
    const conversation = ID_PATTERN.test(id) ? await this.refresh(id) : null
    if (!conversation) throw gone()
    return conversation
  }

  async create(
    options: { title?: string; modelId?: string | null } & Partial<Pick<Conversation, 'instructions' | 'temperature' | 'assistant'>> = {},
  ): Promise<Conversation> {
    await this.ensureDir()
    const now = this.clock.now()
    const conversation: Conversation = {
      id: randomUUID(),
      title: options.title ?? DEFAULT_TITLE,
      createdAt: now,
      updatedAt: now,
      modelId: options.modelId ?? null,
      messages: [],
      otherBranches: [],
      instructions: options.instructions ?? '',
      temperature: options.temperature ?? null,
      assistant: options.assistant ?? null,
    }
    const file = this.fileOf(conversation.id)
    await this.queue(conversation.id, async () => {
      await writeFile(file, compact(conversation), { flag: 'wx', mode: PRIVATE_FILE_MODE })
      this.entries.set(conversation.id, { conversation, stamp: stampOf(await stat(file)) })
    })
    return conversation
  }

  async rename(id: string, title: string): Promise<ConversationSummary> {
    const conversation = await this.get(id)
    await this.change(conversation, { t: 'title', title, at: this.clock.now() })
    return summarize(conversation)
  }

  async setModel(id: string, modelId: string | null): Promise<void> {
    const conversation = await this.get(id)
    if (conversation.modelId === modelId) return
    await this.change(conversation, { t: 'model', modelId, at: this.clock.now() })
  }

  /** Sets the chat's instructions (a system prompt; '' for none). */
  async setInstructions(id: string, text: string): Promise<Conversation> {
    const conversation = await this.get(id)
    if (conversation.instructions !== text) await this.change(conversation, { t: 'instructions', text, at: this.clock.now() })
    return conversation
  }

  /** The documents the chat searches, and whether its replies may go to the cloud. */
  async setDocuments(id: string, documents: ChatDocuments): Promise<Conversation> {
    const conversation = await this.get(id)
    await this.change(conversation, { t: 'documents', documents: structuredClone(documents) })
    return conversation
  }

  /** Shows the branch through a message (another version of a turn), with the newest version after it at each turn. */
  async showVersion(id: string, messageId: string): Promise<Conversation> {
    const conversation = await this.get(id)
    if (!written(conversation).some((message) => message.id === messageId)) throw new AuraError('not_found', words('chat.versionGone'))
    await this.change(conversation, { t: 'show', id: messageId, at: this.clock.now() })
    return conversation
  }

  async delete(id: string): Promise<void> {
    await this.get(id)
    await this.queue(id, () => withLock(this.fileOf(id), 'files.whatConversation', () => rm(this.fileOf(id), { force: true })))
    this.entries.delete(id)
  }

  /**
   * Adds a whole message (a user's, or an assistant's that is about to stream) and shows its branch:
   * after `parentId` (a new version of the turn after it), else at the end of the branch shown.
   * A new turn names no parent on disk: it follows whatever ends the branch when its line is read,
   * so a turn another process wrote meanwhile (lines are appended under the file's lock) is not
   * pushed aside into another version.
   */
  async addMessage(id: string, fields: Pick<Message, 'role' | 'content' | 'status' | 'modelId'> & Pick<Partial<Message>, 'route' | 'attachments' | 'parentId' | 'sources'>): Promise<Message> {
    const conversation = await this.get(id)
    const message: Message = { id: randomUUID(), createdAt: this.clock.now(), error: null, stats: null, ...fields }
    if (message.status === 'streaming') this.streaming.add(message.id)
    await this.change(conversation, { t: 'msg', message: { ...message } })
    return conversation.messages.find((candidate) => candidate.id === message.id)!
  }

  /** Streams text onto a message: in memory at once, on disk in order (not at all once the conversation is deleted). */
  async appendText(id: string, messageId: string, text: string): Promise<void> {
    const line: Line = { t: 'text', id: messageId, text }
    const conversation = this.entries.get(id)?.conversation
    if (conversation) apply(conversation, line)
    try {
      await this.append(id, line, conversation)
    } catch (error) {
      if (!(error instanceof AuraError && error.code === 'not_found')) throw error
    }
  }

  /** A streaming reply moves to another model: its text starts over. */
  async rerouteMessage(id: string, messageId: string, modelId: string, route: MessageRoute): Promise<void> {
    await this.change(await this.get(id), { t: 'route', id: messageId, modelId, route })
  }

  /** A finished reply streams again, in its place, from another model. */
  async restartMessage(id: string, messageId: string, modelId: string, route: MessageRoute): Promise<Message> {
    const conversation = await this.get(id)
    this.streaming.add(messageId)
    await this.change(conversation, { t: 'restart', id: messageId, modelId, route })
    const message = written(conversation).find((candidate) => candidate.id === messageId)
    if (!message) throw new AuraError('not_found', words('chat.replyGone'))
    return message
  }

  /** Ends a streaming message, then rewrites the file compactly. */
  async endMessage(
    id: string,
    messageId: string,
    end: { status: MessageStatus; error?: AuraErrorShape | null; stats?: GenerationStats | null; content: string; modelId?: string; route?: MessageRoute; thoughts?: Thoughts },
  ): Promise<Message> {
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
      ...(end.thoughts !== undefined && { thoughts: end.thoughts }),
    }
    try {
      await this.change(await this.get(id), line)
    } finally {
      this.streaming.delete(messageId)
    }
    const compacted = await this.queue(id, () => withLock(this.fileOf(id), 'files.whatConversation', () => this.compact(id)))
    const message = compacted && written(compacted).find((candidate) => candidate.id === messageId)
    if (!message) throw new AuraError('not_found', words('chat.messageMissing'))
    return message
  }

  /** A reply's tool calls as they are now (each change is one line: a call's state, result and time). */
  async setToolCalls(id: string, messageId: string, calls: MessageToolCall[]): Promise<void> {
    await this.change(await this.get(id), { t: 'tools', id: messageId, calls: structuredClone(calls) })
  }

  /** "Allow for this chat": the tool runs without asking in this chat from now on. */
  async allowTool(id: string, tool: string): Promise<void> {
    const conversation = await this.get(id)
    if (!conversation.allowedTools?.includes(tool)) await this.change(conversation, { t: 'allow', tool })
  }

  /** Sets (or, with null, removes) the user's rating of a reply; returns it and the rating it had. */
  async rate(id: string, messageId: string, rating: Rating | null): Promise<{ message: Message; previous: Rating | null }> {
    const conversation = await this.get(id)
    const message = written(conversation).find((candidate) => candidate.id === messageId && candidate.role === 'assistant')
    if (!message) throw new AuraError('not_found', words('chat.cannotRate'))
    const previous = message.rating ?? null
    if (previous !== rating) await this.change(conversation, { t: 'rate', id: messageId, rating, at: this.clock.now() })
    return { message, previous }
  }

  /** Removes a message with every message after it (in all their versions); the newest other version of it is shown in its place. */
  async dropMessage(id: string, messageId: string): Promise<Conversation> {
    const conversation = await this.get(id)
    if (!written(conversation).some((message) => message.id === messageId)) throw new AuraError('not_found', words('chat.messageGone'))
    await this.change(conversation, { t: 'drop', id: messageId, at: this.clock.now() })
    return conversation
  }

  /** Waits for every pending write (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.writes.values()].map((write) => write.catch(() => {})))
  }

  private ensureDir(): Promise<unknown> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE })
    return this.ready
  }

  /** Every conversation on disk now, each read again if its file changed. */
  private async all(): Promise<Conversation[]> {
    await this.ensureDir()
    const ids = (await readdir(this.dir)).filter((name) => name.endsWith('.jsonl')).map((name) => name.slice(0, -'.jsonl'.length))
    const found: Conversation[] = []
    for (const id of ids.filter((candidate) => ID_PATTERN.test(candidate))) {
      const conversation = await this.refresh(id)
      if (conversation) found.push(conversation)
    }
    for (const id of this.entries.keys()) if (!ids.includes(id)) this.entries.delete(id)
    return found
  }

  /** The conversation as its file holds it now: this process's copy while the file is unchanged. */
  private async refresh(id: string): Promise<Conversation | null> {
    await this.ensureDir()
    const file = this.fileOf(id)
    // Stamp first: a write landing between the two only makes the next look read again.
    const stamp = await this.whenThere(id, async () => stampOf(await stat(file)))
    const cached = this.entries.get(id)
    if (stamp !== null && cached?.stamp === stamp) return cached.conversation
    const text = stamp === null ? null : await this.whenThere(id, () => readFile(file, 'utf8'))
    if (stamp === null || text === null) return null
    const { conversation, clean } = replay(text)
    if (!conversation) {
      if (!this.skipped.has(file)) this.onDamaged(file)
      this.skipped.add(file)
      this.entries.delete(id)
      return null
    }
    if (clean && conversation.id === id) return this.keep(id, conversation, stamp)
    // A torn or damaged line, or a damaged header: repaired from the file as it is under the lock.
    try {
      return await this.queue(id, () => withLock(file, 'files.whatConversation', () => this.compact(id)))
    } catch {
      // Busy elsewhere: show what could be read, and try the repair again next time.
      conversation.id = id
      return this.keep(id, conversation, 'unrepaired')
    }
  }

  private keep(id: string, conversation: Conversation, stamp: string): Conversation {
    for (const message of written(conversation)) {
      if (message.status !== 'streaming' || this.streaming.has(message.id)) continue
      message.status = 'interrupted'
      // A call that was waiting or running when the reply was cut off did not finish.
      for (const call of message.toolCalls ?? []) {
        if (call.state !== 'asking' && call.state !== 'running') continue
        call.state = 'stopped'
        delete call.askId
      }
    }
    this.entries.set(id, { conversation, stamp })
    return conversation
  }

  /** Applies a change to this process's copy and appends it to the file. */
  private async change(conversation: Conversation, line: Line): Promise<void> {
    apply(conversation, line)
    await this.append(conversation.id, line, conversation)
  }

  /**
   * Appends one line under the file's lock; `not_found` when the file is gone (deleted). A torn
   * last line (a process died mid-write) is repaired first, so this one is not glued onto it.
   */
  private append(id: string, line: Line, appliedTo: Conversation | undefined): Promise<void> {
    const file = this.fileOf(id)
    return this.queue(id, () =>
      withLock(file, 'files.whatConversation', async () => {
        if (!(await endsWithNewline(file))) await this.compact(id)
        let handle: FileHandle
        try {
          handle = await open(file, constants.O_WRONLY | constants.O_APPEND)
        } catch (error) {
          throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? gone() : error
        }
        try {
          const before = stampOf(await handle.stat())
          await handle.appendFile(JSON.stringify(line) + '\n')
          // Nobody wrote since our copy was read, and the line is in our copy: it is still current.
          const entry = this.entries.get(id)
          if (entry && entry.conversation === appliedTo && entry.stamp === before) entry.stamp = stampOf(await handle.stat())
        } finally {
          await handle.close()
        }
      }),
    )
  }

  /**
   * Rewrites the file compactly from what it holds now (hold its lock): drops torn and damaged
   * lines (keeping a copy of damaged ones first) and takes the id from the file's name.
   */
  private async compact(id: string): Promise<Conversation | null> {
    const file = this.fileOf(id)
    const text = await this.whenThere(id, () => readFile(file, 'utf8'))
    if (text === null) return null
    const { conversation, damagedLines } = replay(text)
    if (!conversation) return null
    if (damagedLines > 0) {
      const backup = `${file}.damaged-${this.clock.now()}`
      await copyFile(file, backup)
      this.onDamaged(file, backup)
    }
    conversation.id = id
    const temp = `${file}.${process.pid}.tmp`
    await writeFile(temp, compact(conversation), { flush: true, mode: PRIVATE_FILE_MODE })
    await rename(temp, file)
    return this.keep(id, conversation, stampOf(await stat(file)))
  }

  /** What `read` gives, or null (and the copy forgotten) when the conversation's file is gone. */
  private async whenThere<T>(id: string, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.entries.delete(id)
      return null
    }
  }

  private fileOf(id: string): string {
    return join(this.dir, `${id}.jsonl`)
  }

  /** Runs file operations for one conversation strictly in order, in this process. */
  private queue<T>(id: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.writes.get(id) ?? Promise.resolve()
    const next = previous.catch(() => {}).then(operation)
    this.writes.set(id, next)
    return next
  }
}

function gone(): AuraError {
  return new AuraError('not_found', words('chat.conversationGone'))
}

/** Whether the file is empty or ends a line (a torn write does not); a missing file counts as whole. */
async function endsWithNewline(file: string): Promise<boolean> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch {
    return true
  }
  try {
    const { size } = await handle.stat()
    if (size === 0) return true
    const last = Buffer.alloc(1)
    await handle.read(last, 0, 1, size - 1)
    return last[0] === 0x0a
  } finally {
    await handle.close()
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
