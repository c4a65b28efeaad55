import { useEffect, useId, useRef, useState } from 'react'
import type { McpServer } from '../../api'
import { useTranslation } from '../../i18n'
import { linesOf, pairsOf } from '../../lib/toolWords'
import { ui } from '../common/ui'

export type Kind = 'command' | 'url'

/** What the form gives to save: how the server starts, new or replaced sealed values, and the names to remove. */
export interface ServerValues {
  name: string
  kind: Kind
  command: string
  args: string[]
  url: string
  secrets: Record<string, string>
  removed: string[]
}

const KINDS = ['command', 'url'] as const

/** What the fields look like filled in: code, the same in every language. */
const EXAMPLES = { command: 'npx', secrets: { command: 'API_TOKEN=…', url: 'Authorization: Bearer …' } } as const

/** A name set, with its Remove / Keep button; red once marked to be removed on save. */
const SET_CHIP = {
  kept: 'border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  going: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
}

interface Props {
  /** Editing this server: its name and kind stay; its sealed values are listed by name only. Else adding one. */
  server?: McpServer
  /** Saves; resolves to a problem in plain words, or null. */
  onSave(values: ServerValues): Promise<string | null>
  /** Editing: Cancel or Escape. */
  onCancel?(): void
  /** Prefix of the fields' test ids (tools-add, tools-edit). */
  testId: string
}

/**
 * The fields of a server, for adding one and editing one: a program Aura starts (command, arguments,
 * environment variables) or an address (URL, headers). The values of variables and headers go to the
 * services and are never shown again: editing lists the names set, takes new `NAME=value` lines and removes names.
 */
export function ServerForm({ server, onSave, onCancel, testId }: Props) {
  const { t } = useTranslation()
  const editing = server !== undefined
  const ids = { kind: useId(), name: useId(), command: useId(), commandHelp: useId(), args: useId(), argsHelp: useId(), secrets: useId(), secretsHelp: useId(), set: useId(), url: useId(), urlHelp: useId(), error: useId() }
  const [kind, setKind] = useState<Kind>(server?.transport === 'http' ? 'url' : 'command')
  const [name, setName] = useState('')
  const [command, setCommand] = useState(server?.command ?? '')
  const [args, setArgs] = useState(server?.args.join('\n') ?? '')
  const [url, setUrl] = useState(server?.url ?? '')
  const [secrets, setSecrets] = useState('')
  const [removed, setRemoved] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const nameField = useRef<HTMLInputElement>(null)
  const mainField = useRef<HTMLInputElement>(null)
  const secretsField = useRef<HTMLTextAreaElement>(null)
  const sealed = server ? (server.transport === 'http' ? server.headerNames : server.envNames) : []
  const env = kind === 'command'

  // Editing opens on the field most often fixed: the command or the address.
  useEffect(() => {
    if (editing) mainField.current?.focus()
  }, [editing])

  const save = async () => {
    const fail = (text: string, field: { current: HTMLElement | null }) => {
      setError(text)
      field.current?.focus()
    }
    if (!editing && !name.trim()) return fail(t('tools.add.needName'), nameField)
    if (env && !command.trim()) return fail(t('tools.add.needCommand'), mainField)
    if (!env && !/^https?:\/\/\S+$/i.test(url.trim())) return fail(t('tools.add.needUrl'), mainField)
    const read = pairsOf(secrets, env ? 'env' : 'headers')
    if ('problem' in read) return fail(read.problem, secretsField)
    setError(null)
    setWorking(true)
    const values = { name: server?.name ?? name.trim(), kind, command: command.trim(), args: linesOf(args), url: url.trim(), secrets: read.pairs, removed }
    const problem = await onSave(values)
    setWorking(false)
    if (problem) return setError(problem)
    if (!editing) {
      setName('')
      setCommand('')
      setArgs('')
      setUrl('')
      setSecrets('')
    }
  }

  const field = `${ui.input} mt-1 w-full py-2`
  return (
    <form
      noValidate
      data-testid={`${testId}-form`}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel && !working) {
          e.preventDefault()
          onCancel()
        }
      }}
    >
      <div className="grid gap-3">
        {!editing && (
          <fieldset className="flex flex-wrap gap-x-5 gap-y-1.5" aria-describedby={ids.error}>
            <legend className="mb-1 text-sm font-medium">{t('tools.add.kind')}</legend>
            {KINDS.map((option) => (
              <label key={option} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={ids.kind}
                  value={option}
                  data-testid={`${testId}-kind-${option}`}
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
        )}

        <div className={`grid gap-3 ${editing ? '' : 'sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)]'}`}>
          {!editing && (
            <div className="min-w-0">
              <label htmlFor={ids.name} className="text-sm font-medium">
                {t('tools.add.name')}
              </label>
              <input
                ref={nameField}
                id={ids.name}
                data-testid={`${testId}-name`}
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
          )}
          {env ? (
            <div className="min-w-0">
              <label htmlFor={ids.command} className="text-sm font-medium">
                {t('tools.add.command')}
              </label>
              <input
                ref={mainField}
                id={ids.command}
                data-testid={`${testId}-command-line`}
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
                data-testid={`${testId}-url`}
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

        {env && (
          <div className="min-w-0">
            <label htmlFor={ids.args} className="text-sm font-medium">
              {t('tools.add.args')}
            </label>
            <textarea
              id={ids.args}
              data-testid={`${testId}-args`}
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

        {sealed.length > 0 && (
          <div className="min-w-0" role="group" aria-labelledby={ids.set}>
            <p id={ids.set} className="text-sm font-medium">
              {env ? t('tools.server.envNames') : t('tools.server.headerNames')}
            </p>
            <ul className="mt-1 flex flex-wrap gap-2" data-testid={`${testId}-set`}>
              {sealed.map((secret) => {
                const going = removed.includes(secret)
                return (
                  <li key={secret} className={`inline-flex items-center gap-1.5 rounded-full border py-0.5 pr-0.5 pl-2 font-mono text-xs font-medium ${SET_CHIP[going ? 'going' : 'kept']}`} data-name={secret} data-removed={going}>
                    <span>{going ? t('tools.edit.removing', { name: secret }) : t('tools.server.secretSet', { name: secret })}</span>
                    <button
                      type="button"
                      data-testid={`${testId}-set-toggle`}
                      disabled={working}
                      aria-label={going ? t('tools.edit.keepName', { name: secret }) : t('tools.edit.removeName', { name: secret })}
                      onClick={() => setRemoved((names) => (going ? names.filter((other) => other !== secret) : [...names, secret]))}
                      className="rounded-full px-1.5 font-sans text-violet-700 hover:bg-zinc-200 dark:text-violet-300 dark:hover:bg-zinc-700"
                    >
                      {going ? t('tools.edit.keep') : t('tools.edit.remove')}
                    </button>
                  </li>
                )
              })}
            </ul>
          </div>
        )}

        <div className="min-w-0">
          <label htmlFor={ids.secrets} className="text-sm font-medium">
            {editing ? (env ? t('tools.edit.env') : t('tools.edit.headers')) : env ? t('tools.add.env') : t('tools.add.headers')}
          </label>
          <textarea
            ref={secretsField}
            id={ids.secrets}
            data-testid={`${testId}-secrets`}
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
            {editing ? (env ? t('tools.edit.envHelp') : t('tools.edit.headersHelp')) : env ? t('tools.add.envHelp') : t('tools.add.headersHelp')}
          </p>
        </div>

        <div className="flex flex-wrap gap-2">
          <button type="submit" data-testid={`${testId}-button`} className={ui.primary} disabled={working}>
            {editing ? (working ? t('tools.edit.saving') : t('tools.edit.save')) : working ? t('tools.add.adding') : t('tools.add.button')}
          </button>
          {onCancel && (
            <button type="button" data-testid={`${testId}-cancel`} className={ui.secondary} disabled={working} onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </div>
      <p id={ids.error} role="alert" data-testid={`${testId}-error`} className={`text-sm text-red-700 dark:text-red-400 ${error ? 'mt-2' : ''}`}>
        {error ?? ''}
      </p>
    </form>
  )
}
