import { useId, useState } from 'react'
import { Trans, useTranslation } from '../../i18n'
import { useConnect } from '../../stores/connect'
import { CopyButton } from '../common/CopyButton'
import { AlertIcon, KeyIcon } from '../common/icons'
import { ui } from '../common/ui'
import { AppKeyCard } from './AppKeyCard'

/** A key per app: made here (shown once), then listed by its last 4 characters, edited, revoked. */
export function AppKeysSection() {
  const { t } = useTranslation()
  const keys = useConnect((s) => s.keys)
  const fresh = useConnect((s) => s.fresh)
  return (
    <section aria-labelledby="connect-keys-heading" id="connect-keys" className="mt-10 scroll-mt-4">
      <h3 id="connect-keys-heading" className="text-base font-semibold">
        {t('connect.keys.title')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('connect.keys.intro')}</p>
      <NewKeyForm />
      {fresh && <FreshKey name={fresh.name} secret={fresh.key} />}
      {keys && keys.length === 0 && (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="connect-no-keys">
          {t('connect.keys.none')}
        </p>
      )}
      {keys && keys.length > 0 && (
        <ul className="mt-4 space-y-3" aria-label={t('connect.keys.list')}>
          {keys.map((app) => (
            <li key={app.name}>
              <AppKeyCard app={app} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function NewKeyForm() {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const inputId = useId()
  const problemId = useId()
  const submit = async () => {
    setBusy(true)
    const failed = await useConnect.getState().createKey(name)
    setBusy(false)
    setProblem(failed)
    if (!failed) setName('')
  }
  return (
    <form
      className="mt-4 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      {/* Narrow (the settings pane at 800 px): the button goes under the box rather than squeezing it. */}
      <div className="flex min-w-52 flex-1 flex-col gap-1">
        <label htmlFor={inputId} className="text-sm font-medium">
          {t('connect.keys.appName')}
        </label>
        <input
          id={inputId}
          className={`${ui.input} w-full`}
          placeholder={t('connect.keys.appNamePlaceholder')}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          data-testid="connect-key-name"
        />
      </div>
      <button type="submit" className={ui.primary} disabled={busy || !name.trim()} data-testid="connect-key-create">
        <KeyIcon size={15} />
        {busy ? t('connect.keys.making') : t('connect.keys.make')}
      </button>
      {problem && (
        <p id={problemId} role="alert" className="flex w-full items-start gap-1.5 text-sm text-red-700 dark:text-red-400">
          <AlertIcon size={14} className="mt-0.5 shrink-0" />
          {problem}
        </p>
      )}
    </form>
  )
}

/** The new key, this once: copy it now; the set-up blocks below carry it until "Done". */
function FreshKey({ name, secret }: { name: string; secret: string }) {
  const { t } = useTranslation()
  return (
    <div
      className="mt-4 rounded-xl border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100"
      data-testid="connect-fresh-key"
      role="region"
      aria-label={t('connect.keys.freshRegion', { name })}
    >
      <p>
        <Trans i18nKey="connect.keys.fresh" values={{ name }} components={{ b: <strong className="font-semibold" /> }} />
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="min-w-0 break-all rounded-md border border-emerald-200 bg-white px-2 py-1 font-mono text-xs text-zinc-900 dark:border-emerald-900 dark:bg-zinc-900 dark:text-zinc-100" data-testid="connect-fresh-key-value">
          {secret}
        </code>
        <CopyButton getText={() => secret} label={t('connect.keys.copy')} showLabel className="border border-emerald-300 bg-white dark:border-emerald-800 dark:bg-zinc-900" data-testid="connect-fresh-key-copy" />
        <button type="button" className={ui.ghost} onClick={() => useConnect.getState().dismissFresh()} data-testid="connect-fresh-key-done">
          {t('connect.keys.done')}
        </button>
      </div>
    </div>
  )
}
