/** The Hub's failures in words a person can act on; `data` keeps the details for logs and the UI. */
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'

export function unreachable(cause?: unknown): AuraError {
  const timedOut = cause instanceof Error && cause.name === 'TimeoutError'
  return new AuraError(
    'hub_unreachable',
    words('hub.unreachable'),
    { reason: timedOut ? 'timeout' : 'network', detail: cause instanceof Error ? cause.message : undefined },
  )
}

export function hubBusy(status: number): AuraError {
  return new AuraError(
    'hub_unreachable',
    words(status === 429 ? 'hub.slowDown' : 'hub.trouble'),
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
  const which = status === 403 ? (repo ? 'hub.notOpenRepo' : 'hub.notOpen') : repo ? 'hub.needsTokenRepo' : 'hub.needsToken'
  return new AuraError('hub_auth_required', words(which, { repo: repo ?? '' }), { repo, status })
}

export function notFound(repo: string | null, file: string | null): AuraError {
  const message = file ? words('hub.noFile', { file, repo: repo ?? '' }) : repo ? words('hub.noModel', { repo }) : words('hub.notFound')
  return new AuraError('not_found', message, { repo, file })
}

export function badAnswer(status?: number): AuraError {
  return new AuraError('hub_unreachable', words('hub.badAnswer'), { status })
}
