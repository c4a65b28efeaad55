import type { ChatHistoryItem, LlamaChat } from 'node-llama-cpp'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'

/** What `prompt_too_long` carries, for the page and for an API to word its own error. */
export interface PromptTooLongData {
  modelId: string
  /** Tokens of what cannot be left out: the system prompt and the last message. */
  promptTokens: number
  /** The model's window as loaded (the context size per conversation). */
  contextTokens: number
  /** Tokens kept free for the start of the reply. */
  replyTokens: number
}

export interface PromptFitRequest {
  modelId: string
  modelName: string
  contextTokens: number
  maxTokens: number
  /**
   * The previous reply's prompt, as read (`history`, after leaving out `leftOut` messages): when this
   * request continues it, the same messages stay out while the rest fits, so the prompt starts the
   * same and what was read is reused.
   */
  previous: { history: readonly ChatHistoryItem[]; leftOut: number } | null
}

/** After leaving out older turns, the prompt is cut to this share of the room, leaving space for a few more turns before the next cut. */
const REFILL_SHARE = 0.75

/**
 * The conversation as the model will read it: whole, when it fits the window with room to start a
 * reply; else without its oldest turns (never the first system message, the instructions, nor the
 * last turn, the question), starting at a user's message. node-llama-cpp's own context shift would
 * do this too, but it cuts by estimated characters, and on a long conversation it left out the
 * question itself. A prompt whose instructions and question alone do not fit is refused before
 * anything is read: `prompt_too_long`, with the numbers as data.
 */
export function fitPrompt(chat: LlamaChat, history: readonly ChatHistoryItem[], request: PromptFitRequest): { history: ChatHistoryItem[]; leftOut: number } {
  const replyTokens = Math.min(request.maxTokens, Math.floor(request.contextTokens / 8))
  const room = request.contextTokens - replyTokens
  const tokens = (items: readonly ChatHistoryItem[]) => chat.chatWrapper.generateContextState({ chatHistory: [...items] }).contextText.tokenize(chat.model.tokenizer).length
  if (tokens(history) <= room) return { history: [...history], leftOut: 0 }

  const system = history[0]?.type === 'system' ? [history[0]] : []
  const turns = history.slice(system.length)
  // The last turn, with the empty reply after it when there is one: never left out.
  const last = turns.at(-1)?.type === 'model' && (turns.at(-1) as { response: unknown[] }).response.length === 0 ? 2 : 1
  const cuts: number[] = [] // where the prompt may start: at a user's message, oldest first
  for (let i = 1; i <= turns.length - last; i++) if (turns[i]?.type === 'user' || i === turns.length - last) cuts.push(i)
  const without = (leftOut: number) => [...system, ...turns.slice(leftOut)]

  const essential = tokens(without(turns.length - last))
  if (essential > room) {
    const data: PromptTooLongData = { modelId: request.modelId, promptTokens: essential, contextTokens: request.contextTokens, replyTokens }
    throw new AuraError(
      'prompt_too_long',
      words('engine.promptTooLong', { model: request.modelName, tokens: essential, room, reply: replyTokens }),
      data,
    )
  }
  const previous = request.previous
  if (previous && cuts.includes(previous.leftOut) && sameStart(without(previous.leftOut), previous.history) && tokens(without(previous.leftOut)) <= room) {
    return { history: without(previous.leftOut), leftOut: previous.leftOut }
  }
  // The fewest turns left out that bring the prompt under the refill share (else under the room).
  const target = Math.floor(room * REFILL_SHARE)
  const first = (limit: number) => {
    let lo = 0
    let hi = cuts.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tokens(without(cuts[mid] as number)) <= limit) hi = mid
      else lo = mid + 1
    }
    return cuts[lo] as number
  }
  const refill = first(target)
  const leftOut = tokens(without(refill)) <= target ? refill : first(room)
  return { history: without(leftOut), leftOut }
}

const text = (item: ChatHistoryItem): string =>
  item.type === 'model' ? item.response.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('') : JSON.stringify(item.text)

/** Whether two prompts start with the same first turn after the instructions (the same conversation, cut at the same place). */
function sameStart(a: readonly ChatHistoryItem[], b: readonly ChatHistoryItem[]): boolean {
  const first = (items: readonly ChatHistoryItem[]) => items.find((item, i) => !(i === 0 && item.type === 'system'))
  const x = first(a)
  const y = first(b)
  return x !== undefined && y !== undefined && x.type === y.type && text(x) === text(y)
}
