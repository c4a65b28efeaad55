import { useId, useRef, useState } from 'react'
import type { ProviderInfo } from '../../api'
import { Trans, useTranslation } from '../../i18n'
import { KEY_STATE_TONE, SERVER_PRESETS, hostOf, keyProblem, keyStateHelp, serverUrlProblem } from '../../lib/cloudWords'
import { formatRelative } from '../../lib/format'
import { serversOf, useCloud } from '../../stores/cloud'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { SendToNewAddress } from '../common/SendToNewAddress'
import { PlusIcon } from '../common/icons'
import { ui } from '../common/ui'
import { KeyStatusBadge, toneText } from './KeyStatusBadge'
import { ProviderMark } from './ProviderMark'

/**
 * The user's own OpenAI-compatible servers (Ollama, LM Studio, vLLM, llama.cpp server, Foundry
 * Local, a GPU server down the hall): add one by its address, see its models, remove it.
 */
export function ServersSection() {
  const providers = useCloud((s) => s.providers)
  const servers = serversOf(providers)
  const { t } = useTranslation()

  return (
    <section aria-labelledby="servers-heading" id="servers-section" className="mt-10 scroll-mt-4">
      <h3 id="servers-heading" className="text-base font-semibold">
        {t('cloud.servers.title')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('cloud.servers.intro')}</p>

      {servers.length > 0 && (
        <ul className="mt-4 space-y-3" aria-label={t('cloud.servers.added')}>
          {servers.map((server) => (
            <li key={server.id}>
              <ServerCard server={server} />
            </li>
          ))}
        </ul>
      )}

      <AddServerCard />
    </section>
  )
}

function AddServerCard() {
  const ids = { heading: useId(), name: useId(), url: useId(), urlHelp: useId(), key: useId(), keyHelp: useId(), error: useId(), presets: useId() }
  const [name, setName] = useState('')
  const [url, setUrl] = useState('')
  const [typedKey, setTypedKey] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [checked, setChecked] = useState(false)
  const [working, setWorking] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const keyField = useRef<HTMLInputElement>(null)
  const nameField = useRef<HTMLInputElement>(null)
  const urlField = useRef<HTMLInputElement>(null)
  const { t } = useTranslation()

  const urlProblem = checked ? serverUrlProblem(url) : null
  const shownError = error ?? urlProblem

  const add = async () => {
    setChecked(true)
    const key = keyField.current?.value.trim() ?? ''
    if (!name.trim()) {
      setError(t('cloud.servers.needName'))
      nameField.current?.focus()
      return
    }
    const problem = url.trim() ? serverUrlProblem(url) : t('cloud.servers.needAddress', { example: 'http://127.0.0.1:11434/v1' })
    if (problem) {
      setError(problem)
      urlField.current?.focus()
      return
    }
    const badKey = key ? keyProblem(key) : null
    if (badKey) {
      setError(badKey)
      keyField.current?.focus()
      return
    }
    setError(null)
    setWorking(true)
    const failure = await useCloud.getState().addServer({ name, baseUrl: url, key: key || undefined })
    setWorking(false)
    if (failure) {
      setError(t('cloud.servers.notAdded', { problem: failure }))
      return
    }
    setAnnouncement(t('cloud.servers.addedOne', { name: name.trim() }))
    setName('')
    setUrl('')
    setChecked(false)
    if (keyField.current) keyField.current.value = ''
    setTypedKey(false)
  }

  return (
    <section aria-labelledby={ids.heading} className={`${ui.card} mt-4 px-4 py-4`}>
      <div className="flex items-start gap-3">
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300"
        >
          <PlusIcon size={17} />
        </span>
        <div className="min-w-0 flex-1">
          <h4 id={ids.heading} className="font-semibold">
            {t('cloud.servers.add')}
          </h4>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('cloud.servers.addIntro')}</p>
        </div>
      </div>

      <div className="mt-3" role="group" aria-labelledby={ids.presets}>
        <p id={ids.presets} className="text-sm font-medium">
          {t('cloud.servers.fillIn')}
        </p>
        <div className="mt-1 flex flex-wrap gap-1.5">
          {SERVER_PRESETS.map((preset) => (
            <button
              key={preset.id}
              type="button"
              data-testid="server-preset"
              data-preset={preset.id}
              className="rounded-full border border-zinc-300 px-2.5 py-1 text-xs font-medium text-zinc-800 hover:border-violet-400 hover:bg-violet-50 dark:border-zinc-600 dark:text-zinc-200 dark:hover:border-violet-500 dark:hover:bg-violet-950/50"
              onClick={() => {
                setName(preset.name)
                setUrl(preset.baseUrl)
                setError(null)
                setAnnouncement(t('cloud.servers.filledIn', { name: preset.name, url: preset.baseUrl }))
              }}
            >
              {preset.name}
            </button>
          ))}
        </div>
      </div>

      <form
        className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)]"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void add()
        }}
      >
        <div className="min-w-0">
          <label htmlFor={ids.name} className="text-sm font-medium">
            {t('cloud.servers.name')}
          </label>
          <input
            ref={nameField}
            id={ids.name}
            data-testid="server-name"
            value={name}
            maxLength={80}
            placeholder={t('cloud.servers.namePlaceholder')}
            autoComplete="off"
            disabled={working}
            aria-describedby={ids.error}
            onChange={(e) => {
              setName(e.target.value)
              setError(null)
            }}
            className={`${ui.input} mt-1 w-full py-2`}
          />
        </div>
        <div className="min-w-0">
          <label htmlFor={ids.url} className="text-sm font-medium">
            {t('cloud.servers.address')}
          </label>
          <input
            ref={urlField}
            id={ids.url}
            type="url"
            inputMode="url"
            data-testid="server-url"
            value={url}
            placeholder="http://127.0.0.1:11434/v1"
            spellCheck={false}
            autoComplete="off"
            disabled={working}
            aria-describedby={`${ids.urlHelp} ${ids.error}`}
            aria-invalid={urlProblem ? true : undefined}
            onChange={(e) => {
              setUrl(e.target.value)
              setError(null)
            }}
            onBlur={() => setChecked(url.trim() !== '')}
            className={`${ui.input} mt-1 w-full py-2 font-mono ${urlProblem ? 'border-red-600! dark:border-red-400!' : ''}`}
          />
          <p id={ids.urlHelp} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            <Trans i18nKey="cloud.servers.addressHelp" components={{ code: <code className="font-mono" /> }} />
          </p>
        </div>
        <div className="min-w-0 sm:col-span-2">
          <label htmlFor={ids.key} className="text-sm font-medium">
            {t('cloud.servers.key')} <span className="font-normal text-zinc-600 dark:text-zinc-400">{t('cloud.servers.optional')}</span>
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <input
              ref={keyField}
              id={ids.key}
              type="password"
              data-testid="server-key"
              placeholder={t('cloud.servers.keyPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              maxLength={600}
              disabled={working}
              aria-describedby={`${ids.keyHelp} ${ids.error}`}
              onChange={(e) => {
                setTypedKey(e.target.value.trim() !== '')
                setError(null)
              }}
              className={`${ui.input} min-w-0 flex-1 basis-60 py-2 font-mono`}
            />
            <button type="submit" data-testid="server-add" className={ui.primary} disabled={working || !name.trim() || !url.trim()}>
              {working ? t('cloud.servers.adding') : t('cloud.servers.addButton')}
            </button>
          </div>
          <p id={ids.keyHelp} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            {typedKey ? t('cloud.servers.keyKept') : t('cloud.servers.keyNone')}
          </p>
        </div>
      </form>
      <p id={ids.error} role="alert" data-testid="server-error" className={`text-sm text-red-700 dark:text-red-400 ${shownError ? 'mt-2' : ''}`}>
        {shownError ?? ''}
      </p>
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </section>
  )
}

/**
 * Where the server runs, and whether Local only may use it: always when it is on this computer;
 * on the network only when the user marks it private (a network they trust, like their home's).
 */
function ServerPlace({ server, onProblem }: { server: ProviderInfo; onProblem: (problem: string | null) => void }) {
  const id = useId()
  const [working, setWorking] = useState(false)
  const { t } = useTranslation()
  if (server.where === 'this_computer') {
    return (
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="server-where" data-where="this_computer">
        {t('cloud.servers.here')}
      </p>
    )
  }
  const toggle = async (trusted: boolean) => {
    setWorking(true)
    onProblem(null)
    const failure = await useCloud.getState().setServerPrivate(server.id, trusted)
    setWorking(false)
    if (failure) onProblem(t('cloud.servers.changeNotSaved', { problem: failure }))
  }
  return (
    <div className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="server-where" data-where="network">
      <p>{t('cloud.servers.network')}</p>
      <label htmlFor={id} className="mt-1 flex items-start gap-1.5 text-sm text-zinc-800 dark:text-zinc-200">
        <input
          id={id}
          type="checkbox"
          data-testid="server-private"
          className="mt-0.5 accent-violet-600"
          checked={server.private === true}
          disabled={working}
          onChange={(e) => void toggle(e.target.checked)}
        />
        <span>{t('cloud.servers.private')}</span>
      </label>
    </div>
  )
}

function ServerCard({ server }: { server: ProviderInfo }) {
  const count = useCloud((s) => s.models.filter((m) => m.provider === server.id).length)
  const settled = useCloud((s) => s.modelsSettled)
  const [confirming, setConfirming] = useState(false)
  const [working, setWorking] = useState<'test' | 'remove' | 'send' | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const ids = { heading: useId(), models: useId() }
  const { t } = useTranslation()
  const key = server.key
  const state = key?.status ?? null
  /** The server's address changed since its key was saved (only a settings edit does that). */
  const moved = state === 'address_changed' ? key?.savedFor : null

  const send = async () => {
    setWorking('send')
    setProblem(null)
    const failure = await useCloud.getState().confirmAddress(server.id)
    if (!failure) await useCloud.getState().testKey(server.id)
    setWorking(null)
    if (failure) setProblem(t('cloud.card.notSent', { problem: failure }))
  }

  /** Tests the key when there is one, and asks the server for its models again. */
  const check = async () => {
    setWorking('test')
    setProblem(null)
    const failure = server.key ? await useCloud.getState().testKey(server.id) : null
    await useCloud.getState().refreshModels()
    setWorking(null)
    if (failure) setProblem(t('cloud.servers.notChecked', { problem: failure }))
  }

  const remove = async () => {
    setConfirming(false)
    setWorking('remove')
    const failure = await useCloud.getState().removeServer(server.id)
    setWorking(null)
    if (failure) setProblem(t('cloud.servers.notRemoved', { problem: failure }))
  }

  return (
    <section data-testid="server-card" data-provider={server.id} aria-labelledby={ids.heading} className={`${ui.card} px-4 py-3`}>
      <div className="flex flex-wrap items-start gap-3">
        <ProviderMark id={server.id} name={server.name} />
        <div className="min-w-0 flex-1 basis-48">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h4 id={ids.heading} className="font-semibold">
              {server.name}
            </h4>
            {state && <KeyStatusBadge state={state} />}
          </div>
          <p className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={server.baseUrl}>
            {server.baseUrl}
          </p>
          <ServerPlace server={server} onProblem={setProblem} />
          <p id={ids.models} className="mt-1 text-sm" data-testid="server-models" data-count={settled ? count : undefined}>
            {!settled
              ? t('cloud.servers.looking')
              : count > 0
                ? t('cloud.servers.models', { count })
                : t('cloud.servers.noModels')}
            {key && key.status !== 'unreadable' && (
              <span className="text-zinc-600 dark:text-zinc-400">
                {' '}
                · {t('cloud.servers.keyEnding')} <span className="font-mono">{key.last4}</span>
              </span>
            )}
          </p>
          {moved ? (
            <SendToNewAddress kind="key" savedFor={moved} sendTo={hostOf(server.baseUrl)} working={working === 'send'} onSend={() => void send()} />
          ) : (
            key?.message && <p className={`mt-1 text-sm ${toneText[KEY_STATE_TONE[key.status]]}`}>{key.message}</p>
          )}
          {state === 'unreadable' && <p className="mt-1 text-sm">{t('cloud.servers.unreadable')}</p>}
          {key && !key.message && key.status !== 'untested' && (
            <p className={`mt-1 text-sm ${toneText[KEY_STATE_TONE[key.status]]}`}>{keyStateHelp(key.status)}</p>
          )}
          {key?.lastTestedAt && <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('cloud.servers.lastChecked', { when: formatRelative(key.lastTestedAt) })}</p>}
        </div>
        <span className="flex gap-1.5">
          <button
            type="button"
            data-testid="server-test"
            className={ui.secondary}
            disabled={working !== null}
            aria-describedby={ids.models}
            onClick={() => void check()}
          >
            {working === 'test' ? t('cloud.servers.checking') : t('cloud.servers.check')}
          </button>
          <button type="button" data-testid="server-remove" className={ui.danger} disabled={working !== null} onClick={() => setConfirming(true)}>
            {working === 'remove' ? t('cloud.removing') : t('cloud.remove')}
          </button>
        </span>
      </div>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('cloud.servers.removeTitle', { name: server.name })}
        body={t('cloud.servers.removeBody')}
        confirmLabel={t('cloud.servers.removeServer')}
        destructive
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  )
}
