import { useMemo } from 'react'
import type { Download } from '../../api'
import { useTranslation } from '../../i18n'
import { downloadTitle } from '../../lib/modelWords'
import { useCatalog } from '../../stores/catalog'
import { useDownloads, visibleDownloads } from '../../stores/downloads'
import { ui } from '../common/ui'
import { DownloadRow } from './DownloadRow'

/** The downloads to show, running ones first (stable between renders while nothing changes). */
export function useVisibleDownloads(filter?: (download: Download) => boolean): Download[] {
  const byId = useDownloads((s) => s.byId)
  const hidden = useDownloads((s) => s.hidden)
  return useMemo(() => {
    const all = visibleDownloads({ byId, hidden })
    return filter ? all.filter(filter) : all
  }, [byId, hidden, filter])
}

/** Live download rows; nothing at all when there are none. */
export function DownloadsSection({ heading }: { heading?: string }) {
  const { t } = useTranslation()
  const downloads = useVisibleDownloads()
  const items = useCatalog((s) => s.items)
  const error = useDownloads((s) => s.error)
  if (downloads.length === 0 && !error) return null
  return (
    <section aria-labelledby="downloads-heading" className="mt-8" id="downloads-section">
      <h3 id="downloads-heading" className="text-base font-semibold">
        {heading ?? t('models.downloads.heading')}
      </h3>
      {error && downloads.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('models.downloads.listFailed', { error })}</p>
      ) : (
        <ul className={`${ui.card} mt-3 divide-y divide-zinc-200 dark:divide-zinc-700/80`} aria-label={t('models.downloads.heading')}>
          {downloads.map((download) => (
            <DownloadRow key={download.id} download={download} title={downloadTitle(download, items)} />
          ))}
        </ul>
      )}
    </section>
  )
}
