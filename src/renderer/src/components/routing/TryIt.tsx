import { useEffect, useId, useState } from 'react'
import type { RouteDecision } from '../../api'
import { useTranslation } from '../../i18n'
import { formatNumber } from '../../lib/format'
import { useMoney } from '../../lib/money'
import { COMPLEXITY_LABEL, reasonAfterPlace, TASK_LABEL, TIER_LABEL, tierPlace } from '../../lib/routeWords'
import { termHints } from '../../lib/termWords'
import { useRoutePreview } from '../../stores/routePreview'
import { PlaceBadge } from '../chat/MessageRoute'
import { Term } from '../common/Term'
import { ui } from '../common/ui'

/** "See how Auto decides": a message's route without sending it (`router.preview`). */
export function TryIt({ localOnly }: { localOnly: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  const busy = useRoutePreview((s) => s.busy)
  const result = useRoutePreview((s) => s.result)

  // Leaving the page forgets the try, as it forgets the typed message.
  useEffect(() => () => useRoutePreview.getState().clear(), [])

  return (
    <section aria-labelledby={`${id}-heading`} id="routing-try" className="mt-10 scroll-mt-4">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {t('routing.tryIt.title')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
        {t(localOnly ? 'routing.tryIt.introLocalOnly' : 'routing.tryIt.intro')}
      </p>
      <form
        className="mt-3 flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          void useRoutePreview.getState().run(text)
        }}
      >
        <label htmlFor={id} className="sr-only">
          {t('routing.tryIt.label')}
        </label>
        <input
          id={id}
          data-testid="route-preview-input"
          value={text}
          placeholder={t('routing.tryIt.placeholder')}
          onChange={(e) => setText(e.target.value)}
          className={`${ui.input} min-w-0 flex-1`}
        />
        <button type="submit" className={ui.secondary} disabled={!text.trim() || busy} data-testid="route-preview-run">
          {busy ? t('routing.tryIt.deciding') : t('routing.tryIt.run')}
        </button>
      </form>
      <div aria-live="polite">
        {result && 'error' in result && (
          <p className="mt-3 text-sm text-red-700 dark:text-red-400" role="alert">
            {result.error}
          </p>
        )}
        {result && 'decision' in result && <DecisionCard decision={result.decision} />}
      </div>
    </section>
  )
}

function DecisionCard({ decision }: { decision: RouteDecision }) {
  const { t } = useTranslation()
  const money = useMoney()
  const chosen = decision.candidates.find((candidate) => candidate.modelId === decision.modelId && candidate.skipped === null)
  const place = tierPlace(decision.tier, chosen?.server)
  return (
    <div className={`${ui.card} mt-3 px-4 py-3 text-sm`} data-testid="route-preview" data-tier={decision.tier ?? 'none'}>
      <p className="flex items-start gap-2">
        {place && <PlaceBadge place={place} server={chosen?.server} />}
        <span className="font-medium">{place ? reasonAfterPlace(decision.reason) : decision.reason}</span>
      </p>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {t('routing.tryIt.seenAs', { complexity: COMPLEXITY_LABEL[decision.complexity], task: TASK_LABEL[decision.taskType] })}
        <Term hint={termHints.tokens}>{t('routing.tryIt.tokens', { tokens: formatNumber(decision.promptTokens) })}</Term>
        {decision.estimatedCostUsd !== null && decision.estimatedCostUsd > 0 && t('routing.tryIt.cost', { amount: money(decision.estimatedCostUsd) })}
      </p>
      {decision.candidates.length > 0 && (
        <ol className="mt-2 space-y-1 text-xs" aria-label={t('routing.tryIt.order')}>
          {decision.candidates.map((candidate, index) => (
            <li key={`${candidate.modelId}-${index}`} className={`flex flex-wrap gap-x-2 ${candidate.skipped ? 'text-zinc-600 dark:text-zinc-400' : ''}`}>
              <span className="tabular-nums">{index + 1}.</span>
              <span className="font-medium">{candidate.modelName}</span>
              <span>({candidate.server ? t('routing.tryIt.onServer', { server: candidate.server, tier: TIER_LABEL[candidate.tier] }) : TIER_LABEL[candidate.tier]})</span>
              {candidate.skipped ? <span>{t('routing.tryIt.passedOver', { reason: candidate.skipped })}</span> : candidate.estimatedCostUsd ? <span>{t('routing.tryIt.about', { amount: money(candidate.estimatedCostUsd) })}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
