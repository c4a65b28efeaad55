import { randomUUID } from 'node:crypto'
import { AuraError, type MessageToolCall } from '../../../shared/api'
import { say, words } from '../../../shared/i18n'
import type { ChatTurn, ToolCall, ToolDefinition } from '../engine/inferenceEngine'
import type { EventHub } from '../events'
import type { Toolbox, ToolEntry, ToolOutcome } from '../mcp/toolbox'
import type { Logger } from '../ports'
import type { ConversationStore } from './conversationStore'

/**
 * The tool side of a chat reply (docs/tools.md "Tools in a chat"): runs the calls a model makes,
 * each asked of the user first unless its permission or the chat allows it, and words each outcome
 * as the text that goes back to the model.
 */

/** Rounds of tool calls one reply may make; a model that asks for more is stopped, and the reply says so. */
export const TOOL_STEP_LIMIT = 8

/** The user's answer to an ask: no; this call; this chat; always (the tool's permission). */
export type ToolAnswer = 'deny' | 'once' | 'chat' | 'always'

/** What goes back to the model when a call did not run. */
const DENIED = 'The user did not allow this tool call. Do not call it again; answer without it, or say what you would need.'
const STOPPED = 'The user stopped the reply before this tool call finished.'

/**
 * Where a call's arguments hold a number JSON cannot carry, or null. A local model's number grammar
 * allows a 16-digit exponent, so "1e99999" parses to Infinity, which JSON would send as `null`: the
 * tool would get a value the model never wrote.
 */
export function unsendableNumber(value: unknown, at = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : at || '/'
  if (typeof value !== 'object' || value === null) return null
  for (const [key, item] of Object.entries(value)) {
    const found = unsendableNumber(item, `${at}/${key}`)
    if (found) return found
  }
  return null
}

/** The tools offered to a model, as the engine and the cloud take them. */
export function toolDefinitions(entries: ToolEntry[]): ToolDefinition[] {
  return entries.map((entry) => ({ name: entry.name, description: entry.description, parameters: entry.inputSchema }))
}

/** The words a reply ends with when its model asked for more rounds of tools than one reply may make. */
export function stepLimitNote(): string {
  return say('chat.toolStepLimit', { count: TOOL_STEP_LIMIT })
}

/** One reply's calls: where they are kept and what may stop them. */
export interface ToolReply {
  conversationId: string
  messageId: string
  signal: AbortSignal
  /** The tools offered to this reply. */
  tools: ToolEntry[]
  /** The message's calls so far (this run appends to it). */
  calls: MessageToolCall[]
}

export class ToolCalls {
  /** Asks waiting for the user, by ask id. */
  private readonly asks = new Map<string, (answer: ToolAnswer) => void>()

  constructor(private readonly deps: { toolbox: Toolbox; conversations: ConversationStore; events: EventHub; logger: Logger }) {}

  /** The user's answer to an ask (`chat.answerTool`). */
  answer(askId: string, answer: ToolAnswer): void {
    const settle = this.asks.get(askId)
    if (!settle) throw new AuraError('not_found', words('chat.toolAnswerGone'))
    this.asks.delete(askId)
    settle(answer)
  }

  /** Runs one round of the model's calls in order; returns their results as the turns the model reads next. */
  async run(reply: ToolReply, requested: ToolCall[]): Promise<ChatTurn[]> {
    const turns: ChatTurn[] = []
    for (const call of requested) {
      const record = await this.one(reply, call)
      turns.push({ role: 'tool', toolCallId: call.id, name: call.name, content: record.result ?? '' })
    }
    return turns
  }

  private async one(reply: ToolReply, call: ToolCall): Promise<MessageToolCall> {
    const entry = reply.tools.find((tool) => tool.name === call.name)
    const record: MessageToolCall = { id: call.id, server: entry?.server ?? '', tool: entry?.tool ?? call.name, args: call.arguments, state: 'running', result: null, truncated: false, ms: null }
    reply.calls.push(record)
    if (!entry) return this.end(reply, record, 'failed', `There is no tool named "${call.name}". The tools are: ${reply.tools.map((tool) => tool.name).join(', ')}.`)
    if (reply.signal.aborted) return this.end(reply, record, 'stopped', STOPPED)
    const unsendable = unsendableNumber(call.arguments)
    if (unsendable) {
      // Nothing to ask about: the call cannot be sent as written. The model hears why and may call again.
      return this.end(reply, record, 'failed', `The argument at ${unsendable} is a number too large to send (write it with fewer digits). The tool was not called.`)
    }
    const allowed = entry.permission === 'always' || (await this.deps.conversations.get(reply.conversationId)).allowedTools?.includes(entry.name) === true
    if (!allowed) {
      const answer = await this.ask(reply, record)
      if (answer === null) return this.end(reply, record, 'stopped', STOPPED)
      if (answer === 'deny') return this.end(reply, record, 'denied', DENIED)
      if (answer === 'chat') await this.deps.conversations.allowTool(reply.conversationId, entry.name)
      if (answer === 'always') {
        // The call runs all the same: the yes was given, only its remembering failed.
        await this.deps.toolbox.setPermission(entry.name, 'always').catch((error: unknown) => this.deps.logger.warn('Could not remember "Always allow"', { error: String(error) }))
      }
    }
    record.state = 'running'
    await this.show(reply, record)
    const outcome = await this.deps.toolbox.call(entry.name, call.arguments, reply.signal).catch((error: unknown): ToolOutcome => {
      // The contract says a call never throws; if one does, the model still gets an answer and the reply ends.
      this.deps.logger.error('A tool call threw', { tool: entry.name, error: String(error) })
      return { ok: false, text: `The tool "${entry.tool}" stopped with an unexpected error.`, truncated: false, ms: 0 }
    })
    record.truncated = outcome.truncated
    record.ms = outcome.ms
    if (reply.signal.aborted) return this.end(reply, record, 'stopped', STOPPED)
    return this.end(reply, record, outcome.ok ? 'done' : 'failed', outcome.text)
  }

  /** Shows the call as waiting for the user; resolves with their answer, or null when the reply is stopped first. */
  private async ask(reply: ToolReply, record: MessageToolCall): Promise<ToolAnswer | null> {
    const askId = randomUUID()
    Object.assign(record, { state: 'asking', askId })
    let stopped = () => {}
    const answer = new Promise<ToolAnswer | null>((resolve) => {
      this.asks.set(askId, resolve)
      stopped = () => resolve(null)
      if (reply.signal.aborted) stopped()
      else reply.signal.addEventListener('abort', stopped, { once: true })
    })
    await this.show(reply, record)
    const given = await answer
    reply.signal.removeEventListener('abort', stopped)
    this.asks.delete(askId)
    delete record.askId
    return given
  }

  private async end(reply: ToolReply, record: MessageToolCall, state: MessageToolCall['state'], result: string): Promise<MessageToolCall> {
    Object.assign(record, { state, result })
    await this.show(reply, record)
    return record
  }

  /** Keeps the message's calls on disk and tells the page about this one. */
  private async show(reply: ToolReply, record: MessageToolCall): Promise<void> {
    await this.deps.conversations.setToolCalls(reply.conversationId, reply.messageId, reply.calls)
    this.deps.events.emit('chat.tool', { conversationId: reply.conversationId, messageId: reply.messageId, call: structuredClone(record) })
  }
}
