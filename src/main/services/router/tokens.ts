import { estimateTokens } from '../../../shared/units'
import type { RouteRequest } from './types'

/** Chat templates wrap every turn in role markers. */
const TOKENS_PER_TURN = 4

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
