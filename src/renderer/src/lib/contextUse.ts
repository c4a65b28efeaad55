import type { Attachment, InstalledModel, Message } from '../api'
import { promptText } from '../../../shared/attachments'
import { estimateTokens } from '../../../shared/units'
import { i18n, locale } from '../i18n'
import { isUsable } from '../stores/models'
import { formatNumber } from './format'
import type { ChatModel } from './useModel'

/** Each message's turn markers in the prompt (role, separators): a few tokens, counted so a long chat is not underestimated. */
const TOKENS_PER_MESSAGE = 4

/** How much a model can read at once, and whose window it is. */
export interface ContextWindow {
  tokens: number
  /** Auto: the window of the largest local model it may use (it moves a long chat there). */
  auto: boolean
}

/**
 * The chosen model's window: a local model's is its context size in Settings (never more than the
 * model was trained on), as the engine loads it; a cloud model's is the provider's. Null when unknown.
 */
export function contextWindow(model: ChatModel | null, contextSize: number, local: readonly InstalledModel[]): ContextWindow | null {
  const localWindow = (m: InstalledModel) => Math.min(contextSize, m.contextLength ?? contextSize)
  if (!model) return null
  if (model.kind === 'local') return { tokens: localWindow(model.local), auto: false }
  if (model.kind === 'cloud') return model.cloud?.contextWindow ? { tokens: model.cloud.contextWindow, auto: false } : null
  const usable = local.filter((m) => isUsable(m) && !m.embedding)
  return usable.length ? { tokens: Math.max(...usable.map(localWindow)), auto: true } : null
}

/** Estimated tokens of the chat as the next prompt holds it: its instructions, earlier turns (answers, not thoughts), the draft and its files. */
export function chatTokens(messages: readonly Message[], draft: string, files: readonly Attachment[], instructions = ''): number {
  let tokens = instructions.trim() ? estimateTokens(instructions.trim()) + TOKENS_PER_MESSAGE : 0
  for (const message of messages) {
    if (message.role === 'assistant' && (message.status === 'error' || message.content.trim() === '')) continue
    tokens += estimateTokens(message.role === 'user' ? promptText(message.content, message.attachments) : message.content) + TOKENS_PER_MESSAGE
  }
  if (draft.trim() || files.length) tokens += estimateTokens(promptText(draft, files)) + TOKENS_PER_MESSAGE
  return tokens
}

export interface ContextUse {
  tokens: number
  window: ContextWindow
  /** 0–100+, rounded: more than 100 when the chat no longer fits. */
  percent: number
  /** What the gauge says, in plain words. */
  words: string
  /** Its numbers and what happens when a chat outgrows the window (the tooltip). */
  detail: string
}

/** "Uses about 40% of what this model can read at once". */
export function contextUse(tokens: number, window: ContextWindow): ContextUse {
  const percent = Math.round((tokens / window.tokens) * 100)
  const t = i18n.t
  const share = percent < 1 && tokens > 0 ? t('message.lessThanOne') : t('message.aboutPercent', { percent: (percent / 100).toLocaleString(locale(), { style: 'percent' }) })
  const words = percent > 100 ? t('message.tooLong') : window.auto ? t('message.usesAuto', { share }) : t('message.uses', { share })
  const detail =
    t('message.windowDetail', { tokens: formatNumber(tokens), window: formatNumber(window.tokens) }) + (window.auto ? ` ${t('message.windowDetailAuto')}` : '')
  return { tokens, window, percent, words, detail }
}

/** A file too long for the model on its own: the words to say so, or null when it fits. */
export function fileTooLong(file: Attachment, window: ContextWindow | null, modelName: string): string | null {
  if (!window) return null
  const tokens = estimateTokens(promptText('', [file]))
  // The engine keeps an eighth of the window for the reply: a file must leave room for it and the question.
  const room = Math.floor(window.tokens * 0.85)
  if (tokens <= room) return null
  const sizes = { name: file.name, tokens: formatNumber(tokens), window: formatNumber(window.tokens) }
  return window.auto ? i18n.t('message.fileTooLongAuto', sizes) : i18n.t('message.fileTooLong', { ...sizes, model: modelName })
}
