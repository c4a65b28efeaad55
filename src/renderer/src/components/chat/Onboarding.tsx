import { useEffect, useId, useState } from 'react'
import { Trans, useTranslation } from '../../i18n'
import { formatBytes } from '../../lib/format'
import { downloadTitle, fitOf, sentence } from '../../lib/modelWords'
import { useApp } from '../../stores/app'
import { useCatalog, useRecommended } from '../../stores/catalog'
import { latestDownload, useDownloads } from '../../stores/downloads'
import { useOnboarding } from '../../stores/onboarding'
import { DownloadIcon, SparkIcon } from '../common/icons'
import { ui } from '../common/ui'
import { DownloadRow } from '../models/DownloadRow'
import { CapabilityChips, FitBadge, FitDetails } from '../models/Fit'

/**
 * The first-run card: "Aura found <hardware>. We suggest <model> (<size>). Download?" — and,
 * once accepted, that download's progress right here.
 */
export function OnboardingCard() {
  const hardware = useCatalog((s) => s.hardware)
  const hardwareError = useCatalog((s) => s.hardwareError)
  const catalogLoaded = useCatalog((s) => s.loaded)
  const catalogError = useCatalog((s) => s.error)
  const items = useCatalog((s) => s.items)
  const rec = useRecommended()
  const started = useOnboarding((s) => s.started)
  const download = useDownloads((s) => (started ? latestDownload(s.byId, started.repo, started.file) : null))
  const [accepting, setAccepting] = useState(false)
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const headingId = useId()
  const { t } = useTranslation()
  const bold = { b: <strong className="font-semibold" /> }

  useEffect(() => {
    void useCatalog.getState().ensure()
  }, [])

  const looking = (!hardware && !hardwareError) || (!catalogLoaded && !catalogError)
  const fit = rec ? fitOf(rec.item, rec.quant.quant) : null
  const reason = rec ? sentence(rec.reason) : ''

  const accept = async () => {
    if (!rec) return
    setAccepting(true)
    await useOnboarding.getState().accept(rec.quant.repo, rec.quant.file)
    setAccepting(false)
  }

  return (
    <section
      data-testid="onboarding"
      aria-labelledby={headingId}
      aria-busy={looking || undefined}
      className="rounded-2xl border border-violet-200 bg-violet-50/60 px-6 py-6 dark:border-violet-900 dark:bg-violet-950/30"
    >
      <div className="flex items-start gap-4">
        <div className="flex size-11 shrink-0 items-center justify-center rounded-2xl bg-gradient-to-br from-violet-500 to-fuchsia-400 text-white shadow-md">
          <SparkIcon size={22} />
        </div>
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="text-xl font-semibold tracking-tight">
            {t('onboarding.welcome')}
          </h2>
          <p className="mt-1 text-zinc-700 dark:text-zinc-300">
            {t('onboarding.intro')}
          </p>
        </div>
      </div>

      {looking ? (
        <p className="mt-5 flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400" role="status">
          <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
          {t('onboarding.looking')}
        </p>
      ) : (
        <div className="mt-5 space-y-3">
          {hardware && (
            <p data-testid="onboarding-hardware">
              <Trans i18nKey="onboarding.found" values={{ hardware: hardware.summary }} components={bold} />
            </p>
          )}
          {rec ? (
            <>
              <p data-testid="onboarding-suggestion">
                {rec.quant.sizeBytes !== null ? (
                  <Trans i18nKey="onboarding.suggestSized" values={{ name: rec.item.name, size: formatBytes(rec.quant.sizeBytes), reason }} components={bold} />
                ) : (
                  <Trans i18nKey="onboarding.suggest" values={{ name: rec.item.name, reason }} components={bold} />
                )}
                {!started && ` ${t('onboarding.downloadIt')}`}
              </p>
              <div className="flex flex-wrap items-center gap-2">
                <CapabilityChips capabilities={rec.item.capabilities} />
                {fit && <FitBadge label={fit.label} controls={detailsId} expanded={open} onToggle={() => setOpen((o) => !o)} />}
              </div>
              <div id={detailsId} hidden={!open}>
                {open && fit && <FitDetails id={`${detailsId}-fit`} fit={fit} />}
              </div>
            </>
          ) : (
            <p className="text-zinc-700 dark:text-zinc-300">
              {t(catalogError ? 'onboarding.catalogFailed' : 'onboarding.pickInSettings')}
            </p>
          )}
        </div>
      )}

      {started && download ? (
        <div className="mt-4">
          <ul className={`${ui.card}`} aria-label={t('onboarding.downloadList')}>
            <DownloadRow download={download} title={downloadTitle(download, items)} dismissible={false} />
          </ul>
          {download.state !== 'failed' && download.state !== 'canceled' && (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              {t('onboarding.carriesOn')}
            </p>
          )}
        </div>
      ) : (
        !looking && (
          <div className="mt-5 flex flex-wrap items-center gap-2">
            {rec && (
              <button type="button" data-testid="onboarding-download" className={ui.primary} disabled={accepting} onClick={() => void accept()}>
                <DownloadIcon size={16} />
                {accepting
                  ? t('onboarding.starting')
                  : rec.quant.sizeBytes !== null
                    ? t('onboarding.downloadSized', { size: formatBytes(rec.quant.sizeBytes) })
                    : t('onboarding.download')}
              </button>
            )}
            <button type="button" data-testid="onboarding-browse" className={ui.secondary} onClick={() => useApp.getState().openSettings('models')}>
              {t('onboarding.seeAll')}
            </button>
            <button type="button" data-testid="onboarding-dismiss" className={ui.ghost} onClick={() => void useOnboarding.getState().dismiss()}>
              {t('onboarding.notNow')}
            </button>
          </div>
        )
      )}
      {started && download && (download.state === 'failed' || download.state === 'canceled') && (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className={ui.secondary} onClick={() => useApp.getState().openSettings('models')}>
            {t('onboarding.seeAll')}
          </button>
          <button type="button" data-testid="onboarding-dismiss" className={ui.ghost} onClick={() => void useOnboarding.getState().dismiss()}>
            {t('onboarding.notNow')}
          </button>
        </div>
      )}
    </section>
  )
}
