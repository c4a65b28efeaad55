import { useId, useState } from 'react'
import { webOrigin } from '../../../../shared/webOrigin'
import { useTranslation } from '../../i18n'
import { useConnect } from '../../stores/connect'
import { useSettings } from '../../stores/settings'
import { CopyButton } from '../common/CopyButton'
import { AlertIcon, PlusIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'
import { Row, Section, Switch, useSaver } from '../settings/fields'

/**
 * Who else may reach the API: other computers on this network (settings.api.network, off by default)
 * and the web pages whose browser calls it answers (settings.api.corsOrigins, none by default).
 */
export function NetworkSection() {
  const { t } = useTranslation()
  const api = useSettings((s) => s.settings?.api ?? null)
  const status = useConnect((s) => s.status)
  const saver = useSaver()
  const switchLabel = useId()
  const switchHelp = useId()
  const originsLabel = useId()
  if (!api) return null

  const save = async (key: string, patch: { network?: boolean; corsOrigins?: string[] }) => {
    saver.reject(key, null)
    const problem = await useConnect.getState().setApi(patch)
    if (problem) saver.reject(key, t('common.couldNotSave', { problem }))
    return problem === null
  }
  const urls = status?.networkUrls ?? []

  return (
    <Section id="connect-network" title={t('connect.network.title')} intro={t('connect.network.intro')}>
      <Row label={t('connect.network.fromNetwork')} labelId={switchLabel} helpId={switchHelp} help={t('connect.network.fromNetworkHelp')} state={saver.states.network} testId="connect-network-row">
        <Switch checked={api.network} onChange={(network) => void save('network', { network })} labelledBy={switchLabel} describedBy={switchHelp} testId="connect-network" />
      </Row>
      {api.network && (
        <div className="space-y-3 px-4 py-4" data-testid="connect-network-on">
          <div role="note" className="flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-2.5 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100" data-testid="connect-network-warning">
            <AlertIcon size={16} className="mt-0.5 shrink-0" />
            <p className="min-w-0">{t('connect.network.warning')}</p>
          </div>
          {status?.url && urls.length > 0 && (
            <div className="text-sm">
              <p className="font-medium">{t('connect.network.addresses')}</p>
              <ul className="mt-1 space-y-1" data-testid="connect-network-addresses">
                {urls.map((url) => (
                  <li key={url} className="flex min-w-0 items-center gap-1">
                    <code className="break-all rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">{url}</code>
                    <CopyButton getText={() => url} label={t('connect.network.copy', { url })} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {status?.url && urls.length === 0 && <p className={`text-sm ${ui.muted}`}>{t('connect.network.offline')}</p>}
          {!status?.url && <p className={`text-sm ${ui.muted}`}>{t('connect.network.turnOnFirst')}</p>}
        </div>
      )}
      <Row label={t('connect.network.origins')} labelId={originsLabel} help={t('connect.network.originsHelp')} state={saver.states.corsOrigins} testId="connect-origins-row">
        <Origins origins={api.corsOrigins} labelledBy={originsLabel} onSave={(corsOrigins) => save('corsOrigins', { corsOrigins })} />
      </Row>
    </Section>
  )
}

/** The listed web pages' addresses, each removable, and a field to add one (checked before it is saved). */
function Origins({ origins, labelledBy, onSave }: { origins: readonly string[]; labelledBy: string; onSave(origins: string[]): Promise<boolean> }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const inputId = useId()
  const problemId = useId()

  const add = async () => {
    const origin = webOrigin(text)
    if (!origin) return setProblem(t('connect.network.originBad'))
    if (origins.includes(origin)) return setProblem(t('connect.network.originListed', { origin }))
    setProblem(null)
    if (await onSave([...origins, origin])) setText('')
  }

  return (
    <div className="w-full space-y-2" role="group" aria-labelledby={labelledBy}>
      {origins.length > 0 && (
        <ul className="space-y-1" data-testid="connect-origins">
          {origins.map((origin) => (
            <li key={origin} className="flex items-center gap-2 text-sm" data-testid="connect-origin" data-origin={origin}>
              <code className="min-w-0 break-all rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">{origin}</code>
              <button type="button" className={ui.danger} onClick={() => void onSave(origins.filter((o) => o !== origin))} aria-label={t('connect.network.remove', { origin })}>
                <TrashIcon size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex w-full flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault()
          void add()
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          {t('connect.network.originLabel')}
        </label>
        <input
          id={inputId}
          className={`${ui.input} min-w-0 flex-1`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="http://localhost:5173"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          data-testid="connect-origin-input"
        />
        <button type="submit" className={ui.secondary} disabled={text.trim() === ''} data-testid="connect-origin-add">
          <PlusIcon size={14} />
          {t('connect.network.add')}
        </button>
      </form>
      {problem && (
        <p id={problemId} role="alert" className="flex items-start gap-1 text-xs text-red-700 dark:text-red-400" data-testid="connect-origin-problem">
          <AlertIcon size={13} className="mt-px shrink-0" />
          {problem}
        </p>
      )}
    </div>
  )
}
