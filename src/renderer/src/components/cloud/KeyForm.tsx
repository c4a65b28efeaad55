import { useId, useRef, useState, type RefObject } from 'react'
import { useTranslation } from '../../i18n'
import { keyProblem } from '../../lib/cloudWords'
import { ui } from '../common/ui'

interface KeyFormProps {
  /** "Your OpenAI key", "New key". */
  label: string
  placeholder?: string
  /** Ids of help text the field is described by. */
  describedBy?: string
  /** Keeps the key; resolves to an error message, or null when saved. */
  onSave(key: string): Promise<string | null>
  onCancel?: () => void
  /** The field, for the card to put the focus in. */
  inputRef?: RefObject<HTMLInputElement | null>
}

/**
 * A password field and Save. The field is uncontrolled: the key is never copied into React state
 * (nor into the input's value attribute), and the field is emptied once the key is saved.
 */
export function KeyForm({ label, placeholder, describedBy, onSave, onCancel, inputRef }: KeyFormProps) {
  const ids = { input: useId(), error: useId() }
  const own = useRef<HTMLInputElement | null>(null)
  const field = inputRef ?? own
  const [typed, setTyped] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const { t } = useTranslation()

  const save = async () => {
    const input = field.current
    if (!input) return
    const key = input.value.trim()
    const problem = key ? keyProblem(key) : t('cloud.key.pasteFirst')
    if (problem) {
      setError(problem)
      input.focus()
      return
    }
    setError(null)
    setWorking(true)
    const failure = await onSave(key)
    setWorking(false)
    if (failure) {
      setError(t('cloud.key.notSaved', { problem: failure }))
      requestAnimationFrame(() => field.current?.focus())
      return
    }
    if (field.current) field.current.value = ''
    setTyped(false)
  }

  return (
    <form
      className="mt-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <label htmlFor={ids.input} className="text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          ref={field}
          id={ids.input}
          type="password"
          data-testid="key-input"
          placeholder={placeholder ?? t('cloud.key.placeholder')}
          aria-describedby={[describedBy, ids.error].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={600}
          disabled={working}
          onChange={(e) => {
            setTyped(e.target.value.trim() !== '')
            setError(null)
          }}
          className={`${ui.input} min-w-0 flex-1 basis-60 py-2 font-mono ${error ? 'border-red-600! focus:ring-2 focus:ring-red-500/25 dark:border-red-400!' : ''}`}
        />
        <button type="submit" data-testid="key-save" className={ui.primary} disabled={working || !typed}>
          {working ? t('common.saving') : t('cloud.key.save')}
        </button>
        {onCancel && (
          <button type="button" className={ui.ghost} disabled={working} onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      <p id={ids.error} role="alert" data-testid="key-error" className={`text-sm text-red-700 dark:text-red-400 ${error ? 'mt-1.5' : ''}`}>
        {error ?? ''}
      </p>
    </form>
  )
}
