import type { ReactNode } from 'react'
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
            <h2 className="text-center text-2xl font-semibold tracking-tight">Add an AI model to get started</h2>
            <p className="mt-3 text-center text-zinc-600 dark:text-zinc-300">
              Aura runs AI models right here on your computer, so your chats stay private and work offline.
            </p>
            {downloads.length > 0 ? (
              <ul className={`${ui.card} mt-6`} aria-label="Downloads">
                {downloads.map((download) => (
                  <DownloadRow key={download.id} download={download} title={downloadTitle(download, items)} />
                ))}
              </ul>
            ) : (
              <div className="mt-6 flex justify-center">
                <button type="button" data-testid="browse-models" className={ui.primary} onClick={() => useApp.getState().openSettings('models')}>
                  <DownloadIcon size={16} />
                  Choose a model to download
                </button>
              </div>
            )}
          </>
        )}

        <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="cloud-keys-hint">
          Have an account with OpenAI, Anthropic or another AI company? Use its models with your own key:{' '}
          <button type="button" className={ui.link} onClick={() => useApp.getState().openSettings('cloud-keys')}>
            Settings → Cloud Keys
          </button>
          .
        </p>

        <details className="group mt-8 rounded-xl border border-zinc-200 px-4 py-3 dark:border-zinc-700" data-testid="own-model-file">
          <summary className="cursor-pointer text-sm font-medium select-none">Already have a model file (.gguf)?</summary>
          <ol className="mt-4 space-y-5">
            <Step n={1} title="Put it in your models folder">
              <span className="mb-2 block">Move or copy the file into this folder:</span>
              <ModelsFolder />
            </Step>
            <Step n={2} title="Check again">
              <span className="mb-2 block">Aura will find the model and you can start chatting.</span>
              <RefreshModelsButton label="Look for models" busyLabel="Looking…" />
            </Step>
          </ol>
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
            Models from LM Studio, Ollama, Jan or GPT4All can be used without copying them:{' '}
            <button type="button" className={ui.link} onClick={() => useApp.getState().openSettings('models')}>
              Settings → AI Models
            </button>
            .
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

const starters = [
  { title: 'Write a short story', prompt: 'Write a short bedtime story about a curious little fox.' },
  { title: 'Explain something', prompt: 'Explain in simple words why the sky is blue.' },
  { title: 'Help me write', prompt: 'Help me write a friendly note to thank a neighbour for their help.' },
  { title: 'Brainstorm ideas', prompt: 'Give me five ideas for a relaxing weekend at home.' },
]

/** ", privately on this computer." / " from OpenAI, with your key." / " on your server “Ollama”." */
function chattingWhere(model: ChatModel): string {
  if (model.kind === 'auto') {
    return model.localOnly
      ? ': Aura picks one of the models on this computer for each message, and nothing leaves it.'
      : ': Aura picks a model for each message — one on this computer when it can, a cloud model with your key when it must.'
  }
  if (model.kind === 'local') return ', privately on this computer.'
  const provider = model.cloud?.providerName
  if (!provider) return ', with your key.'
  return model.cloud?.provider.startsWith('server.') ? ` on your server “${provider}”.` : ` from ${provider}, with your key.`
}

/** Models are there, no chat open yet. */
export function Welcome({ model }: { model: ChatModel | null }) {
  const busy = useChat((s) => s.busy)
  const readyId = useOnboarding((s) => s.readyModelId)
  const readyName = useModels((s) => s.models.find((m) => m.id === readyId)?.name ?? null)
  const ready = model && readyId && (readyId === model.id || (model.kind === 'auto' && readyName))
  return (
    <div className="relative flex min-h-0 flex-1 overflow-y-auto" data-testid="welcome">
      <div className="m-auto w-full max-w-2xl px-6 py-10 text-center">
        <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-2xl bg-gradient-to-br from-violet-500 to-fuchsia-400 text-white shadow-md">
          <SparkIcon size={24} />
        </div>
        <h2 className="text-2xl font-semibold tracking-tight">How can I help today?</h2>
        <p className="mt-2 text-zinc-600 dark:text-zinc-300">
          {model ? (
            <>
              You’re chatting with <span className="font-medium text-zinc-900 dark:text-zinc-100">{model.name}</span>
              {chattingWhere(model)}
            </>
          ) : (
            'Pick a model above to start.'
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
                ? `${readyName} is downloaded, and Auto answers with it. Ask anything below, or start with an idea.`
                : `${model.name} is downloaded and picked for you. Ask it anything below, or start with an idea.`}
            </p>
            <button
              type="button"
              aria-label="Dismiss"
              className="-m-0.5 rounded p-0.5 hover:bg-black/5 dark:hover:bg-white/10"
              onClick={() => useOnboarding.getState().clearReady()}
            >
              <CloseIcon size={14} />
            </button>
          </div>
        )}
        <ul className="mt-8 grid gap-3 text-left sm:grid-cols-2">
          {starters.map((starter) => (
            <li key={starter.title}>
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
          ))}
        </ul>
      </div>
    </div>
  )
}
