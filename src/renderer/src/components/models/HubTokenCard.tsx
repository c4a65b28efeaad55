import { useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { tokenProblem, useHubToken } from '../../stores/hubToken'
import { CheckCircleIcon, ExternalLinkIcon, KeyIcon } from '../common/icons'
import { SendToNewAddress } from '../common/SendToNewAddress'
import { ui } from '../common/ui'

export const TOKENS_PAGE = 'https://huggingface.co/settings/tokens'

/** "huggingface.co", or the mirror's host when models come from one. */
export function hubHost(url: string | undefined): string {
  if (!url) return 'huggingface.co'
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

/**
 * The user's Hugging Face token, for models whose makers ask people to sign in and accept a
 * licence (gated models). Pasted into a password field, kept encrypted by the services; the page
 * only ever learns its last four characters.
 */
export function HubTokenCard() {
  const { t } = useTranslation()
  const status = useHubToken((s) => s.status)
  const loadError = useHubToken((s) => s.error)
  const wantsAttention = useHubToken((s) => s.wantsAttention)
  const host = useApp((s) => hubHost(s.info?.hubUrl))
  const [draft, setDraft] = useState('')
  const [checked, setChecked] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const [replacing, setReplacing] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const cardRef = useRef<HTMLElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const replaceRef = useRef<HTMLButtonElement>(null)
  const savedRef = useRef<HTMLParagraphElement>(null)
  const ids = { heading: useId(), help: useId(), input: useId(), error: useId(), privacy: useId() }

  useEffect(() => {
    void useHubToken.getState().ensure()
  }, [])

  // "Add a Hugging Face token" from a download or search problem: show the card and put the focus in it.
  useEffect(() => {
    if (!wantsAttention) return
    useHubToken.getState().setWantsAttention(false)
    const card = cardRef.current
    if (!card) return
    card.scrollIntoView({ behavior: 'smooth', block: 'center' })
    ;(inputRef.current ?? replaceRef.current ?? card).focus({ preventScroll: true })
    card.animate?.([{ boxShadow: '0 0 0 4px rgb(139 92 246 / 0.55)' }, { boxShadow: '0 0 0 4px rgb(139 92 246 / 0)' }], {
      duration: 1800,
      easing: 'ease-out',
    })
  }, [wantsAttention])

  const configured = status?.configured ?? false
  const unreadable = status?.problem === 'unreadable'
  const showForm = status !== null || loadError !== null ? !configured || replacing || unreadable : false
  const problem = checked ? tokenProblem(draft) : null
  const error = problem ?? saveError

  const save = async () => {
    setChecked(true)
    setSaveError(null)
    if (tokenProblem(draft) || !draft.trim()) {
      inputRef.current?.focus()
      return
    }
    setWorking(true)
    const failure = await useHubToken.getState().save(draft)
    setWorking(false)
    if (failure) {
      setSaveError(t('models.token.notSaved', { problem: failure }))
      inputRef.current?.focus()
      return
    }
    setDraft('')
    setChecked(false)
    setReplacing(false)
    setAnnouncement('')
    // The field is gone: the focus moves to what replaced it, which reads out the saved token's end.
    requestAnimationFrame(() => savedRef.current?.focus())
  }

  const send = async () => {
    setWorking(true)
    const failure = await useHubToken.getState().confirmAddress()
    setWorking(false)
    setAnnouncement(failure ? t('models.token.notSent', { problem: failure }) : t('models.token.sent', { host }))
  }

  const remove = async () => {
    setWorking(true)
    const failure = await useHubToken.getState().save(null)
    setWorking(false)
    if (failure) {
      setAnnouncement(t('models.token.notRemoved', { problem: failure }))
      return
    }
    setReplacing(false)
    setAnnouncement(t('models.token.removed'))
    requestAnimationFrame(() => inputRef.current?.focus())
  }

  return (
    <section
      ref={cardRef}
      tabIndex={-1}
      id="hub-token-section"
      data-testid="hub-token"
      aria-labelledby={ids.heading}
      className="mt-6 scroll-mt-4 rounded-xl border border-zinc-200 bg-white px-4 py-4 focus:outline-none dark:border-zinc-700/80 dark:bg-zinc-900"
    >
      <div className="flex items-start gap-3">
        <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300" aria-hidden="true">
          <KeyIcon size={17} />
        </span>
        <div className="min-w-0 flex-1">
          <h4 id={ids.heading} className="font-semibold">
            {t('models.token.heading')}
          </h4>
          <p id={ids.help} className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <Trans i18nKey="models.token.help" components={{ path: <span className="whitespace-nowrap" /> }} />
          </p>
        </div>
      </div>

      {status === null && loadError === null && (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{t('models.token.checking')}</p>
      )}
      {loadError && !configured && (
        <p className="mt-3 text-sm text-amber-900 dark:text-amber-200">{t('models.token.checkFailed', { error: loadError })}</p>
      )}

      {unreadable && (
        <p className="mt-3 text-sm text-amber-900 dark:text-amber-200" data-testid="hub-token-unreadable">
          {t('models.token.unreadable')}
        </p>
      )}
      {configured && status && !unreadable && (
        <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 dark:border-emerald-900 dark:bg-emerald-950/40">
          <p
            ref={savedRef}
            tabIndex={-1}
            data-testid="hub-token-status"
            className="flex min-w-0 flex-1 items-center gap-1.5 text-sm font-medium text-emerald-900 focus:outline-none dark:text-emerald-200"
          >
            <CheckCircleIcon size={16} className="shrink-0" />
            <span>
              <Trans
                i18nKey="models.token.saved"
                values={{ last4: status.last4 ?? '' }}
                components={{ end: <span className="font-mono whitespace-nowrap" />, dots: <span aria-hidden="true" /> }}
              />
            </span>
          </p>
          <span className="flex gap-1.5">
            {!replacing && (
              <button
                ref={replaceRef}
                type="button"
                className={ui.secondary}
                disabled={working}
                onClick={() => {
                  setReplacing(true)
                  setAnnouncement('')
                  requestAnimationFrame(() => inputRef.current?.focus())
                }}
              >
                {t('models.token.replace')}
              </button>
            )}
            <button type="button" data-testid="hub-token-remove" className={ui.danger} disabled={working} onClick={() => void remove()}>
              {t('models.token.remove')}
            </button>
          </span>
        </div>
      )}
      {status?.problem === 'address_changed' && status.savedFor && !replacing && (
        <SendToNewAddress
          kind="token"
          savedFor={status.savedFor}
          sendTo={host}
          working={working}
          onSend={() => void send()}
          onEnterAgain={() => {
            setReplacing(true)
            requestAnimationFrame(() => inputRef.current?.focus())
          }}
        />
      )}

      {showForm && (
        <form
          className="mt-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <label htmlFor={ids.input} className="text-sm font-medium">
            {configured ? t('models.token.new') : t('models.token.yours')}
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <input
              ref={inputRef}
              id={ids.input}
              type="password"
              data-testid="hub-token-input"
              value={draft}
              placeholder="hf_…"
              aria-describedby={`${ids.help} ${ids.error} ${ids.privacy}`}
              aria-invalid={error ? true : undefined}
              autoComplete="off"
              spellCheck={false}
              maxLength={260}
              disabled={working}
              onChange={(e) => {
                setDraft(e.target.value)
                setSaveError(null)
                if (!e.target.value) setChecked(false)
              }}
              onPaste={() => setChecked(true)}
              onBlur={() => setChecked(draft.trim() !== '')}
              className={`${ui.input} min-w-0 flex-1 basis-64 py-2 font-mono ${error ? 'border-red-600! focus:ring-2 focus:ring-red-500/25 dark:border-red-400!' : ''}`}
            />
            <button type="submit" data-testid="hub-token-save" className={ui.primary} disabled={working || !draft.trim()}>
              {working ? t('common.saving') : t('models.token.save')}
            </button>
            {replacing && (
              <button
                type="button"
                className={ui.ghost}
                disabled={working}
                onClick={() => {
                  setReplacing(false)
                  setDraft('')
                  setChecked(false)
                  setSaveError(null)
                  requestAnimationFrame(() => replaceRef.current?.focus())
                }}
              >
                {t('common.cancel')}
              </button>
            )}
          </div>
          <p id={ids.error} role="alert" data-testid="hub-token-error" className={`text-sm text-red-700 dark:text-red-400 ${error ? 'mt-1.5' : ''}`}>
            {error ?? ''}
          </p>
        </form>
      )}

      <p id={ids.privacy} className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        {t('models.token.privacy', { host })}
      </p>
      <p className="mt-1.5 text-sm">
        <a href={TOKENS_PAGE} target="_blank" rel="noopener" className={`${ui.link} inline-flex items-center gap-1`}>
          {t('models.token.make')}
          <ExternalLinkIcon size={13} />
          <span className="sr-only">{t('models.opensInBrowser')}</span>
        </a>
      </p>
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </section>
  )
}
