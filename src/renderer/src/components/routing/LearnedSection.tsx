import { useEffect } from 'react'
import { useLearned } from '../../stores/learned'
import { ui } from '../common/ui'
import { Section } from '../settings/fields'

/** "What Auto learned": the kinds of request that now start one tier up because of the user's ratings, and Reset. */
export function LearnedSection() {
  const learned = useLearned((s) => s.learned)
  const error = useLearned((s) => s.error)
  const resetting = useLearned((s) => s.resetting)
  useEffect(() => void useLearned.getState().load(), [])

  const adjustments = learned?.adjustments ?? []
  return (
    <Section
      id="routing-learned"
      title="What Auto learned"
      intro="Rate replies with the thumbs under them. When answers from this computer to one kind of request keep being rated down, Auto sends that kind one step up; after some weeks without new thumbs down it tries the cheaper model again. Local only and the budget still apply."
    >
      <div className="px-4 py-4 text-sm" data-testid="learned" aria-live="polite">
        {error ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : !learned ? (
          <p className={ui.muted}>Loading…</p>
        ) : adjustments.length === 0 ? (
          <p className={ui.muted} data-testid="learned-nothing">
            {learned.signals === 0 ? 'Nothing yet: Auto decides as it always has.' : `Nothing changed yet: ${learned.signals} ${learned.signals === 1 ? 'rating' : 'ratings'} counted, not enough to move any kind of request.`}
          </p>
        ) : (
          <ul className="list-disc space-y-1 pl-5" aria-label="What Auto learned">
            {adjustments.map((adjustment) => (
              <li key={`${adjustment.taskType}:${adjustment.complexity}`} data-testid="learned-line">
                {adjustment.text}
              </li>
            ))}
          </ul>
        )}
        {learned && learned.signals > 0 && (
          <button type="button" className={`${ui.secondary} mt-3`} data-testid="learned-reset" disabled={resetting} onClick={() => void useLearned.getState().reset()}>
            {resetting ? 'Forgetting…' : 'Reset what Auto learned'}
          </button>
        )}
      </div>
    </Section>
  )
}
