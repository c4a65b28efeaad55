/** The Hub's failures in words a person can act on; `data` keeps the details for logs and the UI. */
import { AuraError } from '../../../shared/api'

export function unreachable(cause?: unknown): AuraError {
  const timedOut = cause instanceof Error && cause.name === 'TimeoutError'
  return new AuraError(
    'hub_unreachable',
    'Aura could not reach Hugging Face. Check your internet connection and try again.',
    { reason: timedOut ? 'timeout' : 'network', detail: cause instanceof Error ? cause.message : undefined },
  )
}

export function hubBusy(status: number): AuraError {
  return new AuraError(
    'hub_unreachable',
    status === 429
      ? 'Hugging Face is asking Aura to slow down. Wait a minute and try again.'
      : 'Hugging Face is having trouble right now. Try again in a few minutes.',
    { status },
  )
}

/** The Hub answered, but busy (a 5xx or a 429): worth waiting out, unlike a refusal or no answer at all. */
export function isHubBusy(error: unknown): boolean {
  if (!(error instanceof AuraError) || error.code !== 'hub_unreachable') return false
  const status = (error.data as { status?: unknown } | undefined)?.status
  return typeof status === 'number' && (status === 429 || status >= 500)
}

export function authRequired(repo: string | null, status: number): AuraError {
  const model = repo ? `The model ${repo}` : 'This model'
  const message =
    status === 403
      ? `${model} is not open to your Hugging Face token yet. Open its page on Hugging Face, accept its licence, and try again.`
      : `${model} needs a Hugging Face token. Accept its licence on its Hugging Face page, add your token in Settings, and try again.`
  return new AuraError('hub_auth_required', message, { repo, status })
}

export function notFound(repo: string | null, file: string | null): AuraError {
  const message = file
    ? `Hugging Face has no file called ${file} in ${repo}.`
    : repo
      ? `Hugging Face has no model called ${repo}. Check the name and try again.`
      : 'Hugging Face could not find that.'
  return new AuraError('not_found', message, { repo, file })
}

export function badAnswer(status?: number): AuraError {
  return new AuraError('hub_unreachable', 'Hugging Face gave an answer Aura did not understand. Try again later.', { status })
}
