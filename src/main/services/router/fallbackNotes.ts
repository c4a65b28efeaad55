import type { AuraErrorShape, RouteCandidate } from '../../../shared/api'
import { currentLanguage, say, type Language, type MessageKey } from '../../../shared/i18n'

/** What went wrong with a model, in a few plain words, for the line under the reply. */
export function failureNote(error: AuraErrorShape, candidate: RouteCandidate, language: Language = currentLanguage()): string {
  return say(failureKey(error, candidate), { name: candidate.modelName }, language)
}

function failureKey(error: AuraErrorShape, candidate: RouteCandidate): MessageKey {
  if (candidate.tier !== 'cloud' && !candidate.server) {
    switch (error.code) {
      case 'model_too_big':
        return 'fallbacks.localTooBig'
      case 'model_invalid':
        return 'fallbacks.localDamaged'
      case 'model_load_failed':
        return 'fallbacks.localNotLoaded'
      case 'model_not_found':
        return 'fallbacks.localGone'
      default:
        return 'fallbacks.localFailed'
    }
  }
  if (error.code === 'unauthorized') return 'fallbacks.keyRefused'
  switch ((error.data as { reason?: string } | undefined)?.reason) {
    case 'rate_limited':
      return 'fallbacks.limiting'
    case 'no_credit':
      return 'fallbacks.noCredit'
    case 'offline':
      return 'fallbacks.offline'
    case 'provider_down':
      return 'fallbacks.down'
    case 'timed_out':
      return 'fallbacks.tooSlow'
    case 'model_not_found':
      return 'fallbacks.notWithKey'
    default:
      return 'fallbacks.failed'
  }
}

/** The reply's line after moving on: "The local model … failed — answered by Claude Sonnet 5.5 in the cloud". */
export function fallbackReason(note: string, candidate: RouteCandidate, language: Language = currentLanguage()): string {
  const values = { note, model: candidate.modelName, server: candidate.server ?? '' }
  return say(candidate.server ? 'fallbacks.onServer' : candidate.tier === 'cloud' ? 'fallbacks.inCloud' : 'fallbacks.onComputer', values, language)
}
