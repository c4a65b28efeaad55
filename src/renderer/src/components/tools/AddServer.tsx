import { useId, useRef, useState } from 'react'
import { useTranslation } from '../../i18n'
import { linesOf, pairsOf } from '../../lib/toolWords'
import { useTools } from '../../stores/tools'
import { PlusIcon } from '../common/icons'
import { ui } from '../common/ui'

type Kind = 'command' | 'url'

/**
 * Adds a server: a program Aura starts (command, arguments, environment variables) or an address
 * (URL, headers). The values of variables and headers go to the services once and are never shown again.
 */
const KINDS = ['command', 'url'] as const

/** What the fields look like filled in: code, the same in every language. */
const EXAMPLES = { command: 'npx', secrets: { command: 'API_TOKEN=…', url: 'Authorization: Bearer …' } } as const

export function AddServer() {
  const { t } = useTranslation()
  const ids = { heading: useId(), kind: useId(), name: useId(), command: useId(), commandHelp: useId(), args: useId(), argsHelp: useId(), secrets: useId(), secretsHelp: useId(), url: useId(), urlHelp: useId(), error: useId() }
  const [kind, setKind] = useState<Kind>('command')
  const [name, setName] = useState('')
  const [command, setCommand] = useState('')
  const [args, setArgs] = useState('')
  const [url, setUrl] = useState('')
  const [secrets, setSecrets] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const nameField = useRef<HTMLInputElement>(null)
  const mainField = useRef<HTMLInputElement>(null)
  const secretsField = useRef<HTMLTextAreaElement>(null)

  const add = async () => {
    const fail = (text: string, field: { current: HTMLElement | null }) => {
      setError(text)
      field.current?.focus()
    }
    if (!name.trim()) return fail(t('tools.add.needName'), nameField)
    if (kind === 'command' && !command.trim()) return fail(t('tools.add.needCommand'), mainField)
    if (kind === 'url' && !/^https?:\/\/\S+$/i.test(url.trim())) return fail(t('tools.add.needUrl'), mainField)
    const read = pairsOf(secrets, kind === 'command' ? 'env' : 'headers')
    if ('problem' in read) return fail(read.problem, secretsField)
    const values = Object.keys(read.pairs).length > 0 ? read.pairs : undefined
    setError(null)
    setWorking(true)
    const problem = await useTools
      .getState()
      .add(kind === 'command' ? { name: name.trim(), command: command.trim(), args: linesOf(args), ...(values && { env: values }) } : { name: name.trim(), url: url.trim(), ...(values && { headers: values }) })
    setWorking(false)
    if (problem) return setError(t('tools.add.notAdded', { problem }))
    setAnnouncement(t('tools.add.added', { name: name.trim() }))
    setName('')
    setCommand('')
    setArgs('')
    setUrl('')
    setSecrets('')
  }

  const field = `${ui.input} mt-1 w-full py-2`
  return (
    <section aria-labelledby={ids.heading} id="tools-add" className={`${ui.card} mt-10 scroll-mt-4 px-4 py-4`}>
      <div className="flex items-start gap-3">
        <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300">
          <PlusIcon size={17} />
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={ids.heading} className="font-semibold">
            {t('tools.add.title')}
          </h3>
          <p className={`mt-0.5 text-sm ${ui.muted}`}>{t('tools.add.intro')}</p>
        </div>
      </div>

      <form
        className="mt-3 grid gap-3"
        noValidate
        data-testid="tools-add-form"
        onSubmit={(e) => {
          e.preventDefault()
          void add()
        }}
      >
        <fieldset className="flex flex-wrap gap-x-5 gap-y-1.5" aria-describedby={ids.error}>
          <legend className="mb-1 text-sm font-medium">{t('tools.add.kind')}</legend>
          {KINDS.map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={ids.kind}
                value={option}
                data-testid={`tools-add-kind-${option}`}
                checked={kind === option}
                disabled={working}
                onChange={() => {
                  setKind(option)
                  setSecrets('')
                  setError(null)
                }}
                className="size-4 accent-violet-600"
              />
              {option === 'command' ? t('tools.add.byCommand') : t('tools.add.byUrl')}
            </label>
          ))}
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)]">
          <div className="min-w-0">
            <label htmlFor={ids.name} className="text-sm font-medium">
              {t('tools.add.name')}
            </label>
            <input
              ref={nameField}
              id={ids.name}
              data-testid="tools-add-name"
              value={name}
              maxLength={40}
              placeholder={t('tools.add.namePlaceholder')}
              autoComplete="off"
              spellCheck={false}
              disabled={working}
              aria-describedby={ids.error}
              onChange={(e) => {
                setName(e.target.value)
                setError(null)
              }}
              className={field}
            />
          </div>
          {kind === 'command' ? (
            <div className="min-w-0">
              <label htmlFor={ids.command} className="text-sm font-medium">
                {t('tools.add.command')}
              </label>
              <input
                ref={mainField}
                id={ids.command}
                data-testid="tools-add-command-line"
                value={command}
                placeholder={EXAMPLES.command}
                autoComplete="off"
                spellCheck={false}
                disabled={working}
                aria-describedby={`${ids.commandHelp} ${ids.error}`}
                onChange={(e) => {
                  setCommand(e.target.value)
                  setError(null)
                }}
                className={`${field} font-mono`}
              />
              <p id={ids.commandHelp} className={`mt-1 text-xs ${ui.muted}`}>
                {t('tools.add.commandHelp')}
              </p>
            </div>
          ) : (
            <div className="min-w-0">
              <label htmlFor={ids.url} className="text-sm font-medium">
                {t('tools.add.url')}
              </label>
              <input
                ref={mainField}
                id={ids.url}
                type="url"
                inputMode="url"
                data-testid="tools-add-url"
                value={url}
                placeholder="https://mcp.example.com/mcp"
                autoComplete="off"
                spellCheck={false}
                disabled={working}
                aria-describedby={`${ids.urlHelp} ${ids.error}`}
                onChange={(e) => {
                  setUrl(e.target.value)
                  setError(null)
                }}
                className={`${field} font-mono`}
              />
              <p id={ids.urlHelp} className={`mt-1 text-xs ${ui.muted}`}>
                {t('tools.add.urlHelp')}
              </p>
            </div>
          )}
        </div>

        {kind === 'command' && (
          <div className="min-w-0">
            <label htmlFor={ids.args} className="text-sm font-medium">
              {t('tools.add.args')}
            </label>
            <textarea
              id={ids.args}
              data-testid="tools-add-args"
              rows={2}
              value={args}
              placeholder={'-y\n@modelcontextprotocol/server-memory'}
              spellCheck={false}
              disabled={working}
              aria-describedby={ids.argsHelp}
              onChange={(e) => setArgs(e.target.value)}
              className={`${field} font-mono`}
            />
            <p id={ids.argsHelp} className={`mt-1 text-xs ${ui.muted}`}>
              {t('tools.add.argsHelp')}
            </p>
          </div>
        )}

        <div className="min-w-0">
          <label htmlFor={ids.secrets} className="text-sm font-medium">
            {kind === 'command' ? t('tools.add.env') : t('tools.add.headers')}
          </label>
          <textarea
            ref={secretsField}
            id={ids.secrets}
            data-testid="tools-add-secrets"
            rows={2}
            value={secrets}
            placeholder={EXAMPLES.secrets[kind]}
            spellCheck={false}
            autoComplete="off"
            disabled={working}
            aria-describedby={`${ids.secretsHelp} ${ids.error}`}
            onChange={(e) => {
              setSecrets(e.target.value)
              setError(null)
            }}
            className={`${field} font-mono`}
          />
          <p id={ids.secretsHelp} className={`mt-1 text-xs ${ui.muted}`}>
            {kind === 'command' ? t('tools.add.envHelp') : t('tools.add.headersHelp')}
          </p>
        </div>

        <div>
          <button type="submit" data-testid="tools-add-button" className={ui.primary} disabled={working}>
            {working ? t('tools.add.adding') : t('tools.add.button')}
          </button>
        </div>
      </form>
      <p id={ids.error} role="alert" data-testid="tools-add-error" className={`text-sm text-red-700 dark:text-red-400 ${error ? 'mt-2' : ''}`}>
        {error ?? ''}
      </p>
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </section>
  )
}
