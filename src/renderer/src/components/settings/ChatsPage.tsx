import { useEffect, useRef, useState } from 'react'
import { Trans, useTranslation } from '../../i18n'
import { formatNumber } from '../../lib/format'
import { useConversations } from '../../stores/conversations'
import { useTransfer, type ExportFormat } from '../../stores/transfer'
import { AlertIcon, CheckCircleIcon, DownloadIcon } from '../common/icons'
import { ui } from '../common/ui'
import { ProgressBar } from '../models/ProgressBar'


/** Settings → Chats: export one chat or all of them (Markdown, JSON); import Aura's JSON or ChatGPT's conversations.json. */
export function ChatsPage() {
  const chats = useConversations((s) => s.items)
  const { progress, summary, error } = useTransfer()
  const [which, setWhich] = useState<string>('all')
  const fileInput = useRef<HTMLInputElement>(null)
  const busy = progress !== null
  const { t } = useTranslation()
  const sources = { aura: t('chats.fromAura'), chatgpt: 'ChatGPT' } as const

  useEffect(() => {
    void useConversations.getState().refresh()
  }, [])

  const exportAs = (format: ExportFormat) => void useTransfer.getState().exportChats(which === 'all' ? null : [which], format)

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-chats">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.chats.label')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('chats.intro')}</p>

      <section aria-labelledby="export-heading" className={`${ui.card} mt-6 p-5`}>
        <h3 id="export-heading" className="font-semibold">
          {t('chats.export')}
        </h3>
        <p className={`mt-1 text-sm ${ui.muted}`}>{t('chats.exportIntro')}</p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor="export-which">
            {t('chats.which')}
          </label>
          <select id="export-which" data-testid="export-which" className={`${ui.input} max-w-full min-w-0`} value={which} onChange={(event) => setWhich(event.target.value)}>
            <option value="all">{t('chats.all', { count: formatNumber(chats.length) })}</option>
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
          {t('chats.import')}
        </h3>
        <p className={`mt-1 text-sm ${ui.muted}`}>
          <Trans i18nKey="chats.importIntro" components={{ code: <code /> }} />
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
          {t('chats.choose')}
        </button>
      </section>

      <div aria-live="polite" className="mt-4 space-y-3">
        {progress && (
          <div data-testid="transfer-progress">
            <p className="mb-1.5 text-sm">
              {progress.kind === 'export' ? t('chats.exporting') : progress.total === 0 ? t('chats.reading') : t('chats.importing')}
              {progress.total > 0 && ` ${t('chats.progress', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}`}
            </p>
            <ProgressBar value={progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null} label={progress.kind === 'export' ? t('chats.exportingChats') : t('chats.importingChats')} />
          </div>
        )}
        {summary && (
          <div data-testid="import-summary" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100">
            <p className="flex items-center gap-2 font-semibold">
              <CheckCircleIcon size={16} className="shrink-0" />
              {t('chats.imported', { count: summary.chats, messages: formatNumber(summary.messages), source: sources[summary.source] })}
            </p>
            {summary.skipped.length > 0 && (
              <div className="mt-1">
                <p>
                  {t('chats.leftOut', { count: summary.skipped.length })}
                </p>
                <ul className="ml-5 list-disc">
                  {summary.skipped.slice(0, 10).map((skip, index) => (
                    <li key={index}>{t('chats.skipped', { title: skip.title, reason: skip.why === 'tooLong' ? t('chats.skipTooLong', { limit: formatNumber(skip.limit) }) : t('chats.skipEmpty') })}</li>
                  ))}
                  {summary.skipped.length > 10 && <li>{t('chats.more', { count: summary.skipped.length - 10 })}</li>}
                </ul>
              </div>
            )}
            {summary.stoppedBecause && <p className="mt-1 font-medium text-red-800 dark:text-red-300">{t('chats.stopped', { reason: summary.stoppedBecause })}</p>}
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
