import { useEffect, useRef, useState } from 'react'
import { formatCount } from '../../lib/format'
import { useConversations } from '../../stores/conversations'
import { useTransfer, type ExportFormat } from '../../stores/transfer'
import { AlertIcon, CheckCircleIcon, DownloadIcon } from '../common/icons'
import { ui } from '../common/ui'
import { ProgressBar } from '../models/ProgressBar'

const SOURCES = { aura: 'an Aura export', chatgpt: 'ChatGPT' } as const

/** Settings → Chats: export one chat or all of them (Markdown, JSON); import Aura's JSON or ChatGPT's conversations.json. */
export function ChatsPage() {
  const chats = useConversations((s) => s.items)
  const { progress, summary, error } = useTransfer()
  const [which, setWhich] = useState<string>('all')
  const fileInput = useRef<HTMLInputElement>(null)
  const busy = progress !== null

  useEffect(() => {
    void useConversations.getState().refresh()
  }, [])

  const exportAs = (format: ExportFormat) => void useTransfer.getState().exportChats(which === 'all' ? null : [which], format)

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-chats">
      <h2 className="text-xl font-semibold tracking-tight">Chats</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Take your chats with you, or bring them in from ChatGPT or another Aura.</p>

      <section aria-labelledby="export-heading" className={`${ui.card} mt-6 p-5`}>
        <h3 id="export-heading" className="font-semibold">
          Export
        </h3>
        <p className={`mt-1 text-sm ${ui.muted}`}>Markdown is for reading and sharing; JSON keeps everything, to import into Aura again.</p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor="export-which">
            Which chats
          </label>
          <select id="export-which" data-testid="export-which" className={`${ui.input} max-w-full min-w-0`} value={which} onChange={(event) => setWhich(event.target.value)}>
            <option value="all">All chats ({formatCount(chats.length)})</option>
            {chats.map((chat) => (
              <option key={chat.id} value={chat.id}>
                {chat.title}
              </option>
            ))}
          </select>
          <button type="button" data-testid="export-markdown" className={ui.secondary} disabled={busy || chats.length === 0} onClick={() => exportAs('markdown')}>
            <DownloadIcon size={15} />
            Markdown
          </button>
          <button type="button" data-testid="export-json" className={ui.secondary} disabled={busy || chats.length === 0} onClick={() => exportAs('json')}>
            <DownloadIcon size={15} />
            JSON
          </button>
        </div>
      </section>

      <section aria-labelledby="import-heading" className={`${ui.card} mt-4 p-5`}>
        <h3 id="import-heading" className="font-semibold">
          Import
        </h3>
        <p className={`mt-1 text-sm ${ui.muted}`}>
          A JSON file Aura exported, or <code>conversations.json</code> from ChatGPT’s data export (Settings → Data controls → Export data, in ChatGPT). Each chat
          comes in as a new chat here, as it was last shown; nothing you already have is changed.
        </p>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          data-testid="import-file"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file) void useTransfer.getState().importFile(file)
          }}
        />
        <button type="button" data-testid="import-choose" className={`${ui.primary} mt-3`} disabled={busy} onClick={() => fileInput.current?.click()}>
          Choose a file…
        </button>
      </section>

      <div aria-live="polite" className="mt-4 space-y-3">
        {progress && (
          <div data-testid="transfer-progress">
            <p className="mb-1.5 text-sm">
              {progress.kind === 'export' ? 'Exporting' : progress.total === 0 ? 'Reading the file…' : 'Importing'}
              {progress.total > 0 && ` ${formatCount(progress.done)} of ${formatCount(progress.total)} chats…`}
            </p>
            <ProgressBar value={progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null} label={progress.kind === 'export' ? 'Exporting chats' : 'Importing chats'} />
          </div>
        )}
        {summary && (
          <div data-testid="import-summary" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100">
            <p className="flex items-center gap-2 font-semibold">
              <CheckCircleIcon size={16} className="shrink-0" />
              Imported {formatCount(summary.chats)} {summary.chats === 1 ? 'chat' : 'chats'} ({formatCount(summary.messages)} messages) from {SOURCES[summary.source]}.
            </p>
            {summary.skipped.length > 0 && (
              <div className="mt-1">
                <p>
                  Left out {formatCount(summary.skipped.length)} {summary.skipped.length === 1 ? 'chat' : 'chats'}:
                </p>
                <ul className="ml-5 list-disc">
                  {summary.skipped.slice(0, 10).map((skip, index) => (
                    <li key={index}>
                      “{skip.title}” — {skip.reason}
                    </li>
                  ))}
                  {summary.skipped.length > 10 && <li>and {formatCount(summary.skipped.length - 10)} more</li>}
                </ul>
              </div>
            )}
            {summary.stoppedBecause && <p className="mt-1 font-medium text-red-800 dark:text-red-300">The import stopped: {summary.stoppedBecause}</p>}
          </div>
        )}
        {error && (
          <p role="alert" data-testid="transfer-error" className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
            <AlertIcon size={16} className="mt-0.5 shrink-0" />
            {error}
          </p>
        )}
      </div>
    </div>
  )
}
