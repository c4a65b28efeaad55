import { useEffect } from 'react'
import type { Settings } from '../../api'
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

const jumps = [
  { href: '#routing-auto', label: 'How Auto picks' },
  { href: '#routing-learned', label: 'What Auto learned' },
  { href: '#routing-budget', label: 'Budget' },
  { href: '#routing-limits', label: 'Rate limits' },
  { href: '#routing-cache', label: 'Response cache' },
  { href: '#routing-savings', label: 'Savings' },
  { href: '#routing-try', label: 'Try it' },
]

/** Fields whose change moves the header's meter (its limits, its currency). */
const METER_FIELDS: (keyof Settings)[] = ['currency', 'currencyPerUsd', 'dailyBudget', 'monthlyBudget', 'budgetWarnShare', 'savingsBaselineModelId']

/**
 * Settings → Routing & Budget: how Auto picks a model for each message (and Local only, the
 * privacy switch), what the cloud may cost, how often each company may be asked, the response
 * cache, and the model savings are counted against. Every change is saved at once.
 */
export function RoutingPage() {
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
      <h2 className="text-xl font-semibold tracking-tight">Routing &amp; Budget</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        With <strong className="font-medium text-zinc-800 dark:text-zinc-200">Auto</strong> picked in the chat, Aura chooses a model for
        each message: a quick model on this computer for simple questions, the best one on this computer for harder work, and a cloud model
        with your key only when a request needs it — within the budget you set here. Every reply says where it ran and why.
      </p>
      <JumpLinks jumps={jumps} />
      <p className="sr-only" role="status" aria-live="polite">
        {saver.announcement}
      </p>

      {!settings ? (
        <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400">{loadError ?? 'Loading…'}</p>
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
