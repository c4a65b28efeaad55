import { useEffect } from 'react'
import { useTranslation } from '../../i18n'
import { useLearned } from '../../stores/learned'
import { ui } from '../common/ui'
import { Section } from '../settings/fields'

/** "What Auto learned": the kinds of request that now start one tier up because of the user's ratings, and Reset. */
export function LearnedSection() {
  const { t } = useTranslation()
  const learned = useLearned((s) => s.learned)
  const error = useLearned((s) => s.error)
  const resetting = useLearned((s) => s.resetting)
  useEffect(() => void useLearned.getState().load(), [])

  const adjustments = learned?.adjustments ?? []
  return (
    <Section
      id="routing-learned"
      title={t('routing.learned.title')}
      intro={t('routing.learned.intro')}
    >
      <div className="px-4 py-4 text-sm" data-testid="learned" aria-live="polite">
        {error ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : !learned ? (
          <p className={ui.muted}>{t('routing.loading')}</p>
        ) : adjustments.length === 0 ? (
          <p className={ui.muted} data-testid="learned-nothing">
            {learned.signals === 0 ? t('routing.learned.nothing') : t('routing.learned.nothingChanged', { count: learned.signals })}
          </p>
        ) : (
          <ul className="list-disc space-y-1 pl-5" aria-label={t('routing.learned.title')}>
            {adjustments.map((adjustment) => (
              <li key={`${adjustment.taskType}:${adjustment.complexity}`} data-testid="learned-line">
                {adjustment.text}
              </li>
            ))}
          </ul>
        )}
        {learned && learned.signals > 0 && (
          <button type="button" className={`${ui.secondary} mt-3`} data-testid="learned-reset" disabled={resetting} onClick={() => void useLearned.getState().reset()}>
            {resetting ? t('routing.learned.forgetting') : t('routing.learned.reset')}
          </button>
        )}
      </div>
    </Section>
  )
}
