import { useEffect } from 'react'
import { useTranslation } from '../../i18n'
import { cloudProvidersOf, useCloud } from '../../stores/cloud'
import { AlertIcon, LockIcon } from '../common/icons'
import { ui } from '../common/ui'
import { PricesSection } from '../cloud/PricesSection'
import { ProviderCard } from '../cloud/ProviderCard'
import { ServersSection } from '../cloud/ServersSection'
import { JumpLinks } from './JumpLinks'

/**
 * Settings → Cloud Keys: the user's own keys for cloud AI companies (paste, test, remove), their
 * own OpenAI-compatible servers, and the prices Aura counts each reply's cost with.
 */
export function CloudKeysPage() {
  const providers = useCloud((s) => s.providers)
  const providersError = useCloud((s) => s.providersError)
  const vault = useCloud((s) => s.vault)
  const cloud = cloudProvidersOf(providers)
  const { t } = useTranslation()
  const jumps = [
    { href: '#providers-section', label: t('cloud.companies') },
    { href: '#servers-section', label: t('cloud.servers.title') },
    { href: '#prices-section', label: t('cloud.prices.title') },
  ]

  useEffect(() => {
    void useCloud.getState().load()
  }, [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-cloud-keys">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.cloud-keys.label')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('cloud.intro')}</p>
      <JumpLinks jumps={jumps} />

      {vault?.notice ? (
        <div
          role="note"
          data-testid="vault-notice"
          data-backend={vault.backend}
          className="mt-5 flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-2.5 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
        >
          <AlertIcon size={16} className="mt-0.5 shrink-0" />
          <p>{vault.notice}</p>
        </div>
      ) : (
        <p className="mt-5 flex items-start gap-2 text-sm text-zinc-700 dark:text-zinc-300" data-testid="vault-safe">
          <LockIcon size={16} className="mt-0.5 shrink-0 text-emerald-700 dark:text-emerald-400" />
          <span>{t(vault?.backend === 'os_keychain' ? 'cloud.vaultKeychain' : 'cloud.vaultHere')}</span>
        </p>
      )}

      <section aria-labelledby="providers-heading" id="providers-section" className="mt-8 scroll-mt-4">
        <h3 id="providers-heading" className="text-base font-semibold">
          {t('cloud.companies')}
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('cloud.companiesIntro')}</p>
        {providers === null && providersError === null && (
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400" aria-busy="true">
            {t('cloud.loading')}
          </p>
        )}
        {providersError && (
          <div
            role="alert"
            data-testid="providers-problem"
            className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100"
          >
            <AlertIcon size={16} className="shrink-0" />
            <p className="min-w-0 flex-1">{t('cloud.loadFailed', { problem: providersError })}</p>
            <button type="button" className={ui.secondary} onClick={() => void useCloud.getState().load()}>
              {t('cloud.tryAgain')}
            </button>
          </div>
        )}
        {cloud.length > 0 && (
          <ul className="mt-4 space-y-3" aria-label={t('cloud.companies')}>
            {cloud.map((provider) => (
              <li key={provider.id}>
                <ProviderCard provider={provider} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <ServersSection />
      <PricesSection />
    </div>
  )
}
