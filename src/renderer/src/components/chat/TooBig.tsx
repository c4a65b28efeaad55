import { useId, useState } from 'react'
import type { AuraErrorShape } from '../../api'
import { useTranslation } from '../../i18n'
import { fitFromError } from '../../lib/modelWords'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { isStreamingIn, useStreaming } from '../../stores/streaming'
import { AlertIcon } from '../common/icons'
import { ui } from '../common/ui'
import { FitDetails } from '../models/Fit'

/**
 * A reply refused because the model's memory estimate exceeds this computer: the reason, the
 * numbers one click away, and "Load anyway" (the user may know better, e.g. with swap).
 */
export function TooBig({ error, modelId, canRetry }: { error: AuraErrorShape; modelId: string | null; canRetry: boolean }) {
  const { t } = useTranslation()
  const fit = fitFromError(error)
  const activeId = useChat((s) => s.activeId)
  const busy = useChat((s) => s.busy)
  const streaming = useStreaming(isStreamingIn(activeId))
  const [open, setOpen] = useState(false)
  const detailsId = useId()

  return (
    <div
      role="alert"
      data-testid="model-too-big"
      className="mt-2 rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <div className="flex items-start gap-2">
        <AlertIcon size={16} className="mt-0.5 shrink-0" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold">{t('message.tooBig')}</p>
          <p className="mt-0.5">
            {fit?.reason ?? error.message} {t('message.tooBigRisk')}
          </p>
        </div>
      </div>
      <div className="mt-2.5 flex flex-wrap items-center gap-2 pl-6">
        {canRetry && modelId && (
          <button
            type="button"
            data-testid="load-anyway"
            disabled={busy || streaming}
            className={ui.secondary}
            onClick={() => void useChat.getState().regenerate(modelId, { loadAnyway: true })}
          >
            {t('message.loadAnyway')}
          </button>
        )}
        <button type="button" className={ui.ghost} onClick={() => useApp.getState().openSettings('models')}>
          {t('message.pickSmaller')}
        </button>
        {fit && (
          <button type="button" aria-expanded={open} aria-controls={detailsId} className={`${ui.ghost} text-xs`} onClick={() => setOpen((o) => !o)}>
            {open ? t('message.hideNumbers') : t('message.showNumbers')}
          </button>
        )}
      </div>
      <div id={detailsId} hidden={!open} className="mt-2.5 pl-6 text-zinc-900 dark:text-zinc-100">
        {open && fit && <FitDetails id={`${detailsId}-fit`} fit={fit} />}
      </div>
    </div>
  )
}
