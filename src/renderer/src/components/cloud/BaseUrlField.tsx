import { useId, useState } from 'react'
import type { ProviderInfo } from '../../api'
import { Trans, useTranslation } from '../../i18n'
import { baseUrlEnvVar, serverUrlProblem } from '../../lib/cloudWords'
import { useCloud } from '../../stores/cloud'
import { useSettings } from '../../stores/settings'
import { ChevronDownIcon } from '../common/icons'
import { ui } from '../common/ui'

/**
 * Advanced: the address Aura sends a provider's requests to (a company gateway, a proxy, a test
 * server). `AURA_<PROVIDER>_BASE_URL` overrides it; then the field only says so.
 */
export function BaseUrlField({ provider }: { provider: ProviderInfo }) {
  const custom = useSettings((s) => s.settings?.providerBaseUrls[provider.id] !== undefined)
  const envVar = baseUrlEnvVar(provider.id)
  const ids = { input: useId(), help: useId(), error: useId() }
  // The field starts from the address in use, and follows it when it changes elsewhere.
  const [shown, setShown] = useState(provider.baseUrl)
  const [draft, setDraft] = useState(provider.baseUrl)
  if (shown !== provider.baseUrl) {
    setShown(provider.baseUrl)
    setDraft(provider.baseUrl)
  }
  const [error, setError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const [saved, setSaved] = useState('')
  const { t } = useTranslation()

  const changed = draft.trim() !== provider.baseUrl
  const problem = serverUrlProblem(draft)

  const apply = async (baseUrl: string | null) => {
    if (baseUrl !== null && (problem || !baseUrl.trim())) {
      setError(problem ?? t('cloud.address.empty'))
      return
    }
    setWorking(true)
    setError(null)
    const failure = await useCloud.getState().setBaseUrl(provider.id, baseUrl === null ? null : baseUrl.trim())
    setWorking(false)
    if (failure) setError(t('cloud.address.notSaved', { problem: failure }))
    else setSaved(baseUrl === null ? t('cloud.address.standardAgain', { name: provider.name }) : t('cloud.address.saved'))
  }

  return (
    <details className="group mt-3 border-t border-zinc-200 pt-2 dark:border-zinc-700/80" open={provider.baseUrlFromEnv || custom || undefined}>
      <summary className="flex cursor-pointer list-none items-center gap-1 text-sm font-medium text-zinc-700 select-none dark:text-zinc-300 [&::-webkit-details-marker]:hidden">
        <ChevronDownIcon size={14} className="-rotate-90 transition-transform group-open:rotate-0" />
        {t('cloud.address.advanced')}
        {(custom || provider.baseUrlFromEnv) && <span className={`${ui.chip} ml-1`}>{t('cloud.address.changed')}</span>}
      </summary>
      <form
        className="mt-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void apply(draft)
        }}
      >
        <label htmlFor={ids.input} className="text-sm font-medium">
          {t('cloud.address.label', { name: provider.name })}
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id={ids.input}
            type="url"
            inputMode="url"
            data-testid="base-url-input"
            value={draft}
            disabled={provider.baseUrlFromEnv || working}
            aria-describedby={`${ids.help} ${ids.error}`}
            aria-invalid={error ? true : undefined}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              setDraft(e.target.value)
              setError(null)
              setSaved('')
            }}
            className={`${ui.input} min-w-0 flex-1 basis-72 font-mono ${error ? 'border-red-600! dark:border-red-400!' : ''} ${
              provider.baseUrlFromEnv ? 'cursor-not-allowed bg-zinc-50 text-zinc-700 disabled:opacity-100 dark:bg-zinc-800/50 dark:text-zinc-300' : ''
            }`}
          />
          {!provider.baseUrlFromEnv && (
            <button type="submit" data-testid="base-url-save" className={ui.secondary} disabled={working || !changed}>
              {t('cloud.address.save')}
            </button>
          )}
          {custom && !provider.baseUrlFromEnv && (
            <button type="button" data-testid="base-url-reset" className={ui.ghost} disabled={working} onClick={() => void apply(null)}>
              {t('cloud.address.useStandard')}
            </button>
          )}
        </div>
        <p id={ids.help} className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400" data-testid="base-url-help">
          {provider.baseUrlFromEnv ? (
            <Trans i18nKey="cloud.address.fromEnv" values={{ envVar }} components={{ code: <code className="font-mono" /> }} />
          ) : (
            t('cloud.address.help')
          )}
        </p>
        <p id={ids.error} role="alert" className={`text-sm text-red-700 dark:text-red-400 ${error ? 'mt-1' : ''}`}>
          {error ?? ''}
        </p>
        <p className="sr-only" role="status">
          {saved}
        </p>
      </form>
    </details>
  )
}
