import { AuraError, type AuraErrorShape, type InstalledModel, type Message } from '../../../shared/api'
import type { EventHub } from '../events'
import type { ChatTurn, GenerateResult, InferenceEngine } from '../inference/engine'
import type { CloudGenerateRequest } from '../providers/types'
import type { Logger } from '../ports'
import type { SettingsService } from '../settings/settingsService'
import { DEFAULT_TITLE, type ConversationStore } from './conversationStore'

/** How often streamed text is sent to the page: about once per frame, never once per token. */
export const STREAM_BATCH_MS = 16
const TITLE_LENGTH = 60

interface ModelResolver {
  resolve(idOrPath: string): Promise<InstalledModel>
}

/** Cloud replies (providers with the user's keys), told apart from local models by their id. */
interface CloudReplies {
  isCloudModel(modelId: string): boolean
  generate(request: CloudGenerateRequest): Promise<GenerateResult>
}

interface Deps {
  cloud?: CloudReplies
  conversations: ConversationStore
  models: ModelResolver
  engine: InferenceEngine
  settings: SettingsService
  events: EventHub
  logger: Logger
}

/** Runs replies: saves the turn, streams the model's text to the page and to disk, stops on request. */
export class ChatService {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>()

  constructor(private readonly deps: Deps) {}

  async send(input: { conversationId: string; text: string; modelId: string }): Promise<{ userMessage: Message; assistantMessage: Message }> {
    const { conversations, settings, events } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    const userMessage = await conversations.addMessage(conversation.id, { role: 'user', content: input.text, status: 'done', modelId: null })
    if (conversation.title === DEFAULT_TITLE) {
      events.emit('conversations.updated', await conversations.rename(conversation.id, titleFrom(input.text)))
    }
    await conversations.setModel(conversation.id, input.modelId)
    settings.update({ lastModelId: input.modelId })
    const assistantMessage = await this.reply(conversation.id, input.modelId)
    return { userMessage, assistantMessage }
  }

  async regenerate(input: { conversationId: string; modelId: string; loadAnyway?: boolean }): Promise<{ assistantMessage: Message }> {
    const { conversations } = this.deps
    const conversation = await conversations.get(input.conversationId)
    this.ensureIdle(conversation.id)
    const last = conversation.messages.at(-1)
    if (!last) throw new AuraError('invalid_input', 'There is nothing to answer yet: send a message first.')
    if (last.role === 'assistant') await conversations.dropMessage(conversation.id, last.id)
    await conversations.setModel(conversation.id, input.modelId)
    return { assistantMessage: await this.reply(conversation.id, input.modelId, input.loadAnyway ?? false) }
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

  private ensureIdle(conversationId: string): void {
    if (this.active.has(conversationId)) {
      throw new AuraError('busy', 'Aura is still answering in this chat. Stop the reply or wait for it to finish.')
    }
  }

  /** Adds an empty assistant message and starts streaming into it; returns at once. */
  private async reply(conversationId: string, modelId: string, loadAnyway = false): Promise<Message> {
    const { conversations } = this.deps
    const history = (await conversations.get(conversationId)).messages
    const message = await conversations.addMessage(conversationId, { role: 'assistant', content: '', status: 'streaming', modelId })
    const controller = new AbortController()
    const done = this.run(conversationId, message.id, modelId, toTurns(history), controller.signal, loadAnyway)
      // The conversation may have been deleted mid-reply: nothing left to save.
      .catch((error: unknown) => this.deps.logger.warn('A reply could not be saved', { error: String(error) }))
      .finally(() => this.active.delete(conversationId))
    this.active.set(conversationId, { controller, done })
    return { ...message }
  }

  private async run(conversationId: string, messageId: string, modelId: string, turns: ChatTurn[], signal: AbortSignal, loadAnyway: boolean): Promise<void> {
    const { conversations, models, engine, settings, events, logger } = this.deps
    let pending = ''
    let timer: ReturnType<typeof setTimeout> | null = null
    let streamed = ''
    const flush = () => {
      if (timer) clearTimeout(timer)
      timer = null
      if (!pending) return
      const text = pending
      pending = ''
      events.emit('chat.delta', { conversationId, messageId, text })
      conversations.appendText(conversationId, messageId, text).catch((error: unknown) => logger.error('Could not save streamed text', { error: String(error) }))
    }

    const onText = (text: string) => {
      streamed += text
      pending += text
      timer ??= setTimeout(flush, STREAM_BATCH_MS)
    }
    let end: { status: Message['status']; content: string; error?: AuraErrorShape; stats?: Message['stats'] }
    try {
      const { threads, contextSize, maxTokens, temperature } = settings.get()
      let result: GenerateResult
      if (this.deps.cloud?.isCloudModel(modelId)) {
        result = await this.deps.cloud.generate({ model: modelId, messages: turns, maxTokens, temperature, signal, onText })
      } else {
        const model = await models.resolve(modelId)
        result = await engine.generate({ model: { id: model.id, file: model.file }, messages: turns, maxTokens, temperature, threads, contextSize, loadAnyway, signal, onText })
        // Local replies are free: say so rather than leave the cost unknown.
        result.stats.costUsd = 0
      }
      end = { status: result.stopReason === 'aborted' ? 'stopped' : 'done', content: result.text, stats: result.stats }
    } catch (error) {
      const shape = error instanceof AuraError ? error.toShape() : unexpected(error)
      if (!(error instanceof AuraError)) logger.error('Reply failed', { error: String(error) })
      end = { status: signal.aborted ? 'stopped' : 'error', content: streamed, error: signal.aborted ? undefined : shape }
    }
    flush()
    const message = await conversations.endMessage(conversationId, messageId, end)
    events.emit('chat.done', { conversationId, message: { ...message } })
    events.emit('conversations.updated', await conversations.summary(conversationId))
  }
}

/** The history a model sees: finished turns only, no failed or empty replies. */
function toTurns(messages: Message[]): ChatTurn[] {
  return messages
    .filter((message) => message.role === 'user' || (message.status !== 'error' && message.content.trim() !== ''))
    .map((message) => ({ role: message.role, content: message.content }))
}

function titleFrom(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= TITLE_LENGTH ? flat : `${flat.slice(0, TITLE_LENGTH - 1).trimEnd()}…`
}

function unexpected(error: unknown): AuraErrorShape {
  const detail = error instanceof Error ? error.message : String(error)
  return { code: 'generation_failed', message: `The model stopped with an unexpected error (${detail}). Try again, or pick another model.` }
}
