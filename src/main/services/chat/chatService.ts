import { AuraError, type Attachment, type Complexity, type Conversation, type GenerationStats, type Message, type MessageRoute, type MessageToolCall, type TaskType, type Thoughts, type Tier } from '../../../shared/api'
import { say, words } from '../../../shared/i18n'
import { promptText } from '../../../shared/attachments'
import { formatMoney } from '../../../shared/money'
import type { EventHub } from '../events'
import type { ChatTurn } from '../engine/inferenceEngine'
import type { Toolbox, ToolEntry } from '../mcp/toolbox'
import type { Logger } from '../ports'
import type { RouteRequest, RouteScope } from '../router/types'
import type { SettingsService } from '../settings/settingsService'
import { startRoute, tierOf, type Attempts, type CloudReplies, type Outcome, type Plan, type RunHooks } from './attempts'
import { DEFAULT_TITLE, type ConversationStore } from './conversationStore'
import type { ChatSources, SourcedPlan } from './documents'
import { stepLimitNote, TOOL_STEP_LIMIT, toolDefinitions, ToolCalls, type ToolAnswer } from './toolCalls'

/** How often streamed text is sent to the page: about once per frame, never once per token. */
export const STREAM_BATCH_MS = 16
const TITLE_LENGTH = 60

/**
 * What a reply tells the rest of Aura about the user's judgement. `escalated`: the user asked a
 * stronger model than the tier that answered ("Try a stronger model"). Feedback learning listens.
 */
export interface ReplySignal {
  kind: 'escalated'
  conversationId: string
  messageId: string
  taskType: TaskType | null
  /** The request's size as Auto saw it when the earlier answer was made (null when unknown). */
  complexity: Complexity | null
  /** The tier and model whose answer the user found wanting, and the tier asked instead. */
  fromTier: Tier
  fromModelId: string | null
  toTier: Tier
}

interface Deps {
  /** The fallback loop, shared with the CLI. */
  attempts: Attempts
  cloud: Pick<CloudReplies, 'isCloudModel'>
  conversations: ConversationStore
  settings: SettingsService
  events: EventHub
  logger: Logger
  /** The MCP servers' tools (absent: replies offer no tools). */
  toolbox?: Toolbox
  /** The chat's documents: sources for each turn, and the chat kept local (absent: none). */
  documents?: ChatSources
}

/**
 * Runs replies: routes each one (Auto, Local only, or the model the user picked), saves the turn,
 * streams the model's text to the page and to disk through the shared fallback loop (attempts.ts),
 * re-asks a stronger model on request, and stops on request.
 */
export class ChatService {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>()
  private readonly attempts: Attempts
  private readonly signalListeners = new Set<(signal: ReplySignal) => void>()
  private readonly toolCalls: ToolCalls | null

  constructor(private readonly deps: Deps) {
    this.attempts = deps.attempts
    this.toolCalls = deps.toolbox ? new ToolCalls({ toolbox: deps.toolbox, conversations: deps.conversations, events: deps.events, logger: deps.logger }) : null
  }

  /** The user's answer to a tool call waiting for permission. */
  answerTool(input: { askId: string; answer: ToolAnswer }): Record<string, never> {
    if (!this.toolCalls) throw new AuraError('not_found', words('chat.toolAnswerGone'))
    this.toolCalls.answer(input.askId, input.answer)
    return {}
  }

  /** The tools a reply may offer now (none without a toolbox, or when it cannot list them). */
  private async offered(): Promise<ToolEntry[]> {
    try {
      return (await this.deps.toolbox?.tools()) ?? []
    } catch (error) {
      this.deps.logger.warn('Could not list the tools; the reply offers none', { error: String(error) })
      return []
    }
  }

  /** The request as Auto reads it: with tools on offer, only a model that can call them may answer. */
  private async withTools<R extends RouteRequest>(request: R): Promise<{ request: R; tools: ToolEntry[] }> {
    const tools = await this.offered()
    return { request: tools.length > 0 ? { ...request, needsTools: true } : request, tools }
  }

  /** The plan for a turn: with the chat's documents as sources, kept local unless the user allowed the cloud. */
  private planned(conversation: Conversation, request: RouteRequest, plan: (request: RouteRequest, scope?: RouteScope) => Promise<Plan>): Promise<SourcedPlan> {
    return this.deps.documents ? this.deps.documents.plan(conversation, request, plan) : plan(request)
  }

  /** The one place reply signals come out (see {@link ReplySignal}); returns the unsubscribe. */
  onSignal(listener: (signal: ReplySignal) => void): () => void {
    this.signalListeners.add(listener)
    return () => this.signalListeners.delete(listener)
  }

  async send(input: { conversationId: string; text: string; modelId: string; confirmCost?: boolean; attachments?: Attachment[] }): Promise<{ userMessage: Message; assistantMessage: Message }> {
    const { conversations, settings, events } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    const attachments = input.attachments?.length ? input.attachments : undefined
    // Routing (and its refusals: budget, cost to confirm, nothing to answer) comes before anything is saved.
    const { request, tools } = await this.withTools({ text: promptText(input.text, attachments), history: historyOf(conversation, conversation.messages) })
    const plan = this.confirmed(await this.planned(conversation, request, (r, scope) => this.attempts.plan(r, input.modelId, scope)), input.confirmCost ?? false)
    const userMessage = await conversations.addMessage(conversation.id, { role: 'user', content: input.text, status: 'done', modelId: null, ...(attachments && { attachments }) })
    if (conversation.title === DEFAULT_TITLE) {
      events.emit('conversations.updated', await conversations.rename(conversation.id, titleFrom(input.text)))
    }
    await conversations.setModel(conversation.id, input.modelId)
    settings.update({ lastModelId: input.modelId })
    // A new turn, not a version: the reply follows the end of the chat (another process may have added a turn since).
    const assistantMessage = await this.reply(conversation.id, undefined, plan, tools, false)
    return { userMessage, assistantMessage }
  }

  /**
   * Writes a reply again (the last one, or `messageId`): the new version is shown after the same
   * question, and the earlier one stays, with its own route and stats, one ‹ › away.
   */
  async regenerate(input: { conversationId: string; modelId: string; messageId?: string; loadAnyway?: boolean; confirmCost?: boolean }): Promise<{ assistantMessage: Message }> {
    const { conversations } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    const index = input.messageId === undefined ? conversation.messages.length - 1 : conversation.messages.findIndex((m) => m.id === input.messageId)
    const target = conversation.messages[index]
    if (!target) throw new AuraError(input.messageId === undefined ? 'invalid_input' : 'not_found', words(input.messageId === undefined ? 'chat.nothingToAnswer' : 'chat.replyGone'))
    // A reply is written again after its question; a question left without a reply gets one.
    const before = target.role === 'assistant' ? conversation.messages.slice(0, index) : conversation.messages.slice(0, index + 1)
    const question = before.at(-1)
    const { request, tools } = await this.withTools(requestBefore(conversation, before))
    const plan = this.confirmed(await this.planned(conversation, request, (r, scope) => this.attempts.plan(r, input.modelId, scope)), input.confirmCost ?? false)
    await conversations.setModel(conversation.id, input.modelId)
    return { assistantMessage: await this.reply(conversation.id, question!.id, plan, tools, input.loadAnyway ?? false) }
  }

  /**
   * Sends an edited copy of a message the user wrote, in its place: a new version of that turn
   * with its own reply. The earlier message and everything after it stay, one ‹ › away.
   */
  async edit(input: { conversationId: string; messageId: string; text: string; modelId: string; confirmCost?: boolean }): Promise<{ userMessage: Message; assistantMessage: Message }> {
    const { conversations, settings } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    const index = conversation.messages.findIndex((m) => m.id === input.messageId)
    const original = conversation.messages[index]
    if (!original || original.role !== 'user') throw new AuraError('not_found', words('chat.messageGone'))
    const before = conversation.messages.slice(0, index)
    // The files attached to the message stay attached to its edited copy.
    const attachments = original.attachments?.length ? original.attachments : undefined
    const { request, tools } = await this.withTools({ text: promptText(input.text, attachments), history: historyOf(conversation, before) })
    const plan = this.confirmed(await this.planned(conversation, request, (r, scope) => this.attempts.plan(r, input.modelId, scope)), input.confirmCost ?? false)
    const userMessage = await conversations.addMessage(conversation.id, { role: 'user', content: input.text, status: 'done', modelId: null, parentId: original.parentId ?? null, ...(attachments && { attachments }) })
    await conversations.setModel(conversation.id, input.modelId)
    settings.update({ lastModelId: input.modelId })
    const assistantMessage = await this.reply(conversation.id, userMessage.id, plan, tools, false)
    return { userMessage, assistantMessage }
  }

  /** Shows another version of a turn (not while a reply is being written). */
  async showVersion(input: { conversationId: string; messageId: string }): Promise<Conversation> {
    this.ensureIdle(input.conversationId)
    return this.changed(await this.deps.conversations.showVersion(input.conversationId, input.messageId))
  }

  /** Deletes a message with the messages after it in its branch (not while a reply is being written). */
  async deleteMessage(input: { conversationId: string; messageId: string }): Promise<Conversation> {
    this.ensureIdle(input.conversationId)
    return this.changed(await this.deps.conversations.dropMessage(input.conversationId, input.messageId))
  }

  /** The branch shown changed: the list learns its new count and last message. */
  private async changed(conversation: Conversation): Promise<Conversation> {
    this.deps.events.emit('conversations.updated', await this.deps.conversations.summary(conversation.id))
    return conversation
  }

  /**
   * "Try a stronger model": asks the same question again of the next stronger candidate than the one
   * that answered (local-fast → local-quality → cloud, within Local only, the budget and the keys).
   * The reply keeps its place; the earlier answer stays with it, set aside and folded.
   */
  async escalate(input: { conversationId: string; messageId: string; confirmCost?: boolean }): Promise<{ assistantMessage: Message }> {
    const { conversations, events, cloud } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    const index = conversation.messages.findIndex((m) => m.id === input.messageId)
    const earlier = conversation.messages[index]
    if (!earlier || earlier.role !== 'assistant') throw new AuraError('not_found', words('chat.replyGone'))
    const fromTier = tierOf(earlier.route, earlier.modelId !== null && cloud.isCloudModel(earlier.modelId))
    const { request, tools } = await this.withTools(requestBefore(conversation, conversation.messages.slice(0, index)))
    const plan = this.confirmed(await this.planned(conversation, request, (r, scope) => this.attempts.strongerPlan(r, fromTier, scope)), input.confirmCost ?? false)
    const route = startRoute(plan)
    const failed = earlier.status === 'error'
    route.reason = say(plan.chain[0]!.tier === 'cloud' ? 'chat.strongerCloud' : 'chat.strongerLocal', { model: plan.chain[0]!.modelName })
    route.attempts = [
      ...(earlier.route?.attempts ?? []),
      {
        modelId: earlier.modelId ?? '',
        tier: fromTier,
        outcome: failed ? 'failed' : 'escalated',
        note: failed ? (earlier.error?.message ?? say('chat.didNotFinish')) : say('chat.youAskedStronger'),
        text: earlier.content,
        confidence: earlier.route?.confidence ?? null,
      },
    ]
    // Read before the restart, which rewrites the message in place.
    const signal: ReplySignal = {
      kind: 'escalated',
      conversationId: conversation.id,
      messageId: earlier.id,
      taskType: earlier.route?.taskType ?? plan.decision.taskType,
      complexity: earlier.route?.complexity ?? null,
      fromTier,
      fromModelId: earlier.modelId,
      toTier: plan.chain[0]!.tier,
    }
    const message = await conversations.restartMessage(conversation.id, earlier.id, plan.chain[0]!.modelId, route)
    events.emit('chat.route', { conversationId: conversation.id, messageId: message.id, modelId: message.modelId!, route: structuredClone(route) })
    this.signal(signal)
    this.start(conversation.id, message.id, plan, route, tools, false)
    return { assistantMessage: { ...message } }
  }

  stop(conversationId: string): { stopped: boolean } {
    const run = this.active.get(conversationId)
    run?.controller.abort()
    return { stopped: Boolean(run) }
  }

  async dispose(): Promise<void> {
    const runs = [...this.active.values()]
    for (const run of runs) run.controller.abort()
    await Promise.all(runs.map((run) => run.done))
  }

  private signal(signal: ReplySignal): void {
    for (const listener of this.signalListeners) {
      try {
        listener(signal)
      } catch (error) {
        this.deps.logger.warn('A reply signal listener failed', { error: String(error) })
      }
    }
  }

  private ensureIdle(conversationId: string): void {
    if (this.active.has(conversationId)) {
      throw new AuraError('busy', words('chat.busy'))
    }
  }

  /** A plan whose first model costs more than the user's "ask first" amount needs their yes (before anything is saved). */
  private confirmed<P extends Plan>(plan: P, confirmCost: boolean): P {
    const settings = this.deps.settings.get()
    const first = plan.chain[0]!
    const estimate = first.tier === 'cloud' ? first.estimatedCostUsd : null
    if (!confirmCost && estimate !== null && settings.confirmCostAbove !== null && estimate * settings.currencyPerUsd > settings.confirmCostAbove) {
      throw new AuraError(
        'cost_confirmation_required',
        words('chat.confirmCost', { cost: formatMoney(estimate, settings), model: first.modelName, limit: formatMoney(settings.confirmCostAbove / settings.currencyPerUsd, settings) }),
        { estimateUsd: estimate, modelId: first.modelId, modelName: first.modelName },
      )
    }
    return plan
  }

  /** Adds an empty assistant message after `parentId` (none: at the end of the chat) and starts streaming into it; returns at once. */
  private async reply(conversationId: string, parentId: string | undefined, plan: SourcedPlan, tools: ToolEntry[], loadAnyway: boolean): Promise<Message> {
    const route = startRoute(plan)
    const { sources } = plan
    const message = await this.deps.conversations.addMessage(conversationId, { role: 'assistant', content: '', status: 'streaming', modelId: plan.chain[0]!.modelId, route, ...(parentId !== undefined && { parentId }), ...(sources && { sources }) })
    this.start(conversationId, message.id, plan, route, tools, loadAnyway)
    return { ...message }
  }

  private start(conversationId: string, messageId: string, plan: Plan, route: MessageRoute, tools: ToolEntry[], loadAnyway: boolean): void {
    const controller = new AbortController()
    const done = this.run(conversationId, messageId, plan, route, tools, controller.signal, loadAnyway)
      // The conversation may have been deleted mid-reply: nothing left to save.
      .catch((error: unknown) => this.deps.logger.warn('A reply could not be saved', { error: String(error) }))
      .finally(() => this.active.delete(conversationId))
    this.active.set(conversationId, { controller, done })
  }

  private async run(conversationId: string, messageId: string, plan: Plan, route: MessageRoute, tools: ToolEntry[], signal: AbortSignal, loadAnyway: boolean): Promise<void> {
    const { conversations, events } = this.deps
    const stream = new TextStream((text) => {
      events.emit('chat.delta', { conversationId, messageId, text })
      conversations.appendText(conversationId, messageId, text).catch((error: unknown) => this.deps.logger.error('Could not save streamed text', { error: String(error) }))
    })
    // The chat's own temperature (from its assistant), else the settings'.
    const temperature = (await conversations.get(conversationId)).temperature ?? undefined
    const thoughts = new ThoughtTimer()
    const thoughtStream = new TextStream((text) => events.emit('chat.thought', { conversationId, messageId, text }))
    // Text of the steps before this one: a later step's text starts on a new paragraph.
    let written = ''
    let stepText = ''
    const offer = tools.length > 0 ? { tools: toolDefinitions(tools) } : undefined
    const hooks: RunHooks = {
      signal,
      loadAnyway,
      temperature,
      conversationId,
      messageId,
      ...(offer && { reply: offer }),
      onText: (text) => {
        thoughts.answering()
        thoughtStream.flush()
        if (stepText === '' && written.trim() !== '' && text.trim() !== '') text = `\n\n${text.replace(/^\s+/, '')}`
        stepText += text
        stream.push(text)
      },
      onThought: (text) => {
        thoughts.add(text)
        thoughtStream.push(text)
      },
      onPhase: (phase) => {
        thoughtStream.flush()
        events.emit('chat.phase', { conversationId, messageId, phase })
      },
      onSwitch: async (modelId, moved) => {
        // The next model starts over: its own thoughts, if any, replace these.
        thoughts.reset()
        thoughtStream.flush()
        stream.flush()
        stepText = ''
        await conversations.rerouteMessage(conversationId, messageId, modelId, moved)
        events.emit('chat.route', { conversationId, messageId, modelId, route: moved })
      },
    }
    // A model that calls tools reads their results and goes on, up to TOOL_STEP_LIMIT rounds of calls.
    const calls: MessageToolCall[] = []
    let step = plan
    let stats: GenerationStats | undefined
    let end: Outcome
    for (let round = 0; ; round++) {
      stepText = ''
      end = await this.attempts.run(step, route, hooks)
      written += stepText
      stats = addStats(stats, end.stats)
      if (!this.toolCalls || end.status !== 'done' || end.stopReason !== 'tool_calls' || !end.toolCalls?.length) break
      if (round === TOOL_STEP_LIMIT) {
        const note = `${written.trim() ? '\n\n' : ''}${stepLimitNote()}`
        stream.push(note)
        written += note
        break
      }
      const results = await this.toolCalls.run({ conversationId, messageId, signal, tools, calls }, end.toolCalls)
      if (signal.aborted) {
        end = { ...end, status: 'stopped' }
        break
      }
      step = continued(step, end, results)
    }
    stream.flush()
    thoughtStream.flush()
    const kept = thoughts.result()
    const message = await conversations.endMessage(conversationId, messageId, { ...end, content: written, stats: stats ?? null, route: structuredClone(route), ...(kept && { thoughts: kept }) })
    events.emit('chat.done', { conversationId, message: { ...message } })
    events.emit('conversations.updated', await conversations.summary(conversationId))
  }
}

/** The next step of a reply that called tools: the same model reads its calls and their results. */
function continued(plan: Plan, end: Outcome, results: ChatTurn[]): Plan {
  const model = plan.chain.find((candidate) => candidate.modelId === end.modelId) ?? plan.chain[0]!
  const after: ChatTurn[] = [...(plan.request.after ?? []), { role: 'assistant', content: end.content, toolCalls: end.toolCalls! }, ...results]
  return { ...plan, chain: [model], request: { ...plan.request, after } }
}

/** A reply of several steps: tokens and cost add up; speed and time to first token are the last step's and the first's. */
function addStats(sum: GenerationStats | undefined, next: GenerationStats | null | undefined): GenerationStats | undefined {
  if (!sum || !next) return next ?? sum
  const add = (a: number | null | undefined, b: number | null | undefined) => (typeof a === 'number' || typeof b === 'number' ? (a ?? 0) + (b ?? 0) : a)
  return { ...next, tokens: sum.tokens + next.tokens, timeToFirstTokenMs: sum.timeToFirstTokenMs, inputTokens: add(sum.inputTokens, next.inputTokens), costUsd: add(sum.costUsd, next.costUsd), ...((sum.costEstimated || next.costEstimated) && { costEstimated: true }) }
}

/** Streamed text, sent on about once per frame. */
class TextStream {
  private pending = ''
  private timer: ReturnType<typeof setTimeout> | null = null
  private sentAt = Number.NEGATIVE_INFINITY

  constructor(private readonly send: (text: string) => void) {}

  /** Leading edge: a piece after a quiet spell (the reply's first, say) goes out at once; the rest at most every STREAM_BATCH_MS. */
  push(text: string): void {
    this.pending += text
    if (this.timer || !this.pending) return
    const wait = this.sentAt + STREAM_BATCH_MS - performance.now()
    if (wait <= 0) this.flush()
    else this.timer = setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.pending) return
    const text = this.pending
    this.pending = ''
    this.sentAt = performance.now()
    this.send(text)
  }
}

/** What a reasoning model thought, and for how long: from its first thought to the first word of its answer. */
class ThoughtTimer {
  private text = ''
  private startedAt: number | null = null
  private endedAt: number | null = null

  add(text: string): void {
    this.startedAt ??= performance.now()
    this.text += text
  }

  answering(): void {
    if (this.startedAt !== null) this.endedAt ??= performance.now()
  }

  reset(): void {
    this.text = ''
    this.startedAt = this.endedAt = null
  }

  result(): Thoughts | null {
    if (this.startedAt === null || this.text.trim() === '') return null
    return { text: this.text, ms: Math.round((this.endedAt ?? performance.now()) - this.startedAt) }
  }
}

/**
 * The history a model sees: finished turns only, no failed or empty replies; a user's files after
 * their words. A reply's thoughts are never part of it (only its answer is).
 */
function toTurns(messages: Message[]): ChatTurn[] {
  return messages
    .filter((message) => message.role === 'user' || (message.status !== 'error' && message.content.trim() !== ''))
    .map((message) => ({ role: message.role, content: message.role === 'user' ? promptText(message.content, message.attachments) : message.content }))
}

/** What a model reads of a chat before its next message: the chat's instructions, then `messages` (a part of the branch shown). */
export function historyOf(conversation: Pick<Conversation, 'instructions'>, messages: Message[]): ChatTurn[] {
  const instructions = conversation.instructions?.trim()
  return [...(instructions ? [{ role: 'system' as const, content: instructions }] : []), ...toTurns(messages)]
}

/** The question the last user message of `messages` asks, with the instructions and turns before it. */
function requestBefore(conversation: Conversation, messages: Message[]): RouteRequest {
  const turns = historyOf(conversation, messages)
  const question = turns.at(-1)
  if (!question || question.role !== 'user') throw new AuraError('invalid_input', words('chat.nothingToAnswer'))
  return { text: question.content, history: turns.slice(0, -1) }
}

function titleFrom(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= TITLE_LENGTH ? flat : `${flat.slice(0, TITLE_LENGTH - 1).trimEnd()}…`
}
