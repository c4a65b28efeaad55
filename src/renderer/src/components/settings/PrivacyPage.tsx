import { useEffect, useState } from 'react'
import type { Connection } from '../../api'
import { dayLabel, groupConnections, PURPOSE_WORDS, rowDetail, type ConnectionRow } from '../../lib/networkWords'
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

  useEffect(() => usePrivacy.getState().watch(), [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-privacy">
      <h2 className="text-xl font-semibold tracking-tight">Privacy</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Aura connects to the internet only for what you ask: downloading a model you chose, searching Hugging Face for one, sending a
        message to a cloud model, and testing a key you saved. No tracking, no usage reports, no update checks. Every connection is listed
        below; the list is kept only on this computer.
      </p>

      {localOnly !== null && <LocalOnlyNote on={localOnly} />}

      {error && !connections && (
        <div role="alert" className="mt-6 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <AlertIcon size={16} className="shrink-0" />
          <p className="min-w-0 flex-1">Aura couldn’t load the list of connections: {error}</p>
          <button type="button" className={ui.secondary} onClick={() => void usePrivacy.getState().load()}>
            Try again
          </button>
        </div>
      )}
      {!connections && !error && (
        <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400" aria-busy="true">
          Loading…
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
      {on ? (
        <p>
          <strong className="font-semibold">Local only is on:</strong> nothing leaves this computer except downloads you start. Your
          messages are answered here. Searching Hugging Face and testing a key still go online, but only when you press the button.{' '}
          <button type="button" className={`${ui.link} text-left`} onClick={() => useApp.getState().openSettings('routing')}>
            Change it in Routing &amp; Budget
          </button>
        </p>
      ) : (
        <p>
          <strong className="font-semibold">Local only is off:</strong> when you pick a cloud model — or Auto picks one for a hard question —
          your message is sent to that company.{' '}
          <button type="button" className={`${ui.link} text-left`} onClick={() => useApp.getState().openSettings('routing')}>
            Turn on Local only
          </button>{' '}
          to keep everything on this computer.
        </p>
      )}
    </div>
  )
}

function ConnectionList({ connections }: { connections: Connection[] }) {
  const [now] = useState(() => Date.now())
  if (connections.length === 0) {
    return (
      <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400" data-testid="privacy-empty">
        Aura has not connected to anything yet.
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
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Aura keeps the most recent connections in the file connections.jsonl in its data folder.</p>
    </div>
  )
}

function Row({ row }: { row: ConnectionRow }) {
  const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })
  const when = row.count > 1 && time(row.first) !== time(row.last) ? `${time(row.first)} – ${time(row.last)}` : time(row.last)
  const detail = rowDetail(row)
  return (
    <li className="flex flex-col gap-x-4 gap-y-0.5 px-4 py-2.5 text-sm @md:flex-row" data-testid="privacy-connection" data-purpose={row.purpose} data-host={row.host}>
      <span className="shrink-0 tabular-nums text-zinc-600 @md:w-32 dark:text-zinc-400">{when}</span>
      <span className="min-w-0 flex-1">
        <span className="block font-medium">{PURPOSE_WORDS[row.purpose]}</span>
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
