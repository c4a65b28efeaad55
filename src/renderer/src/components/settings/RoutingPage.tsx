import { useEffect } from 'react'
import type { Settings } from '../../api'
import { Trans, useTranslation } from '../../i18n'
import { useCloud } from '../../stores/cloud'
import { useSettings } from '../../stores/settings'
import { useUsage } from '../../stores/usage'
import { AutoSection } from '../routing/AutoSection'
import { BudgetSection } from '../routing/BudgetSection'
import { CacheSection } from '../routing/CacheSection'
import { LearnedSection } from '../routing/LearnedSection'
import { LimitsSection } from '../routing/LimitsSection'
import { SavingsSection } from '../routing/SavingsSection'
import { TryIt } from '../routing/TryIt'
import { useSaver } from './fields'
import { JumpLinks } from './JumpLinks'

/** The page's sections, each named by its heading's words. */
const JUMPS = [
  ['#routing-auto', 'routing.auto.title'],
  ['#routing-learned', 'routing.learned.title'],
  ['#routing-budget', 'routing.budget.title'],
  ['#routing-limits', 'routing.limits.title'],
  ['#routing-cache', 'routing.cache.title'],
  ['#routing-savings', 'routing.savings.title'],
  ['#routing-try', 'routing.tryIt.title'],
] as const

/** Fields whose change moves the header's meter (its limits, its currency). */
const METER_FIELDS: (keyof Settings)[] = ['currency', 'currencyPerUsd', 'dailyBudget', 'monthlyBudget', 'budgetWarnShare', 'savingsBaselineModelId']

/**
 * Settings → Routing & Budget: how Auto picks a model for each message (and Local only, the
 * privacy switch), what the cloud may cost, how often each company may be asked, the response
 * cache, and the model savings are counted against. Every change is saved at once.
 */
export function RoutingPage() {
  const { t } = useTranslation()
  const settings = useSettings((s) => s.settings)
  const loadError = useSettings((s) => s.error)
  const saver = useSaver((patch) => {
    if (METER_FIELDS.some((field) => field in patch)) void useUsage.getState().loadMeter()
  })

  useEffect(() => {
    void useCloud.getState().loadProviders()
    if (!useCloud.getState().modelsSettled) void useCloud.getState().refreshModels()
  }, [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-routing">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.routing.label')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        <Trans i18nKey="routing.intro" components={{ b: <strong className="font-medium text-zinc-800 dark:text-zinc-200" /> }} />
      </p>
      <JumpLinks jumps={JUMPS.map(([href, key]) => ({ href, label: t(key) }))} />
      <p className="sr-only" role="status" aria-live="polite">
        {saver.announcement}
      </p>

      {!settings ? (
        <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400">{loadError ?? t('routing.loading')}</p>
      ) : (
        <>
          <AutoSection settings={settings} saver={saver} />
          <LearnedSection />
          <BudgetSection settings={settings} saver={saver} />
          <LimitsSection settings={settings} saver={saver} />
          <CacheSection settings={settings} saver={saver} />
          <SavingsSection settings={settings} saver={saver} />
          <TryIt localOnly={settings.localOnly} />
        </>
      )}
    </div>
  )
}
