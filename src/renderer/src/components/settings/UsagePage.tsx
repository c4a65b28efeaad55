import { useEffect, useState } from 'react'
import type { API_TEST_APP as TestApp, BudgetState, UsageGroup, UsageMeter, UsageSummary, UsageTotals } from '../../api'
import { i18n, Trans, useTranslation } from '../../i18n'
import { formatNumber } from '../../lib/format'
import { formatMoney, formatShare, type MoneyUnit } from '../../lib/money'
import { termHints } from '../../lib/termWords'
import { useApp } from '../../stores/app'
import { monthShare, todayShare, useUsage } from '../../stores/usage'
import { AlertIcon, DownloadIcon, RefreshIcon } from '../common/icons'
import { Term } from '../common/Term'
import { estimatedChip, ui } from '../common/ui'
import { METER_TONE } from '../chat/CostMeter'
import { UsageChart } from '../usage/UsageChart'

/**
 * Settings → Usage: what the cloud cost today and this month against the budgets, what staying on
 * this computer saved, where the tokens went (by model, company, app and tier), the last 30 days, the
 * response cache, and the whole ledger to export.
 */
export function UsagePage() {
  const summary = useUsage((s) => s.summary)
  const error = useUsage((s) => s.summaryError)
  const loading = useUsage((s) => s.summaryLoading)
  const { t } = useTranslation()

  useEffect(() => useUsage.getState().watch(), [])

  return (
    <div className="mx-auto max-w-4xl px-6 py-8" data-testid="settings-usage">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.usage.label')}</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('usage.intro')}</p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <button type="button" className={ui.ghost} disabled={loading} onClick={() => void useUsage.getState().loadSummary()} data-testid="usage-refresh">
            <RefreshIcon size={14} className={loading ? 'animate-spin' : ''} />
            {t('usage.refresh')}
          </button>
        </div>
      </div>

      {error && !summary && (
        <div role="alert" className="mt-6 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <AlertIcon size={16} className="shrink-0" />
          <p className="min-w-0 flex-1">{t('usage.loadFailed', { problem: error })}</p>
          <button type="button" className={ui.secondary} onClick={() => void useUsage.getState().loadSummary()}>
            {t('usage.tryAgain')}
          </button>
        </div>
      )}
      {!summary && !error && (
        <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400" aria-busy="true">
          {t('usage.loading')}
        </p>
      )}
      {summary && <Summary summary={summary} />}
    </div>
  )
}

function Summary({ summary }: { summary: UsageSummary }) {
  const meter = summary.meter
  const unit: MoneyUnit = { currency: meter.currency, currencyPerUsd: meter.currencyPerUsd }
  const { t } = useTranslation()
  const money = (usd: number) => formatMoney(usd, unit)
  const cacheRate = summary.cache.lookups > 0 ? summary.cache.hits / summary.cache.lookups : null

  return (
    <>
      {meter.state !== 'ok' && <BudgetNotice meter={meter} unit={unit} />}

      <div className="mt-6 grid gap-4 sm:grid-cols-2">
        <PeriodCard
          testId="usage-today"
          title={t('usage.today')}
          totals={summary.today}
          unit={unit}
          spent={meter.todayUsd}
          saved={meter.savedTodayUsd}
          limit={meter.dailyLimitUsd}
          share={todayShare(meter)}
          warnShare={meter.warnShare}
          daily
        />
        <PeriodCard
          testId="usage-month"
          title={t('usage.thisMonth')}
          totals={summary.month}
          unit={unit}
          spent={meter.monthUsd}
          saved={meter.savedMonthUsd}
          limit={meter.monthlyLimitUsd}
          share={monthShare(meter)}
          warnShare={meter.warnShare}
        />
      </div>

      <section aria-labelledby="usage-days-heading" className="mt-10">
        <h3 id="usage-days-heading" className="text-base font-semibold">
          {t('usage.last30')}
        </h3>
        <div className={`${ui.card} mt-3 p-4`}>
          <UsageChart days={summary.days} unit={unit} />
        </div>
      </section>

      <section aria-labelledby="usage-split-heading" className="mt-10">
        <h3 id="usage-split-heading" className="text-base font-semibold">
          {t('usage.whereRan')}
        </h3>
        <TokenSplit totals={summary.month} />
      </section>

      <section aria-labelledby="usage-breakdown-heading" className="mt-10">
        <h3 id="usage-breakdown-heading" className="text-base font-semibold">
          {t('usage.inDetail')}
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          <Trans
            i18nKey="usage.baseline"
            values={{ name: summary.baseline.name }}
            components={{ b: <span className="font-medium text-zinc-800 dark:text-zinc-200" />, term: <Term hint={termHints.tokens}>{null}</Term> }}
          />{' '}
          <button type="button" className={ui.link} onClick={() => useApp.getState().openSettings('routing')}>
            {t('usage.changeIt')}
          </button>
        </p>
        {summary.month.estimatedUsd > 0 && (
          <p className="mt-2 text-sm text-amber-900 dark:text-amber-200" data-testid="usage-estimated">
            <Trans i18nKey="usage.estimated" values={{ amount: money(summary.month.estimatedUsd) }} components={{ b: <strong className="font-semibold" /> }} />{' '}
            <button type="button" className={ui.link} onClick={() => useApp.getState().openSettings('cloud-keys')}>
              {t('usage.givePrices')}
            </button>
          </p>
        )}
        <GroupTable testId="usage-by-model" caption={t('usage.byModel')} nameHeader={t('usage.model')} groups={summary.byModel} money={money} />
        <GroupTable testId="usage-by-provider" caption={t('usage.byCompany')} nameHeader={t('usage.company')} groups={summary.byProvider} money={money} />
        <GroupTable
          testId="usage-by-app"
          caption={t('usage.byApp')}
          nameHeader={t('usage.app')}
          groups={summary.byApp}
          money={money}
          describe={(group) => appHelp(group.key)}
          label={appName}
        />
        <GroupTable
          testId="usage-by-tier"
          caption={t('usage.byTier')}
          nameHeader={t('usage.tier')}
          groups={summary.byTier}
          money={money}
          describe={(group) => (isTier(group.key, TIER_HELPS) ? t(`usage.tierHelp.${group.key}`) : null)}
          label={(group) => (isTier(group.key, TIER_LABELS) ? t(`usage.tierLabel.${group.key}`) : group.label)}
        />
      </section>

      <section aria-labelledby="usage-cache-heading" className="mt-10" data-testid="usage-cache">
        <h3 id="usage-cache-heading" className="text-base font-semibold">
          {t('usage.cache')}
        </h3>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          {cacheRate === null ? (
            t('usage.cacheNone')
          ) : (
            <Trans
              i18nKey="usage.cacheRate"
              count={summary.cache.hits}
              values={{ share: formatShare(cacheRate), lookups: formatNumber(summary.cache.lookups), hits: formatNumber(summary.cache.hits) }}
              components={{ b: <span className="font-semibold tabular-nums" /> }}
            />
          )}{' '}
          <button type="button" className={ui.link} onClick={() => useApp.getState().openSettings('routing')}>
            {t('usage.cacheSettings')}
          </button>
        </p>
      </section>

      <ExportSection />
    </>
  )
}

/** Which budget is used up or nearly, in words: "You've spent 84% of today's budget ($0.84 of $1.00)." */
export function budgetNotice(meter: UsageMeter, unit: MoneyUnit): string {
  const money = (usd: number) => formatMoney(usd, unit)
  const day = todayShare(meter)
  const month = monthShare(meter)
  if (meter.state === 'exhausted') {
    if (day !== null && day >= 1) return i18n.t('usage.notice.dayUsedUp')
    return i18n.t(month !== null && month >= 1 ? 'usage.notice.monthUsedUp' : 'usage.notice.budgetUsedUp')
  }
  if (day !== null && meter.dailyLimitUsd !== null && day >= meter.warnShare) {
    return i18n.t('usage.notice.daySpent', { share: formatShare(day), spent: money(meter.todayUsd), limit: money(meter.dailyLimitUsd) })
  }
  if (month !== null && meter.monthlyLimitUsd !== null) {
    return i18n.t('usage.notice.monthSpent', { share: formatShare(month), spent: money(meter.monthUsd), limit: money(meter.monthlyLimitUsd) })
  }
  return i18n.t('usage.notice.close')
}

function BudgetNotice({ meter, unit }: { meter: UsageMeter; unit: MoneyUnit }) {
  const exhausted = meter.state === 'exhausted'
  const { t } = useTranslation()
  return (
    <div
      role="status"
      data-testid="usage-budget-notice"
      data-state={meter.state}
      className={`mt-6 flex items-start gap-2 rounded-lg border px-3.5 py-2.5 text-sm ${
        exhausted
          ? 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100'
          : 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100'
      }`}
    >
      <AlertIcon size={16} className="mt-0.5 shrink-0" />
      <p className="min-w-0 flex-1">
        {budgetNotice(meter, unit)}{' '}
        <button type="button" className="font-medium underline underline-offset-2 hover:no-underline" onClick={() => useApp.getState().openSettings('routing')}>
          {t('usage.budgetSettings')}
        </button>
        <span className="sr-only"> {t('usage.amountsIn', { currency: unit.currency })}</span>
      </p>
    </div>
  )
}

function PeriodCard({
  testId,
  title,
  totals,
  unit,
  spent,
  saved,
  limit,
  share,
  warnShare,
  daily = false,
}: {
  testId: string
  title: string
  totals: UsageTotals
  unit: MoneyUnit
  spent: number
  saved: number
  limit: number | null
  share: number | null
  warnShare: number
  /** The daily budget's card (else the month's). */
  daily?: boolean
}) {
  const { t } = useTranslation()
  const money = (usd: number) => formatMoney(usd, unit)
  const state: BudgetState = share === null ? 'ok' : share >= 1 ? 'exhausted' : share >= warnShare ? 'warning' : 'ok'
  const tone = METER_TONE[state]
  return (
    <section aria-label={title} className={`${ui.card} p-4`} data-testid={testId} data-spent={spent}>
      <h3 className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{title}</h3>
      <p className="mt-1 flex items-baseline gap-2">
        <span className="text-2xl font-semibold tabular-nums" data-testid={`${testId}-spent`}>
          {money(spent)}
        </span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">{limit === null ? t('usage.noLimit') : t('usage.ofLimit', { limit: money(limit) })}</span>
      </p>
      {share !== null && limit !== null && (
        <div className="mt-2">
          <div
            role="meter"
            aria-label={t(daily ? 'usage.shareDay' : 'usage.shareMonth')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(share * 100)}
            aria-valuetext={t('usage.shareValue', { spent: money(spent), limit: money(limit), share: formatShare(share) })}
            data-testid={`${testId}-budget`}
            data-state={state}
            className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
          >
            <div className={`h-full rounded-full ${tone.bar}`} style={{ width: `${Math.max(spent > 0 ? 2 : 0, share * 100)}%` }} />
          </div>
          <p className={`mt-1 text-xs ${state === 'ok' ? 'text-zinc-600 dark:text-zinc-400' : tone.text}`}>
            {state === 'exhausted' ? t(daily ? 'usage.dayUsedUp' : 'usage.monthUsedUp') : t('usage.left', { left: money(Math.max(0, limit - spent)), share: formatShare(share) })}
          </p>
        </div>
      )}
      <dl className="mt-4 grid grid-cols-3 gap-2 text-sm">
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t('usage.saved')}</dt>
          <dd className="font-semibold text-emerald-700 tabular-nums dark:text-emerald-400" data-testid={`${testId}-saved`}>
            {money(saved)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t('usage.requests')}</dt>
          <dd className="font-semibold tabular-nums" data-testid={`${testId}-requests`}>
            {formatNumber(totals.requests)}
          </dd>
          <dd className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('usage.localCount', { n: formatNumber(totals.localRequests) })} ·{' '}
            {totals.serverRequests > 0 && `${t('usage.serverCount', { n: formatNumber(totals.serverRequests) })} · `}
            {t('usage.cloudCount', { n: formatNumber(totals.cloudRequests) })}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t('usage.fallbacks')}</dt>
          <dd className="font-semibold tabular-nums">{formatNumber(totals.fallbacks)}</dd>
          <dd className="text-xs text-zinc-600 dark:text-zinc-400">{t('usage.reasked')}</dd>
        </div>
      </dl>
    </section>
  )
}

/** The three places tokens go; "Your servers" shows only once a server has answered. */
const TOKEN_PLACES = [
  { key: 'local', bar: 'bg-emerald-500 dark:bg-emerald-400', testId: 'usage-local-tokens', tokens: (t: UsageTotals) => t.localTokens },
  { key: 'server', bar: 'bg-violet-500 dark:bg-violet-400', testId: 'usage-server-tokens', tokens: (t: UsageTotals) => t.serverTokens ?? 0 },
  { key: 'cloud', bar: 'bg-sky-500 dark:bg-sky-400', testId: 'usage-cloud-tokens', tokens: (t: UsageTotals) => t.cloudTokens },
] as const

function TokenSplit({ totals }: { totals: UsageTotals }) {
  const { t } = useTranslation()
  const all = TOKEN_PLACES.reduce((sum, place) => sum + place.tokens(totals), 0)
  const places = TOKEN_PLACES.filter((place) => place.key !== 'server' || place.tokens(totals) > 0).map((place) => ({
    ...place,
    label: t(`usage.place.${place.key}`),
    count: place.tokens(totals),
    share: all > 0 ? place.tokens(totals) / all : 0,
  }))
  return (
    <div className={`${ui.card} mt-3 p-4`} data-testid="usage-token-split">
      {all === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('usage.noTokens')}</p>
      ) : (
        <>
          <div
            className="flex h-3 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
            role="img"
            aria-label={t('usage.splitLabel', { parts: places.map((place) => `${formatShare(place.share)} ${place.label}`).join(', ') })}
          >
            {places.map((place) => (
              <div key={place.key} className={`h-full ${place.bar}`} style={{ width: `${place.share * 100}%` }} />
            ))}
          </div>
          <dl className={`mt-3 grid gap-2 text-sm ${places.length === 3 ? 'grid-cols-1 @3xl:grid-cols-3' : 'grid-cols-2'}`}>
            {places.map((place) => (
              <div key={place.key}>
                <dt className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                  <span aria-hidden="true" className={`size-2.5 rounded-sm ${place.bar}`} />
                  {place.label}
                </dt>
                <dd className="font-semibold tabular-nums" data-testid={place.testId}>
                  <Term hint={termHints.tokens}>{t('usage.tokensCount', { n: formatNumber(place.count) })}</Term> <span className="font-normal text-zinc-600 dark:text-zinc-400">({formatShare(place.share)})</span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  )
}

/** shared/api's API_TEST_APP (kept here to keep zod out of the bundle; the type makes them agree). */
const API_TEST_APP: typeof TestApp = 'Connection test'

/** The "By app" row of the Test button's requests (its name is the main process's English: the page shows its own). */
const TEST_APP_KEY = `app:${API_TEST_APP.toLowerCase()}`

/** A "By app" row's name: an app's own as the user named its key, the Test button's in the language on screen. */
export const appName = (group: Pick<UsageGroup, 'key' | 'label'>): string => (group.key === TEST_APP_KEY ? i18n.t('usage.testApp') : group.label)

/** What the rows of "By app" that are not an app's own key stand for. */
function appHelp(key: string): string | null {
  if (key === 'aura') return i18n.t('usage.appHelp.aura')
  return key === TEST_APP_KEY ? i18n.t('usage.appHelp.test') : null
}

/** The tiers (and the row of the user's own servers) the page has words for. */
const TIER_LABELS = ['local-fast', 'local-quality', 'cloud'] as const
const TIER_HELPS = [...TIER_LABELS, 'server'] as const
const isTier = <T extends string>(key: string, known: readonly T[]): key is T => (known as readonly string[]).includes(key)

function GroupTable({
  testId,
  caption,
  nameHeader,
  groups,
  money,
  label = (group) => group.label,
  describe,
}: {
  testId: string
  caption: string
  nameHeader: string
  groups: UsageGroup[]
  money: (usd: number) => string
  label?: (group: UsageGroup) => string
  describe?: (group: UsageGroup) => string | null
}) {
  const { t } = useTranslation()
  return (
    <div className={`${ui.card} mt-4`}>
      <table className="w-full text-sm tabular-nums sm:table-fixed" data-testid={testId}>
        <caption className="px-4 pt-3 text-left text-sm font-medium">{caption}</caption>
        {/* The same columns in every table, so the three line up. */}
        <colgroup>
          <col />
          <col className="sm:w-24" />
          <col className="hidden sm:table-column sm:w-28" />
          <col className="sm:w-24" />
          <col className="sm:w-28" />
        </colgroup>
        <thead>
          <tr className="text-left text-xs text-zinc-600 dark:text-zinc-400">
            <th scope="col" className="px-4 py-2 font-medium">
              {nameHeader}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              {t('usage.requests')}
            </th>
            <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">
              {t('usage.tokens')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              {t('usage.cost')}
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              {t('usage.saved')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-4 pb-3 text-zinc-600 dark:text-zinc-400">
                {t('usage.nothingYet')}
              </td>
            </tr>
          ) : (
            groups.map((group) => {
              const help = describe?.(group)
              return (
                <tr key={group.key} className="border-t border-zinc-100 dark:border-zinc-800" data-key={group.key}>
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    <span className="font-medium">{label(group)}</span>
                    {group.estimatedUsd > 0 && (
                      <span
                        className={`${estimatedChip} ml-1.5`}
                        data-testid="usage-estimated-chip"
                        title={t('usage.estimatedTip', { amount: money(group.estimatedUsd) })}
                      >
                        {t('usage.estimatedChip')}
                      </span>
                    )}
                    {help && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{help}</span>}
                  </th>
                  <td className="px-3 py-2 text-right">{formatNumber(group.requests)}</td>
                  <td className="hidden px-3 py-2 text-right sm:table-cell">{formatNumber(group.inputTokens + group.outputTokens)}</td>
                  <td className="px-3 py-2 text-right">{money(group.costUsd)}</td>
                  <td className="px-4 py-2 text-right text-emerald-700 dark:text-emerald-400">{money(group.savedUsd)}</td>
                </tr>
              )
            })
          )}
        </tbody>
      </table>
    </div>
  )
}

function ExportSection() {
  const [busy, setBusy] = useState<'jsonl' | 'csv' | null>(null)
  const [status, setStatus] = useState<{ kind: 'done' | 'error'; text: string } | null>(null)
  const { t } = useTranslation()
  const run = async (format: 'jsonl' | 'csv') => {
    setBusy(format)
    setStatus(null)
    const problem = await useUsage.getState().exportLedger(format)
    setBusy(null)
    setStatus(problem ? { kind: 'error', text: t('usage.exportFailed', { problem }) } : { kind: 'done', text: t('usage.exported') })
  }
  return (
    <section aria-labelledby="usage-export-heading" className="mt-10" data-testid="usage-export">
      <h3 id="usage-export-heading" className="text-base font-semibold">
        {t('usage.export')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
        <Trans i18nKey="usage.exportIntro" components={{ term: <Term hint={termHints.tokens}>{null}</Term> }} />
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="button" className={ui.secondary} disabled={busy !== null} onClick={() => void run('csv')} data-testid="usage-export-csv">
          <DownloadIcon size={14} />
          {busy === 'csv' ? t('usage.exporting') : t('usage.exportAs', { format: 'CSV' })}
        </button>
        <button type="button" className={ui.secondary} disabled={busy !== null} onClick={() => void run('jsonl')} data-testid="usage-export-jsonl">
          <DownloadIcon size={14} />
          {busy === 'jsonl' ? t('usage.exporting') : t('usage.exportAs', { format: 'JSONL' })}
        </button>
        <p role={status?.kind === 'error' ? 'alert' : 'status'} className={`text-sm ${status?.kind === 'error' ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}>
          {status?.text ?? ''}
        </p>
      </div>
    </section>
  )
}
