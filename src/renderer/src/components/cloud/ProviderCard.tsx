import { useId, useRef, useState } from 'react'
import type { ProviderInfo } from '../../api'
import { useTranslation } from '../../i18n'
import { KEY_STATE_TONE, blurbOf, hostOf, keyStateHelp, keyStateLabel, keyStateOf } from '../../lib/cloudWords'
import { formatRelative } from '../../lib/format'
import { useCloud } from '../../stores/cloud'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { SendToNewAddress } from '../common/SendToNewAddress'
import { ExternalLinkIcon } from '../common/icons'
import { ui } from '../common/ui'
import { BaseUrlField } from './BaseUrlField'
import { KeyForm } from './KeyForm'
import { KeyStatusBadge, toneText } from './KeyStatusBadge'
import { ProviderMark } from './ProviderMark'

/**
 * One cloud provider: what it is, whether a key is kept and works, and paste / test / replace /
 * remove. The key itself never comes back: the card knows its last four characters.
 */
export function ProviderCard({ provider }: { provider: ProviderInfo }) {
  const key = provider.key
  const state = keyStateOf(provider)
  const fromEnv = key?.source === 'environment'
  const unreadable = state === 'unreadable'
  /** Saved for another address than the one now set: sent there only if the user says so. */
  const moved = state === 'address_changed' && !fromEnv && key?.savedFor
  const [replacing, setReplacing] = useState(false)
  const [working, setWorking] = useState<'test' | 'remove' | 'send' | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const ids = { heading: useId(), blurb: useId(), status: useId(), message: useId(), privacy: useId() }
  const keyField = useRef<HTMLInputElement>(null)
  const testButton = useRef<HTMLButtonElement>(null)
  const replaceButton = useRef<HTMLButtonElement>(null)
  const { t } = useTranslation()
  const name = provider.name

  const save = async (pasted: string) => {
    const failure = await useCloud.getState().setKey(provider.id, pasted)
    if (failure) return failure
    setReplacing(false)
    setProblem(null)
    setAnnouncement(t('cloud.card.saved', { name }))
    requestAnimationFrame(() => testButton.current?.focus())
    // A saved key is tested at once, so the user learns whether it works without another click.
    const saved = useCloud.getState().providers?.find((p) => p.id === provider.id)?.key
    if (saved?.status === 'untested') void test()
    return null
  }

  const test = async () => {
    setWorking('test')
    setProblem(null)
    const failure = await useCloud.getState().testKey(provider.id)
    setWorking(null)
    if (failure) {
      setProblem(t('cloud.card.notTested', { problem: failure }))
      return
    }
    const now = useCloud.getState().providers?.find((p) => p.id === provider.id)?.key
    if (now) setAnnouncement(t('cloud.card.tested', { name, state: keyStateLabel(now.status), help: now.message ?? keyStateHelp(now.status) }))
  }

  const send = async () => {
    setWorking('send')
    setProblem(null)
    const failure = await useCloud.getState().confirmAddress(provider.id)
    setWorking(null)
    if (failure) {
      setProblem(t('cloud.card.notSent', { problem: failure }))
      return
    }
    setAnnouncement(t('cloud.card.sentTo', { name, host: hostOf(provider.baseUrl) }))
    void test()
  }

  const enterAgain = () => {
    setReplacing(true)
    requestAnimationFrame(() => keyField.current?.focus())
  }

  const remove = async () => {
    setConfirming(false)
    setWorking('remove')
    const failure = await useCloud.getState().removeKey(provider.id)
    setWorking(null)
    if (failure) {
      setProblem(t('cloud.card.notRemoved', { problem: failure }))
      return
    }
    setProblem(null)
    setAnnouncement(t('cloud.card.removed', { name }))
    requestAnimationFrame(() => keyField.current?.focus())
  }

  const message = key ? (key.message ?? keyStateHelp(state)) : null

  return (
    <section
      data-testid="provider-card"
      data-provider={provider.id}
      aria-labelledby={ids.heading}
      aria-describedby={ids.blurb}
      className={`${ui.card} px-4 py-4`}
    >
      <div className="flex items-start gap-3">
        <ProviderMark id={provider.id} name={provider.name} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <h4 id={ids.heading} className="font-semibold">
              {provider.name}
            </h4>
            <KeyStatusBadge state={state} id={ids.status} />
          </div>
          <p id={ids.blurb} className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            {blurbOf(provider)}
          </p>
        </div>
      </div>

      {key && (
        <div className="mt-3 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2.5 dark:border-zinc-700 dark:bg-zinc-800/60">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <p className="min-w-[12rem] flex-1 text-sm">
              {unreadable ? (
                <span className="font-medium">{t('cloud.card.unreadable')}</span>
              ) : (
                <span className="font-medium">
                  {t('cloud.card.endingIn')}{' '}
                  <span className="font-mono whitespace-nowrap" data-testid="key-last4">
                    <span aria-hidden="true">••••</span>
                    {key.last4}
                  </span>
                </span>
              )}
              {fromEnv && (
                <span className="text-zinc-600 dark:text-zinc-400" data-testid="key-source">
                  {' '}
                  · {t('cloud.card.fromEnv')}
                  {provider.envVar && (
                    <>
                      {' '}
                      (<code className="font-mono text-xs">{provider.envVar}</code>)
                    </>
                  )}
                </span>
              )}
              {!unreadable && !moved && (
                <span className="block text-xs text-zinc-600 dark:text-zinc-400" data-testid="key-tested">
                  {key.lastTestedAt ? t('cloud.card.lastTested', { when: formatRelative(key.lastTestedAt) }) : t('cloud.card.notTestedYet')}
                </span>
              )}
            </p>
            <span className="flex flex-wrap gap-1.5">
              {!unreadable && !moved && (
                <button
                  ref={testButton}
                  type="button"
                  data-testid="key-test"
                  className={`${ui.secondary} aria-disabled:opacity-60`}
                  // Not `disabled`: the focus stays on the button while the test runs.
                  aria-disabled={working !== null || undefined}
                  aria-describedby={ids.message}
                  onClick={() => working === null && void test()}
                >
                  {working === 'test' ? (
                    <>
                      <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
                      {t('cloud.card.testing')}
                    </>
                  ) : (
                    t('cloud.card.test')
                  )}
                </button>
              )}
              {!replacing && !unreadable && !moved && (
                <button
                  ref={replaceButton}
                  type="button"
                  className={ui.secondary}
                  disabled={working !== null}
                  onClick={() => {
                    setReplacing(true)
                    requestAnimationFrame(() => keyField.current?.focus())
                  }}
                >
                  {fromEnv ? t('cloud.card.useAnother') : t('cloud.card.replace')}
                </button>
              )}
              {!fromEnv && (
                <button type="button" data-testid="key-remove" className={ui.danger} disabled={working !== null} onClick={() => setConfirming(true)}>
                  {working === 'remove' ? t('cloud.removing') : t('cloud.remove')}
                </button>
              )}
            </span>
          </div>
          {moved ? (
            <SendToNewAddress
              kind="key"
              savedFor={moved}
              sendTo={hostOf(provider.baseUrl)}
              working={working === 'send'}
              onSend={() => void send()}
              onEnterAgain={enterAgain}
            />
          ) : (
            message && (
              <p id={ids.message} data-testid="key-message" className={`mt-1.5 text-sm ${toneText[KEY_STATE_TONE[state]]}`}>
                {message}
              </p>
            )
          )}
          {fromEnv && (
            <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400" data-testid="key-env-help">
              {provider.envVar ? t('cloud.card.envHelpBy', { envVar: provider.envVar }) : t('cloud.card.envHelp')}
            </p>
          )}
        </div>
      )}

      {(!key || replacing || unreadable) && (
        <KeyForm
          label={key && !unreadable ? t('cloud.card.newKey') : t('cloud.card.yourKey', { name })}
          describedBy={`${ids.blurb} ${ids.privacy}`}
          inputRef={keyField}
          onSave={save}
          onCancel={
            replacing
              ? () => {
                  setReplacing(false)
                  requestAnimationFrame(() => replaceButton.current?.focus())
                }
              : undefined
          }
        />
      )}

      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400" data-testid="key-problem">
          {problem}
        </p>
      )}

      <div className="mt-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        {provider.keyUrl ? (
          <a href={provider.keyUrl} target="_blank" rel="noopener" data-testid="key-link" className={`${ui.link} inline-flex items-center gap-1 text-sm`}>
            {t('cloud.card.getKey', { host: hostOf(provider.keyUrl) })}
            <ExternalLinkIcon size={13} />
            <span className="sr-only"> {t('cloud.card.opensBrowser')}</span>
          </a>
        ) : (
          <span />
        )}
        <p id={ids.privacy} className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('cloud.card.privacy', { name })}
        </p>
      </div>

      <BaseUrlField provider={provider} />

      <ConfirmDialog
        open={confirming}
        title={t('cloud.card.removeTitle', { name })}
        body={provider.keyUrl ? t('cloud.card.removeBodyAt', { name, host: hostOf(provider.keyUrl) }) : t('cloud.card.removeBody', { name })}
        confirmLabel={t('cloud.card.removeKey')}
        destructive
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </section>
  )
}
