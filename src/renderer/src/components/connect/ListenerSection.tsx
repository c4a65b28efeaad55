import { useId } from 'react'
import { Trans, useTranslation } from '../../i18n'
import { formatSeconds } from '../../lib/format'
import { useConnect } from '../../stores/connect'
import { useSettings } from '../../stores/settings'
import { CopyButton } from '../common/CopyButton'
import { AlertIcon } from '../common/icons'
import { ui } from '../common/ui'
import { NumberField, Row, Section, Switch, useSaver } from '../settings/fields'
import { apiAddress } from './snippets'

/** "Let other apps use Aura": the switch, the port, where apps reach it now (or why they cannot), and Test. */
export function ListenerSection() {
  const { t } = useTranslation()
  const api = useSettings((s) => s.settings?.api ?? null)
  const status = useConnect((s) => s.status)
  const saver = useSaver()
  const switchLabel = useId()
  const switchHelp = useId()
  const portId = useId()
  if (!api) return null

  const save = async (key: string, patch: { enabled?: boolean; port?: number }) => {
    saver.reject(key, null)
    const problem = await useConnect.getState().setApi(patch)
    if (problem) saver.reject(key, t('common.couldNotSave', { problem }))
  }

  return (
    <Section
      id="connect-listener"
      title={t('connect.listener.title')}
      intro={t(api.network ? 'connect.listener.introNetwork' : 'connect.listener.introLocal')}
    >
      <Row label={t('connect.listener.enable')} labelId={switchLabel} helpId={switchHelp} help={t('connect.listener.enableHelp')} state={saver.states.enabled} testId="connect-enabled-row">
        <Switch checked={api.enabled} onChange={(enabled) => void save('enabled', { enabled })} labelledBy={switchLabel} describedBy={switchHelp} testId="connect-enabled" />
      </Row>
      <Row label={t('connect.listener.port')} htmlFor={portId} help={t('connect.listener.portHelp')} state={saver.states.port}>
        <NumberField
          id={portId}
          value={api.port}
          rule={{ min: 1024, max: 65535, integer: true }}
          what={t('connect.listener.port')}
          onCommit={(port) => port !== null && void save('port', { port })}
          onProblem={(problem) => saver.reject('port', problem)}
          testId="connect-port"
        />
      </Row>
      <ListenerState enabled={api.enabled} port={api.port} url={status?.url ?? null} problem={status?.problem ?? null} announcement={saver.announcement} />
    </Section>
  )
}

function ListenerState({ enabled, port, url, problem, announcement }: { enabled: boolean; port: number; url: string | null; problem: string | null; announcement: string }) {
  const { t } = useTranslation()
  const address = apiAddress(port, url)
  return (
    <div className="space-y-3 px-4 py-4" data-testid="connect-state" data-state={!enabled ? 'off' : url ? 'running' : problem ? 'problem' : 'stopped'}>
      {enabled && problem && (
        <div role="alert" data-testid="connect-problem" className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <AlertIcon size={16} className="mt-0.5 shrink-0" />
          <p className="min-w-0">{problem}</p>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="flex items-center gap-2">
          <span aria-hidden="true" className={`size-2 rounded-full ${url ? 'bg-emerald-500' : enabled ? 'bg-red-500' : 'bg-zinc-400'}`} />
          <span className="font-medium">{t(url ? 'connect.listener.running' : enabled ? 'connect.listener.notRunning' : 'connect.listener.off')}</span>
        </span>
        {(url || !enabled) && (
          <span className="flex min-w-0 items-center gap-1">
            <code className={`break-all rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800 ${url ? '' : ui.muted}`} data-testid="connect-address">
              {address}
            </code>
            {url && <CopyButton getText={() => address} label={t('connect.listener.copyAddress')} data-testid="connect-address-copy" />}
          </span>
        )}
      </div>
      <TestButton enabled={enabled} />
      <span className="sr-only" role="status">
        {announcement}
      </span>
    </div>
  )
}

/** A real request through the listener: what answered, in how long — or why nothing could. */
function TestButton({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation()
  const test = useConnect((s) => s.test)
  const running = test?.kind === 'running'
  return (
    <div className="flex flex-wrap items-start gap-3">
      <button type="button" className={ui.secondary} disabled={running} onClick={() => void useConnect.getState().runTest()} data-testid="connect-test">
        {running ? t('connect.listener.testing') : t('connect.listener.test')}
      </button>
      <div className="min-w-0 flex-1 text-sm" aria-live="polite" data-testid="connect-test-result" data-state={test?.kind ?? 'idle'}>
        {test === null && <p className={ui.muted}>{t(enabled ? 'connect.listener.testIdle' : 'connect.listener.testOff')}</p>}
        {running && <p className={ui.muted}>{t('connect.listener.asking')}</p>}
        {test?.kind === 'error' && (
          <p role="alert" className="flex items-start gap-1.5 text-red-700 dark:text-red-400">
            <AlertIcon size={14} className="mt-0.5 shrink-0" />
            <span>{test.text}</span>
          </p>
        )}
        {test?.kind === 'done' && (
          <>
            <p className="break-words">
              <Trans
                i18nKey="connect.listener.works"
                values={{ model: test.result.modelId, time: formatSeconds(test.result.latencyMs) }}
                components={{ ok: <span className="font-medium" />, b: <strong className="font-semibold" data-testid="connect-test-model" /> }}
              />
            </p>
            <blockquote className="mt-1 border-l-2 break-words border-zinc-300 pl-2 text-zinc-700 dark:border-zinc-600 dark:text-zinc-300" data-testid="connect-test-answer">
              {test.result.text || t('connect.listener.emptyAnswer')}
            </blockquote>
          </>
        )}
      </div>
    </div>
  )
}
