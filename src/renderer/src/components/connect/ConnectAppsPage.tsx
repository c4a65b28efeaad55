import { useEffect } from 'react'
import { useTranslation } from '../../i18n'
import { useConnect } from '../../stores/connect'
import { AlertIcon } from '../common/icons'
import { ui } from '../common/ui'
import { JumpLinks } from '../settings/JumpLinks'
import { AppKeysSection } from './AppKeysSection'
import { ListenerSection } from './ListenerSection'
import { ModelNames } from './ModelNames'
import { NetworkSection } from './NetworkSection'
import { SetupSection } from './SetupSection'

const JUMPS = [
  ['#connect-listener', 'connect.jumps.listener'],
  ['#connect-keys', 'connect.jumps.keys'],
  ['#connect-setup', 'connect.jumps.setup'],
  ['#connect-model-names', 'connect.jumps.modelNames'],
  ['#connect-network', 'connect.jumps.network'],
] as const

/**
 * Settings → Connect apps: other apps (Claude Code, Cursor, scripts on the OpenAI SDK) use Aura as
 * their AI through its API (docs/api.md) — Auto, the budgets and the usage ledger behind them.
 */
export function ConnectAppsPage() {
  const { t } = useTranslation()
  const error = useConnect((s) => s.error)
  const loaded = useConnect((s) => s.status !== null)

  useEffect(() => {
    void useConnect.getState().load()
    // The key is shown once: leaving the page forgets it.
    return () => useConnect.getState().dismissFresh()
  }, [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-connect">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.connect.label')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('connect.intro')}</p>
      <JumpLinks jumps={JUMPS.map(([href, key]) => ({ href, label: t(key) }))} />

      {error && (
        <div role="alert" className="mt-6 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <AlertIcon size={16} className="shrink-0" />
          <p className="min-w-0 flex-1">{t('connect.loadFailed', { error })}</p>
          <button type="button" className={ui.secondary} onClick={() => void useConnect.getState().load()}>
            {t('connect.tryAgain')}
          </button>
        </div>
      )}
      {!loaded && !error && (
        <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400" aria-busy="true">
          {t('connect.loading')}
        </p>
      )}
      {loaded && (
        <>
          <ListenerSection />
          <AppKeysSection />
          <SetupSection />
          <ModelNames />
          <NetworkSection />
        </>
      )}
    </div>
  )
}
