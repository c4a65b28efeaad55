import { useId, useLayoutEffect, useRef, useState } from 'react'
import type { UsageDay } from '../../api'
import { locale, useTranslation } from '../../i18n'
import { formatNumber } from '../../lib/format'
import { formatMoney, type MoneyUnit } from '../../lib/money'
import { termHints } from '../../lib/termWords'

const WIDTH = 640
const HEIGHT = 180
const PAD = { top: 12, right: 8, bottom: 24, left: 56 }

export type ChartView = 'cost' | 'tokens'

/** What the chart can show. */
const VIEWS = ['cost', 'tokens'] as const

/** "2025-03-04" → "Mar 4", "4 mar", "3月4日" (local dates, as the ledger keeps them; in the language on screen). */
export function dayLabel(date: string, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return date
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).toLocaleDateString(locale(), options)
}

/** A round top for the axis: 0.037 → 0.04, 1.3 → 2, 7 → 10, 42_000 → 50_000. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10
  return step * power
}

const compactNumber = (value: number): string => new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 }).format(value)

/**
 * The last 30 days as bars (one per day, today last): what the cloud cost with what staying local
 * saved as a line, or the tokens written and read locally and in the cloud, stacked. A table of the
 * same numbers is its text alternative.
 */
export function UsageChart({ days, unit }: { days: UsageDay[]; unit: MoneyUnit }) {
  const [view, setView] = useState<ChartView>('cost')
  const scroller = useRef<HTMLDivElement>(null)
  // Where the chart scrolls (narrow windows), it starts at today's end.
  useLayoutEffect(() => {
    const el = scroller.current
    if (el) el.scrollLeft = el.scrollWidth
  }, [days.length])
  const titleId = useId()
  const descId = useId()
  const { t } = useTranslation()
  const money = (usd: number) => formatMoney(usd, unit)

  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const slot = plotW / Math.max(days.length, 1)
  const barW = Math.max(2, slot * 0.7)

  // A cost axis reaches a cent at least: a fraction of a cent must not look like a full day's spending.
  const cent = 0.01 / (unit.currencyPerUsd > 0 ? unit.currencyPerUsd : 1)
  const top =
    view === 'cost'
      ? niceMax(Math.max(cent, ...days.map((d) => Math.max(d.costUsd, d.savedUsd))))
      : niceMax(Math.max(0, ...days.map((d) => d.localTokens + d.serverTokens + d.cloudTokens)))
  const y = (value: number) => PAD.top + plotH - (Math.max(0, value) / top) * plotH
  const x = (index: number) => PAD.left + index * slot + (slot - barW) / 2
  const ticks = [0, top / 2, top]
  const tickLabel = (value: number) => (view === 'cost' ? formatMoney(value, unit, { precise: true }) : compactNumber(value))

  const totalCost = days.reduce((sum, d) => sum + d.costUsd, 0)
  const totalSaved = days.reduce((sum, d) => sum + d.savedUsd, 0)
  const totalLocal = days.reduce((sum, d) => sum + d.localTokens, 0)
  const totalCloud = days.reduce((sum, d) => sum + d.cloudTokens, 0)
  const totalServer = days.reduce((sum, d) => sum + d.serverTokens, 0)
  const onServers = (tokens: number) => (totalServer > 0 ? t('usage.chart.onServers', { n: formatNumber(tokens) }) : '')
  const busiest = days.reduce<UsageDay | null>((best, d) => (!best || d.costUsd > best.costUsd ? d : best), null)
  const description =
    view === 'cost'
      ? t('usage.chart.costDesc', { days: days.length, total: money(totalCost), saved: money(totalSaved) }) +
        (busiest && busiest.costUsd > 0 ? ` ${t('usage.chart.costMost', { amount: money(busiest.costUsd), day: dayLabel(busiest.date) })}` : '')
      : t('usage.chart.tokensDesc', { days: days.length, local: formatNumber(totalLocal), servers: onServers(totalServer), cloud: formatNumber(totalCloud) })
  const longDay = (date: string) => dayLabel(date, { weekday: 'short', month: 'short', day: 'numeric' })

  const savedLine = days.map((d, i) => `${x(i) + barW / 2},${y(d.savedUsd)}`).join(' ')

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label={t('usage.chart.shows')} className="inline-flex rounded-lg border border-zinc-200 p-0.5 text-xs dark:border-zinc-700">
          {VIEWS.map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={view === value}
              data-testid={`usage-chart-view-${value}`}
              title={value === 'tokens' ? termHints.tokens : undefined}
              onClick={() => setView(value)}
              className={`rounded-md px-2.5 py-1 font-medium ${
                view === value ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
              }`}
            >
              {value === 'cost' ? t('usage.chart.cost') : t('usage.tokens')}
            </button>
          ))}
        </div>
        <Legend view={view} servers={totalServer > 0} />
      </div>

      {/* Narrow windows scroll the chart sideways rather than shrink its words. */}
      <div ref={scroller} className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={t('usage.chart.label')}>
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          data-testid="usage-chart"
          data-view={view}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="h-auto w-full min-w-[30rem] overflow-visible text-zinc-600 dark:text-zinc-400"
        >
          <title id={titleId}>{view === 'cost' ? t('usage.chart.costTitle') : t('usage.chart.tokensTitle')}</title>
          <desc id={descId}>{description}</desc>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-zinc-200 dark:stroke-zinc-700" strokeDasharray={tick === 0 ? undefined : '3 3'} />
              <text x={PAD.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-current text-[10px] tabular-nums">
                {tickLabel(tick)}
              </text>
            </g>
          ))}
          {days.map((day, i) => {
            const isToday = i === days.length - 1
            const tip =
              view === 'cost'
                ? t('usage.chart.costTip', { day: longDay(day.date), spent: money(day.costUsd), saved: money(day.savedUsd), count: day.requests, n: formatNumber(day.requests) })
                : t('usage.chart.tokensTip', { day: longDay(day.date), local: formatNumber(day.localTokens), servers: onServers(day.serverTokens), cloud: formatNumber(day.cloudTokens) })
            if (view === 'cost') {
              const h = plotH + PAD.top - y(day.costUsd)
              return (
                <g key={day.date} data-testid="usage-chart-bar" data-date={day.date} data-cost={day.costUsd} data-today={isToday || undefined}>
                  <title>{tip}</title>
                  {/* A full-height target for the tooltip, so small days can be pointed at. */}
                  <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} fill="transparent" />
                  <rect
                    x={x(i)}
                    y={day.costUsd > 0 ? Math.min(y(day.costUsd), PAD.top + plotH - 1.5) : PAD.top + plotH}
                    width={barW}
                    height={day.costUsd > 0 ? Math.max(h, 1.5) : 0}
                    rx={1.5}
                    className={isToday ? 'fill-violet-600 dark:fill-violet-400' : 'fill-violet-400/80 dark:fill-violet-500/70'}
                  />
                </g>
              )
            }
            const localH = plotH + PAD.top - y(day.localTokens)
            const serverH = plotH + PAD.top - y(day.serverTokens)
            const cloudH = plotH + PAD.top - y(day.cloudTokens)
            return (
              <g key={day.date} data-testid="usage-chart-bar" data-date={day.date} data-local={day.localTokens} data-cloud={day.cloudTokens} data-today={isToday || undefined}>
                <title>{tip}</title>
                <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} fill="transparent" />
                <rect x={x(i)} y={PAD.top + plotH - localH} width={barW} height={localH} className="fill-emerald-500 dark:fill-emerald-400" />
                <rect x={x(i)} y={PAD.top + plotH - localH - serverH} width={barW} height={serverH} className="fill-violet-500 dark:fill-violet-400" />
                <rect x={x(i)} y={PAD.top + plotH - localH - serverH - cloudH} width={barW} height={cloudH} className="fill-sky-500 dark:fill-sky-400" />
              </g>
            )
          })}
          {view === 'cost' && days.length > 1 && (
            <polyline points={savedLine} fill="none" strokeWidth={1.75} strokeLinejoin="round" className="stroke-emerald-600 dark:stroke-emerald-400" data-testid="usage-chart-saved" />
          )}
          {days.length > 0 &&
            [0, Math.floor((days.length - 1) / 2), days.length - 1].map((i, n) => (
              <text key={`${i}-${n}`} x={x(i) + barW / 2} y={HEIGHT - 6} textAnchor={n === 0 ? 'start' : n === 2 ? 'end' : 'middle'} className="fill-current text-[10px]">
                {i === days.length - 1 ? t('usage.today') : dayLabel(days[i]!.date)}
              </text>
            ))}
        </svg>
      </div>

      <details className="mt-2 text-sm" data-testid="usage-chart-table">
        <summary className="cursor-pointer text-xs font-medium text-zinc-700 select-none dark:text-zinc-300">{t('usage.chart.showNumbers')}</summary>
        <div className="mt-2 max-h-72 overflow-y-auto">
          <table className="w-full text-xs tabular-nums">
            <caption className="sr-only">{t('usage.chart.tableCaption')}</caption>
            <thead>
              <tr className="text-left text-zinc-600 dark:text-zinc-400">
                <th scope="col" className="py-1 font-medium">
                  {t('usage.chart.day')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('usage.chart.spent')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('usage.saved')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('usage.requests')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('usage.chart.localTokens')}
                </th>
                {totalServer > 0 && (
                  <th scope="col" className="py-1 text-right font-medium">
                    {t('usage.chart.serverTokens')}
                  </th>
                )}
                <th scope="col" className="py-1 text-right font-medium">
                  {t('usage.chart.cloudTokens')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((day) => (
                <tr key={day.date} className="border-t border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="py-1 text-left font-normal">
                    {longDay(day.date)}
                  </th>
                  <td className="py-1 text-right">{money(day.costUsd)}</td>
                  <td className="py-1 text-right">{money(day.savedUsd)}</td>
                  <td className="py-1 text-right">{formatNumber(day.requests)}</td>
                  <td className="py-1 text-right">{formatNumber(day.localTokens)}</td>
                  {totalServer > 0 && <td className="py-1 text-right">{formatNumber(day.serverTokens)}</td>}
                  <td className="py-1 text-right">{formatNumber(day.cloudTokens)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  )
}

function Legend({ view, servers }: { view: ChartView; servers: boolean }) {
  const { t } = useTranslation()
  const item = (swatch: string, label: string, line = false) => (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden="true" className={line ? `h-0.5 w-3.5 rounded ${swatch}` : `size-2.5 rounded-sm ${swatch}`} />
      {label}
    </span>
  )
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-hidden="true">
      {view === 'cost' ? (
        <>
          {item('bg-violet-500 dark:bg-violet-400', t('usage.chart.spentCloud'))}
          {item('bg-emerald-600 dark:bg-emerald-400', t('usage.chart.savedLocal'), true)}
        </>
      ) : (
        <>
          {item('bg-emerald-500 dark:bg-emerald-400', t('usage.place.local'))}
          {servers && item('bg-violet-500 dark:bg-violet-400', t('usage.place.server'))}
          {item('bg-sky-500 dark:bg-sky-400', t('usage.place.cloud'))}
        </>
      )}
    </p>
  )
}
