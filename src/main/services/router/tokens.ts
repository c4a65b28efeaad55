import type { RouteRequest } from './types'

/** Roughly four characters a token in English text and code: close enough to route, cheap to compute. */
const CHARS_PER_TOKEN = 4
/** Chat templates wrap every turn in role markers. */
const TOKENS_PER_TURN = 4

/** Estimated tokens in a text: ⌈length / 4⌉, at least 1 for any non-empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / CHARS_PER_TOKEN))
}

/** Estimated tokens in the earlier turns alone. */
export function historyTokens(request: RouteRequest): number {
  let total = 0
  for (const turn of request.history) total += estimateTokens(turn.content) + TOKENS_PER_TURN
  return total
}

/** Estimated tokens of the whole prompt the model will read: every earlier turn plus the new message. */
export function promptTokens(request: RouteRequest): number {
  return historyTokens(request) + estimateTokens(request.text) + TOKENS_PER_TURN
}
