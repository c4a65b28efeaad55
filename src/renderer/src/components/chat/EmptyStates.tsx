import type { ReactNode } from 'react'
import { Trans, useTranslation } from '../../i18n'
import type { ChatModel } from '../../lib/useModel'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { downloadTitle, isActive } from '../../lib/modelWords'
import { useCatalog } from '../../stores/catalog'
import { useModels } from '../../stores/models'
import { useOnboarding } from '../../stores/onboarding'
import { useSettings } from '../../stores/settings'
import { ModelsFolder } from '../common/ModelsFolder'
import { RefreshModelsButton } from '../common/RefreshModelsButton'
import { CheckCircleIcon, CloseIcon, DownloadIcon, SparkIcon } from '../common/icons'
import { ui } from '../common/ui'
import { DownloadRow } from '../models/DownloadRow'
import { useVisibleDownloads } from '../models/DownloadsSection'
import { OnboardingCard } from './Onboarding'

/** A new user without any model: the first-run suggestion, or how to get one. */
export function NoModels() {
  const settings = useSettings((s) => s.settings)
  const started = useOnboarding((s) => s.started)
  const showOnboarding = settings !== null && (!settings.onboardingDone || started !== null)
  const items = useCatalog((s) => s.items)
  const downloads = useVisibleDownloads(isActive)
  const { t } = useTranslation()

  return (
    <div className="relative flex min-h-0 flex-1 overflow-y-auto" data-testid="empty-state">
      <div className="m-auto w-full max-w-xl px-6 py-10">
        {showOnboarding ? (
          <OnboardingCard />
        ) : (
          <>
            <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-2xl bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300">
              <DownloadIcon size={24} />
            </div>
            <h2 className="text-center text-2xl font-semibold tracking-tight">{t('empty.addModel')}</h2>
            <p className="mt-3 text-center text-zinc-600 dark:text-zinc-300">
              {t('empty.addModelIntro')}
            </p>
            {downloads.length > 0 ? (
              <ul className={`${ui.card} mt-6`} aria-label={t('empty.downloads')}>
                {downloads.map((download) => (
                  <DownloadRow key={download.id} download={download} title={downloadTitle(download, items)} />
                ))}
              </ul>
            ) : (
              <div className="mt-6 flex justify-center">
                <button type="button" data-testid="browse-models" className={ui.primary} onClick={() => useApp.getState().openSettings('models')}>
                  <DownloadIcon size={16} />
                  {t('empty.chooseModel')}
                </button>
              </div>
            )}
          </>
        )}

        <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="cloud-keys-hint">
          <Trans
            i18nKey="empty.cloudKeysHint"
            components={{ open: <button type="button" className={ui.link} onClick={() => useApp.getState().openSettings('cloud-keys')} /> }}
          />
        </p>

        <details className="group mt-8 rounded-xl border border-zinc-200 px-4 py-3 dark:border-zinc-700" data-testid="own-model-file">
          <summary className="cursor-pointer text-sm font-medium select-none">{t('empty.ownFile')}</summary>
          <ol className="mt-4 space-y-5">
            <Step n={1} title={t('empty.step1')}>
              <span className="mb-2 block">{t('empty.step1Text')}</span>
              <ModelsFolder />
            </Step>
            <Step n={2} title={t('empty.step2')}>
              <span className="mb-2 block">{t('empty.step2Text')}</span>
              <RefreshModelsButton label={t('empty.lookForModels')} busyLabel={t('empty.looking')} />
            </Step>
          </ol>
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
            <Trans
              i18nKey="empty.otherApps"
              components={{ open: <button type="button" className={ui.link} onClick={() => useApp.getState().openSettings('models')} /> }}
            />
          </p>
        </details>
      </div>
    </div>
  )
}

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <li className="flex gap-4">
      <span
        aria-hidden="true"
        className="flex size-7 shrink-0 items-center justify-center rounded-full border border-zinc-300 text-sm font-semibold dark:border-zinc-600"
      >
        {n}
      </span>
      <div className="min-w-0 flex-1 pt-0.5">
        <h3 className="font-medium">{title}</h3>
        <div className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-300">{children}</div>
      </div>
    </li>
  )
}

/** Ideas for a first message (in the page's language: the prompt is sent as shown). */
const starters = ['story', 'explain', 'write', 'ideas'] as const

/** "You’re chatting with X, privately on this computer." / "… from OpenAI, with your key." / "… on your server “Ollama”." */
function chattingWhere(model: ChatModel): { key: `empty.${'chatAutoLocal' | 'chatAuto' | 'chatLocal' | 'chatKey' | 'chatServer' | 'chatCloud'}`; provider?: string } {
  if (model.kind === 'auto') return { key: model.localOnly ? 'empty.chatAutoLocal' : 'empty.chatAuto' }
  if (model.kind === 'local') return { key: 'empty.chatLocal' }
  const provider = model.cloud?.providerName
  if (!provider) return { key: 'empty.chatKey' }
  return { key: model.cloud?.provider.startsWith('server.') ? 'empty.chatServer' : 'empty.chatCloud', provider }
}

/** Models are there, no chat open yet. */
export function Welcome({ model }: { model: ChatModel | null }) {
  const busy = useChat((s) => s.busy)
  const readyId = useOnboarding((s) => s.readyModelId)
  const readyName = useModels((s) => s.models.find((m) => m.id === readyId)?.name ?? null)
  const ready = model && readyId && (readyId === model.id || (model.kind === 'auto' && readyName))
  const { t } = useTranslation()
  const where = model ? chattingWhere(model) : null
  return (
    <div className="relative flex min-h-0 flex-1 overflow-y-auto" data-testid="welcome">
      <div className="m-auto w-full max-w-2xl px-6 py-10 text-center">
        <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-2xl bg-gradient-to-br from-violet-500 to-fuchsia-400 text-white shadow-md">
          <SparkIcon size={24} />
        </div>
        <h2 className="text-2xl font-semibold tracking-tight">{t('empty.help')}</h2>
        <p className="mt-2 text-zinc-600 dark:text-zinc-300">
          {model && where ? (
            <Trans
              i18nKey={where.key}
              values={{ model: model.name, provider: where.provider }}
              components={{ name: <span className="font-medium text-zinc-900 dark:text-zinc-100" /> }}
            />
          ) : (
            t('empty.pickModel')
          )}
        </p>
        {ready && (
          <div
            role="status"
            data-testid="onboarding-ready"
            className="mx-auto mt-5 flex max-w-md items-start gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-3.5 py-2.5 text-left text-sm text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100"
          >
            <CheckCircleIcon size={16} className="mt-0.5 shrink-0" />
            <p className="flex-1">
              {model.kind === 'auto'
                ? t('empty.readyAuto', { model: readyName })
                : t('empty.ready', { model: model.name })}
            </p>
            <button
              type="button"
              aria-label={t('common.dismiss')}
              className="-m-0.5 rounded p-0.5 hover:bg-black/5 dark:hover:bg-white/10"
              onClick={() => useOnboarding.getState().clearReady()}
            >
              <CloseIcon size={14} />
            </button>
          </div>
        )}
        <ul className="mt-8 grid gap-3 text-left sm:grid-cols-2">
          {starters.map((id) => {
            const starter = { title: t(`empty.starters.${id}.title`), prompt: t(`empty.starters.${id}.prompt`) }
            return (
              <li key={id}>
                <button
                  type="button"
                  data-testid="starter"
                  disabled={!model || busy}
                  onClick={() => model && void useChat.getState().send(starter.prompt, model.id)}
                  className="flex h-full w-full flex-col items-start justify-start rounded-xl border border-zinc-200 px-4 py-3 text-left hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  <span className="block text-sm font-medium">{starter.title}</span>
                  <span className="mt-0.5 block text-sm text-zinc-600 dark:text-zinc-400">{starter.prompt}</span>
                </button>
              </li>
            )
          })}
        </ul>
      </div>
    </div>
  )
}
