import { useState } from 'react'
import type { Download } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { chatWith, showModelsFolder } from '../../lib/chatWith'
import { formatBytes } from '../../lib/format'
import { fileTitle, formatSpeed, formatTimeLeft, percentOf, stallWords } from '../../lib/modelWords'
import { useDownloads } from '../../stores/downloads'
import { useModelsPage } from '../../stores/modelsPage'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { AlertIcon, ChatIcon, CheckCircleIcon, CloseIcon, FolderIcon, PauseIcon, PlayIcon, RefreshIcon } from '../common/icons'
import { ui } from '../common/ui'
import { HubAuthActions, useProblemWords } from './HubAuthHelp'
import { ProgressBar } from './ProgressBar'

/** "Downloading", "Paused"… in the language on screen. */
const stateWords = (state: Download['state']): string => i18n.t(`models.download.states.${state}`)

/** "1.2 GiB of 2.5 GiB" (or just what arrived when the size is not known yet). */
function amount(download: Download): string {
  return download.totalBytes
    ? i18n.t('models.download.amount', { received: formatBytes(download.receivedBytes), total: formatBytes(download.totalBytes) })
    : formatBytes(download.receivedBytes)
}

/** What the row says under its bar. */
function statusLine(download: Download): string {
  const retrying = download.error !== null
  switch (download.state) {
    case 'queued':
      return i18n.t('models.download.queued')
    case 'downloading':
      // The problem (or the wait on the connection) is told below the line.
      if (retrying || download.stall) return amount(download)
      return [amount(download), formatSpeed(download.bytesPerSecond), formatTimeLeft(download.etaSeconds)].filter(Boolean).join(' · ')
    case 'paused':
      return i18n.t(retrying ? 'models.download.pausedWaiting' : 'models.download.pausedAt', { amount: amount(download) })
    case 'verifying':
      return i18n.t('models.download.verifying')
    case 'done':
      return i18n.t('models.download.ready', { size: download.totalBytes ? formatBytes(download.totalBytes) : stateWords('done') })
    case 'canceled':
      return i18n.t('models.download.canceled')
    case 'failed':
      // A damaged file was removed: nothing of it is kept to continue from.
      if (download.error?.code === 'checksum_mismatch' || download.receivedBytes === 0) return ''
      return i18n.t('models.download.stoppedAt', { amount: amount(download) })
  }
}

interface DownloadRowProps {
  download: Download
  title: string
  /** The onboarding card shows a row without the "remove from list" button. */
  dismissible?: boolean
}

/** One download: name, progress bar with percent, speed and time left, and what can be done with it. */
export function DownloadRow({ download, title, dismissible = true }: DownloadRowProps) {
  const { t } = useTranslation()
  const actionError = useDownloads((s) => s.actionErrors[download.id])
  const [confirmCancel, setConfirmCancel] = useState(false)
  const percent = percentOf(download)
  const { state } = download
  const problem = useProblemWords(state === 'failed' ? download.error : null)
  const warning =
    state === 'downloading' && download.stall
      ? stallWords(download.stall)
      : (state === 'downloading' || state === 'paused') && download.error
      ? download.error.code === 'hub_unreachable'
        ? t('models.download.connectionLost', { message: download.error.message })
        : download.error.message
      : null
  const tone = state === 'failed' ? 'failed' : state === 'done' ? 'done' : state === 'paused' || state === 'canceled' ? 'paused' : 'active'
  const line = statusLine(download)
  const store = useDownloads.getState()

  return (
    <li data-testid="download-row" data-state={state} data-id={download.id} className="px-4 py-3.5">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <p className="flex items-center gap-2 font-medium break-words">
            {state === 'done' && <CheckCircleIcon size={16} className="shrink-0 text-emerald-600 dark:text-emerald-400" />}
            {title}
          </p>
          <p className="mt-0.5 truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={`${download.repo}/${download.file}`}>
            {download.repo} · {fileTitle(download.file)}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-1.5">
          {(state === 'downloading' || state === 'queued') && (
            <button type="button" data-testid="download-pause" className={ui.secondary} onClick={() => void store.pause(download.id)}>
              <PauseIcon size={14} />
              {t('models.download.pause')}
            </button>
          )}
          {state === 'paused' && (
            <button type="button" data-testid="download-resume" className={ui.secondary} onClick={() => void store.resume(download.id)}>
              <PlayIcon size={14} />
              {t('models.download.resume')}
            </button>
          )}
          {(state === 'downloading' || state === 'queued' || state === 'paused') && (
            <button type="button" data-testid="download-cancel" className={ui.ghost} onClick={() => setConfirmCancel(true)}>
              {t('common.cancel')}
            </button>
          )}
          {state === 'failed' && problem?.action === 'folder' && (
            <button type="button" className={ui.secondary} onClick={() => {
              useModelsPage.getState().setFolderFormOpen(true)
              showModelsFolder()
            }}>
              <FolderIcon size={14} />
              {t('models.download.changeFolder')}
            </button>
          )}
          {(state === 'failed' || state === 'canceled') && problem?.action !== null && (
            <button type="button" data-testid="download-retry" className={ui.secondary} onClick={() => void store.retry(download.id)}>
              <RefreshIcon size={14} />
              {t(state === 'canceled' ? 'models.download.again' : 'models.tryAgain')}
            </button>
          )}
          {state === 'done' && download.modelId && (
            <button type="button" data-testid="download-chat" className={ui.primary} onClick={() => chatWith(download.modelId)}>
              <ChatIcon size={15} />
              {t('models.chatWithIt')}
            </button>
          )}
          {dismissible && (state === 'done' || state === 'failed' || state === 'canceled') && (
            <button
              type="button"
              data-testid="download-dismiss"
              aria-label={t('models.download.removeNamed', { title })}
              title={t('models.download.remove')}
              className={ui.ghost}
              onClick={() => store.dismiss(download.id)}
            >
              <CloseIcon size={15} />
            </button>
          )}
        </div>
      </div>

      {state !== 'failed' && state !== 'canceled' && (
        <div className="mt-2.5 flex items-center gap-3">
          <ProgressBar
            data-testid="download-progress"
            value={state === 'verifying' ? 100 : percent}
            label={t('models.downloadingNamed', { name: title })}
            valueText={
              percent === null
                ? `${stateWords(state)}, ${amount(download)}`
                : t('models.download.valuePercent', { state: stateWords(state), percent, amount: amount(download) })
            }
            tone={tone}
          />
          <span className="w-10 shrink-0 text-right text-sm font-medium tabular-nums" aria-hidden="true">
            {percent === null ? '' : `${percent}%`}
          </span>
        </div>
      )}
      {line && <p className="mt-1.5 text-sm text-zinc-600 tabular-nums dark:text-zinc-400">{line}</p>}

      {warning && (
        <p data-testid="download-warning" className="mt-2 flex items-start gap-1.5 text-sm text-amber-900 dark:text-amber-200">
          <AlertIcon size={15} className="mt-0.5 shrink-0" />
          {warning}
        </p>
      )}
      {problem && (
        <div
          data-testid="download-error"
          data-code={download.error?.code}
          className="mt-2 flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100"
        >
          <AlertIcon size={16} className="mt-0.5 shrink-0" />
          <div className="min-w-0">
            <p className="font-semibold">{problem.title}</p>
            <p className="mt-0.5">{problem.advice}</p>
            {download.error && (problem.action === 'token' || problem.action === 'licence') && (
              <div className="mt-2 flex flex-wrap gap-2">
                <HubAuthActions words={problem} error={download.error} repo={download.repo} />
              </div>
            )}
          </div>
        </div>
      )}
      {actionError && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {actionError}
        </p>
      )}
      <span className="sr-only" role="status">
        {`${title}: ${stateWords(state)}${problem ? ` — ${problem.title}` : ''}`}
      </span>

      <ConfirmDialog
        open={confirmCancel}
        title={t('models.download.stopTitle', { title })}
        body={
          download.receivedBytes > 0
            ? t('models.download.stopBody', { size: formatBytes(download.receivedBytes) })
            : t('models.download.stopBodyEmpty')
        }
        confirmLabel={t('models.download.stop')}
        destructive
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => {
          setConfirmCancel(false)
          void store.cancel(download.id)
        }}
      />
    </li>
  )
}
