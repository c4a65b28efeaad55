import { useEffect, useMemo, useRef, useState } from 'react'
import type { Download } from '../../api'
import { useTranslation } from '../../i18n'
import { downloadTitle } from '../../lib/modelWords'
import { useApp } from '../../stores/app'
import { useCatalog } from '../../stores/catalog'
import { useDownloads, visibleDownloads } from '../../stores/downloads'
import { DownloadIcon } from '../common/icons'
import { ui } from '../common/ui'
import { DownloadRow } from './DownloadRow'

/** Running, or about to run again by itself (paused because the connection went away). */
const running = (download: Download): boolean =>
  download.state === 'queued' || download.state === 'downloading' || download.state === 'verifying' || (download.state === 'paused' && download.error?.code === 'hub_unreachable')

/**
 * The header's downloads button, on every page while any download runs: how far they are together,
 * a warning tone while one waits on its connection, and a click opens the downloads right there
 * (a panel under the header, on screen wherever the page is scrolled).
 */
export function DownloadsIndicator() {
  const { t } = useTranslation()
  const byId = useDownloads((s) => s.byId)
  const hidden = useDownloads((s) => s.hidden)
  const items = useCatalog((s) => s.items)
  const [open, setOpen] = useState(false)
  const panel = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const all = useMemo(() => visibleDownloads({ byId, hidden }), [byId, hidden])
  const active = all.filter(running)

  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node
      // A dialog opened from a row (Stop download?) is outside the panel but part of it.
      if (panel.current?.contains(target) || button.current?.contains(target) || (target as Element).closest?.('[role="dialog"], [role="alertdialog"]')) return
      setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  // Shown while one runs; an open panel stays until closed, so it does not vanish under the pointer.
  if (active.length === 0 && !open) return null
  const total = active.reduce((sum, d) => sum + (d.totalBytes ?? 0), 0)
  const received = active.reduce((sum, d) => sum + Math.min(d.receivedBytes, d.totalBytes ?? d.receivedBytes), 0)
  const percent = total > 0 ? Math.floor((received / total) * 100) : null
  const waiting = active.some((d) => d.stall || d.state === 'paused')
  const count = t(percent === null ? 'models.downloads.count' : 'models.downloads.countPercent', { count: active.length, percent })
  const label = active.length === 0 ? t('models.downloads.heading') : waiting ? t('models.downloads.waiting', { label: count }) : count

  return (
    <div className="relative shrink-0">
      <button
        ref={button}
        type="button"
        data-testid="downloads-indicator"
        data-waiting={waiting || undefined}
        aria-expanded={open}
        aria-controls="downloads-panel"
        aria-label={t('models.downloads.show', { label })}
        title={label}
        className={`flex items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm font-medium tabular-nums hover:bg-zinc-100 dark:hover:bg-zinc-800 ${
          waiting ? 'text-amber-800 dark:text-amber-300' : 'text-violet-700 dark:text-violet-300'
        }`}
        onClick={() => setOpen((value) => !value)}
      >
        <DownloadIcon size={16} className={active.length > 0 && !waiting ? 'animate-pulse' : undefined} />
        {percent !== null && <span aria-hidden="true">{percent}%</span>}
      </button>
      {open && (
        <div
          ref={panel}
          id="downloads-panel"
          role="region"
          aria-label={t('models.downloads.heading')}
          data-testid="downloads-panel"
          className={`${ui.card} fixed top-14 right-2 z-40 flex max-h-[calc(100vh-4.5rem)] w-[min(30rem,calc(100vw-1rem))] flex-col shadow-lg`}
        >
          <ul className="min-h-0 flex-1 divide-y divide-zinc-200 overflow-y-auto dark:divide-zinc-700/80" aria-label={t('models.downloads.heading')}>
            {all.map((download) => (
              <DownloadRow key={download.id} download={download} title={downloadTitle(download, items)} />
            ))}
            {all.length === 0 && <li className="px-4 py-3.5 text-sm text-zinc-600 dark:text-zinc-400">{t('models.downloads.none')}</li>}
          </ul>
          <div className="border-t border-zinc-200 px-4 py-2.5 dark:border-zinc-700/80">
            <button
              type="button"
              className={ui.link}
              onClick={() => {
                setOpen(false)
                useApp.getState().openSettings('models')
              }}
            >
              {t('models.downloads.more')}
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
