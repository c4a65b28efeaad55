import { useId, useState } from 'react'
import type { Settings } from '../../api'
import { useTranslation } from '../../i18n'
import { Row, Switch, type Saver } from '../settings/fields'

/** Whether a weak answer goes to a stronger model, and how sure the check must be before keeping one. */
export function WeakAnswers({ settings, saver }: { settings: Settings; saver: Saver }) {
  const { t } = useTranslation()
  const ids = { retry: useId(), retryHelp: useId(), threshold: useId() }
  return (
    <>
      <Row label={t('routing.weak.retry')} help={t('routing.weak.retryHelp')} labelId={ids.retry} helpId={ids.retryHelp} state={saver.states.retryWeakAnswers}>
        <Switch
          checked={settings.retryWeakAnswers}
          labelledBy={ids.retry}
          describedBy={ids.retryHelp}
          testId="setting-retry-weak"
          onChange={(retryWeakAnswers) => void saver.save('retryWeakAnswers', { retryWeakAnswers })}
        />
      </Row>

      <Row label={t('routing.weak.below')} help={t('routing.weak.belowHelp')} htmlFor={ids.threshold} state={saver.states.qualityThreshold}>
        <ThresholdSlider id={ids.threshold} value={settings.qualityThreshold} disabled={!settings.retryWeakAnswers} onCommit={(qualityThreshold) => saver.save('qualityThreshold', { qualityThreshold })} />
      </Row>
    </>
  )
}

/** A slider saved when let go (not at each step of a drag). */
function ThresholdSlider({ id, value, disabled, onCommit }: { id: string; value: number; disabled: boolean; onCommit: (value: number) => Promise<unknown> }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<number | null>(null)
  const shown = draft ?? value
  const commit = () => {
    if (draft === null) return
    if (draft === value) {
      setDraft(null)
      return
    }
    // The draft stays on show until the saved value is back.
    void onCommit(draft).finally(() => setDraft(null))
  }

  return (
    <span className="flex items-center gap-3 text-sm">
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={shown}
        disabled={disabled}
        data-testid="setting-quality-threshold"
        aria-valuetext={t('routing.weak.confidence', { percent: Math.round(shown * 100) })}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
        className="w-56 accent-violet-600 disabled:opacity-50"
      />
      <output htmlFor={id} className="w-12 tabular-nums">
        {Math.round(shown * 100)}%
      </output>
    </span>
  )
}
