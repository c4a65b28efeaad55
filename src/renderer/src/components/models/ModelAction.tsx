import { useState } from 'react'
import type { CatalogItem, CatalogQuant, FitEstimate } from '../../api'
import { useTranslation } from '../../i18n'
import { chatWith } from '../../lib/chatWith'
import { formatBytes } from '../../lib/format'
import { isActive, percentOf, tooBigAsk, type TooBigAsk } from '../../lib/modelWords'
import { latestDownload, useDownloads } from '../../stores/downloads'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { ChatIcon, CheckCircleIcon, DownloadIcon } from '../common/icons'
import { ui } from '../common/ui'
import { FailedDownloadNote } from './HubAuthHelp'
import { ProgressBar } from './ProgressBar'

interface ModelActionProps {
  item: CatalogItem
  quant: CatalogQuant
  fit: FitEstimate | null
  /** The Download button's test id (`catalog-download`, `recommendation-download`). */
  testId: string
}

/**
 * What can be done with a catalog model right now: Download (with its size), its progress while it
 * downloads, or "Installed" with "Chat with it". Too-big models ask before downloading.
 */
export function ModelAction({ item, quant, fit, testId }: ModelActionProps) {
  const { t } = useTranslation()
  const download = useDownloads((s) => latestDownload(s.byId, quant.repo, quant.file))
  const [confirmBig, setConfirmBig] = useState(false)
  const [starting, setStarting] = useState(false)

  if (item.installedModelId) {
    const modelId = item.installedModelId
    return (
      <div className="flex flex-wrap items-center justify-end gap-2">
        <span className="inline-flex items-center gap-1 text-sm font-medium text-emerald-700 dark:text-emerald-400" data-testid="catalog-installed">
          <CheckCircleIcon size={15} />
          {t('models.action.installed')}
        </span>
        <button type="button" data-testid="catalog-chat" className={ui.secondary} onClick={() => chatWith(modelId)}>
          <ChatIcon size={14} />
          {t('models.chatWithIt')}
        </button>
      </div>
    )
  }

  if (download && isActive(download)) {
    const percent = percentOf(download)
    const words =
      download.state === 'paused'
        ? t('models.paused')
        : download.state === 'queued'
          ? t('models.action.waiting')
          : download.state === 'verifying'
            ? t('models.action.checking')
            : t('models.download.states.downloading')
    return (
      <div className="w-40" data-testid="catalog-downloading">
        <p className="flex justify-between text-xs font-medium text-zinc-700 dark:text-zinc-300">
          <span>{words}</span>
          <span className="tabular-nums">{percent === null ? '' : `${percent}%`}</span>
        </p>
        <div className="mt-1">
          <ProgressBar value={percent} label={t('models.downloadingNamed', { name: item.name })} tone={download.state === 'paused' ? 'paused' : 'active'} />
        </div>
      </div>
    )
  }

  const start = async () => {
    setStarting(true)
    await useDownloads.getState().start(quant.repo, quant.file)
    setStarting(false)
  }
  const tooBig = fit?.label === 'too_big'

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid={testId}
        disabled={starting}
        className={tooBig ? ui.secondary : ui.primary}
        onClick={() => (tooBig ? setConfirmBig(true) : void start())}
      >
        <DownloadIcon size={15} />
        {starting ? t('models.starting') : t('models.downloadButton')}
        <span className="sr-only"> {item.name}</span>
        {quant.sizeBytes !== null && !starting && <span className="font-normal opacity-90">· {formatBytes(quant.sizeBytes)}</span>}
      </button>
      <TooBigAskDialog
        open={confirmBig}
        ask={tooBigAsk(item.name, quant.sizeBytes, { reason: fit?.reason ?? '' })}
        onCancel={() => setConfirmBig(false)}
        onConfirm={() => {
          setConfirmBig(false)
          void start()
        }}
      />
      {download?.state === 'failed' && download.error && (
        <FailedDownloadNote error={download.error} repo={quant.repo} testId="catalog-download-problem" />
      )}
    </div>
  )
}

/** Asks before a model too big for this computer is downloaded, saying what will happen. */
export function TooBigAskDialog({ open, ask, onCancel, onConfirm }: { open: boolean; ask: TooBigAsk; onCancel: () => void; onConfirm: () => void }) {
  return <ConfirmDialog open={open} title={ask.title} body={ask.body} confirmLabel={ask.confirm} onCancel={onCancel} onConfirm={onConfirm} />
}
