import { useId, useState } from 'react'
import { Trans, useTranslation } from '../../i18n'
import { formatBytes } from '../../lib/format'
import { fitOf, sentence } from '../../lib/modelWords'
import { useRecommended } from '../../stores/catalog'
import { SparkIcon } from '../common/icons'
import { CapabilityChips, FitBadge, FitDetails } from './Fit'
import { ModelAction } from './ModelAction'

/** "We suggest <model> (<size>) — <reason>", with its Download button. */
export function RecommendationCard() {
  const { t } = useTranslation()
  const rec = useRecommended()
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  if (!rec) return null
  const { item, quant, reason } = rec
  const fit = fitOf(item, quant.quant)

  return (
    <section
      data-testid="recommendation"
      data-entry-id={item.id}
      aria-labelledby="recommendation-heading"
      className="mt-4 rounded-xl border border-violet-200 bg-violet-50/70 px-5 py-4 dark:border-violet-900 dark:bg-violet-950/40"
    >
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <div className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-gradient-to-br from-violet-500 to-fuchsia-400 text-white shadow-sm">
          <SparkIcon size={20} />
        </div>
        <div className="min-w-0 flex-1 basis-64">
          <h3 id="recommendation-heading" className="text-xs font-medium tracking-wide text-violet-800 uppercase dark:text-violet-300">
            {t('models.recommendation.heading')}
          </h3>
          <p className="mt-0.5">
            <Trans
              i18nKey={quant.sizeBytes !== null ? 'models.recommendation.suggestSized' : 'models.recommendation.suggest'}
              values={{ name: item.name, size: quant.sizeBytes !== null ? formatBytes(quant.sizeBytes) : '' }}
              components={{ b: <strong className="font-semibold" /> }}
            />{' '}
            {sentence(reason)}
          </p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">{item.description}</p>
          <div className="mt-2.5 flex flex-wrap items-center gap-2">
            <CapabilityChips capabilities={item.capabilities} />
            {fit && <FitBadge label={fit.label} controls={detailsId} expanded={open} onToggle={() => setOpen((o) => !o)} />}
          </div>
        </div>
        <ModelAction item={item} quant={quant} fit={fit} testId="recommendation-download" />
      </div>
      <div id={detailsId} hidden={!open} className="mt-3">
        {open && fit && <FitDetails id={`${detailsId}-fit`} fit={fit} />}
      </div>
    </section>
  )
}
