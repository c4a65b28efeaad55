import type { AuraErrorShape, RouteCandidate } from '../../../shared/api'

/** What went wrong with a model, in a few plain words, for the line under the reply. */
export function failureNote(error: AuraErrorShape, candidate: RouteCandidate): string {
  const name = candidate.modelName
  if (candidate.tier !== 'cloud' && !candidate.server) {
    switch (error.code) {
      case 'model_too_big':
        return `The local model ${name} needs more memory than this computer has free`
      case 'model_invalid':
        return `The local model ${name} has a damaged file`
      case 'model_load_failed':
        return `The local model ${name} could not be loaded (it may have run out of memory)`
      case 'model_not_found':
        return `The local model ${name} is no longer installed`
      default:
        return `The local model ${name} failed`
    }
  }
  if (error.code === 'unauthorized') return `${name} did not accept your key`
  switch ((error.data as { reason?: string } | undefined)?.reason) {
    case 'rate_limited':
      return `${name} is limiting requests right now`
    case 'no_credit':
      return `Your account for ${name} is out of credit`
    case 'offline':
      return 'This computer seems to be offline'
    case 'provider_down':
      return `${name} is not answering right now`
    case 'timed_out':
      return `${name} took too long to answer`
    case 'model_not_found':
      return `${name} is not available with your key`
    default:
      return `${name} failed`
  }
}

/** The reply's line after moving on: "The local model … failed — answered by Claude Sonnet 5.5 in the cloud". */
export function fallbackReason(note: string, candidate: RouteCandidate): string {
  const where = candidate.server ? `on your server ${candidate.server}` : candidate.tier === 'cloud' ? 'in the cloud' : 'on this computer'
  return `${note} — answered by ${candidate.modelName} ${where}`
}
