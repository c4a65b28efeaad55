import { useEffect, useState } from 'react'
import type { Connection } from '../../api'
import { locale, Trans, useTranslation } from '../../i18n'
import { dayLabel, groupConnections, purposeWords, rowDetail, type ConnectionRow } from '../../lib/networkWords'
import { useApp } from '../../stores/app'
import { usePrivacy } from '../../stores/privacy'
import { useSettings } from '../../stores/settings'
import { AlertIcon, ShieldIcon } from '../common/icons'
import { ui } from '../common/ui'

/**
 * Settings → Privacy: what Aura sends over the network, and where. Every request the services send is
 * recorded on this computer with its purpose; this page lists them by day, in plain words.
 */
export function PrivacyPage() {
  const connections = usePrivacy((s) => s.connections)
  const error = usePrivacy((s) => s.error)
  const localOnly = useSettings((s) => s.settings?.localOnly ?? null)
  const { t } = useTranslation()

  useEffect(() => usePrivacy.getState().watch(), [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-privacy">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.privacy.label')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {t('privacy.intro')}
      </p>

      {localOnly !== null && <LocalOnlyNote on={localOnly} />}

      {error && !connections && (
        <div role="alert" className="mt-6 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <AlertIcon size={16} className="shrink-0" />
          <p className="min-w-0 flex-1">{t('privacy.loadFailed', { error })}</p>
          <button type="button" className={ui.secondary} onClick={() => void usePrivacy.getState().load()}>
            {t('start.tryAgain')}
          </button>
        </div>
      )}
      {!connections && !error && (
        <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400" aria-busy="true">
          {t('privacy.loading')}
        </p>
      )}
      {connections && <ConnectionList connections={connections} />}
    </div>
  )
}

function LocalOnlyNote({ on }: { on: boolean }) {
  return (
    <div
      className={`mt-6 flex items-start gap-3 rounded-xl border px-4 py-3 text-sm ${
        on ? 'border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100' : 'border-zinc-200 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900'
      }`}
      data-testid="privacy-local-only"
      data-on={on}
    >
      <ShieldIcon size={18} className={`mt-0.5 shrink-0 ${on ? 'text-emerald-700 dark:text-emerald-400' : 'text-zinc-500'}`} />
      <p>
        <Trans
          i18nKey={on ? 'privacy.localOn' : 'privacy.localOff'}
          components={{
            b: <strong className="font-semibold" />,
            open: <button type="button" className={`${ui.link} text-left`} onClick={() => useApp.getState().openSettings('routing')} />,
          }}
        />
      </p>
    </div>
  )
}

function ConnectionList({ connections }: { connections: Connection[] }) {
  const [now] = useState(() => Date.now())
  const { t } = useTranslation()
  if (connections.length === 0) {
    return (
      <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400" data-testid="privacy-empty">
        {t('privacy.none')}
      </p>
    )
  }
  return (
    <div className="mt-8 space-y-6" data-testid="privacy-connections">
      {groupConnections(connections).map(({ day, rows }) => (
        <section key={day} aria-label={dayLabel(day, now)}>
          <h3 className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">{dayLabel(day, now)}</h3>
          <ul className={`@container mt-2 divide-y divide-zinc-200 dark:divide-zinc-800 ${ui.card}`}>
            {rows.map((row) => (
              <Row key={`${row.last}-${row.host}-${row.purpose}`} row={row} />
            ))}
          </ul>
        </section>
      ))}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('privacy.kept')}</p>
    </div>
  )
}

function Row({ row }: { row: ConnectionRow }) {
  const time = (at: number) => new Date(at).toLocaleTimeString(locale(), { hour: 'numeric', minute: '2-digit' })
  const when = row.count > 1 && time(row.first) !== time(row.last) ? `${time(row.first)} – ${time(row.last)}` : time(row.last)
  const detail = rowDetail(row)
  return (
    <li className="flex flex-col gap-x-4 gap-y-0.5 px-4 py-2.5 text-sm @md:flex-row" data-testid="privacy-connection" data-purpose={row.purpose} data-host={row.host}>
      <span className="shrink-0 tabular-nums text-zinc-600 @md:w-32 dark:text-zinc-400">{when}</span>
      <span className="min-w-0 flex-1">
        <span className="block font-medium">{purposeWords(row.purpose)}</span>
        <span className="flex flex-wrap gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="min-w-0 truncate font-mono" title={row.host}>
            {row.host}
          </span>
          {detail && <span className={row.failed > 0 ? 'text-amber-800 dark:text-amber-300' : ''}>{detail}</span>}
        </span>
      </span>
    </li>
  )
}
