import { useEffect } from 'react'
import type { AuraErrorShape } from '../../api'
import { useTranslation } from '../../i18n'
import { showHubToken } from '../../lib/chatWith'
import { errorRepo, problemWords, type ProblemWords } from '../../lib/modelWords'
import { useApp } from '../../stores/app'
import { useHubToken } from '../../stores/hubToken'
import { AlertIcon, ExternalLinkIcon, KeyIcon } from '../common/icons'
import { ui } from '../common/ui'

/**
 * `problemWords` knowing whether a Hugging Face token is kept (what a `hub_auth_required` asks of
 * the user depends on it). null without an error.
 */
export function useProblemWords(error: AuraErrorShape | null | undefined): ProblemWords | null {
  // The words are read in the language on screen: a change of language reads them again.
  useTranslation()
  const needsToken = error?.code === 'hub_auth_required'
  const tokenConfigured = useHubToken((s) => s.status?.configured ?? false)
  useEffect(() => {
    if (needsToken) void useHubToken.getState().ensure()
  }, [needsToken])
  return error ? problemWords(error, { tokenConfigured }) : null
}

/** The Hub page of a repo, at the address models download from. */
export function repoPage(repo: string): string {
  const base = (useApp.getState().info?.hubUrl || 'https://huggingface.co').replace(/\/+$/, '')
  return `${base}/${repo.split('/').map(encodeURIComponent).join('/')}`
}

interface HubAuthActionsProps {
  words: ProblemWords
  error: AuraErrorShape
  /** The repo the problem is about, when the error's data does not say. */
  repo?: string
  /** Small link-like buttons (under a Download button) instead of regular ones. */
  compact?: boolean
}

/**
 * What a "needs a Hugging Face token" problem offers: "Add a Hugging Face token" (to the token
 * card; "Check…" once one is kept) and the model's page, where its licence is accepted. Nothing for
 * other problems.
 */
export function HubAuthActions({ words, error, repo, compact = false }: HubAuthActionsProps) {
  const { t } = useTranslation()
  const configured = useHubToken((s) => s.status?.configured ?? false)
  if (words.action !== 'token' && words.action !== 'licence') return null
  const page = repo ?? errorRepo(error)
  const buttonClass = compact ? `${ui.link} inline-flex items-center gap-1 text-xs` : ui.secondary
  return (
    <>
      {words.action === 'token' && (
        <button type="button" data-testid="hub-auth-add-token" className={buttonClass} onClick={showHubToken}>
          <KeyIcon size={compact ? 12 : 14} />
          {configured ? t('models.auth.checkToken') : t('models.auth.addToken')}
        </button>
      )}
      {page && (
        <a href={repoPage(page)} target="_blank" rel="noopener" data-testid="hub-auth-model-page" className={buttonClass}>
          <ExternalLinkIcon size={compact ? 12 : 14} />
          {words.action === 'licence' ? t('models.auth.acceptLicence') : t('models.auth.openPage')}
          <span className="sr-only">{t('models.opensInBrowser')}</span>
        </a>
      )}
    </>
  )
}

/** Under a Download button: why the last try stopped, and for a gated model the way to a token. */
export function FailedDownloadNote({ error, repo, testId }: { error: AuraErrorShape; repo: string; testId?: string }) {
  const words = useProblemWords(error)
  if (!words) return null
  return (
    <>
      <span className="flex items-center gap-1 text-xs text-red-700 dark:text-red-400" data-testid={testId}>
        <AlertIcon size={13} className="shrink-0" />
        {words.title}
      </span>
      {(words.action === 'token' || words.action === 'licence') && (
        <span className="flex flex-wrap justify-end gap-x-3 gap-y-1">
          <HubAuthActions words={words} error={error} repo={repo} compact />
        </span>
      )}
    </>
  )
}
