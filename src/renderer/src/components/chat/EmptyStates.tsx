import type { ReactNode } from 'react'
import type { InstalledModel } from '../../api'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { useModels } from '../../stores/models'
import { ModelsFolder } from '../common/ModelsFolder'
import { DownloadIcon, RefreshIcon, SparkIcon } from '../common/icons'

/** A new user without any model: how to get one. */
export function NoModels() {
  const loading = useModels((s) => s.loading)
  return (
    <div className="flex min-h-0 flex-1 overflow-y-auto" data-testid="empty-state">
      <div className="m-auto w-full max-w-xl px-6 py-10">
        <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-2xl bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300">
          <DownloadIcon size={24} />
        </div>
        <h2 className="text-center text-2xl font-semibold tracking-tight">Add an AI model to get started</h2>
        <p className="mt-3 text-center text-zinc-600 dark:text-zinc-300">
          Aura runs AI models right here on your computer, so your chats stay private and work offline. A model is a
          single file that ends in <strong className="font-semibold text-zinc-900 dark:text-zinc-100">.gguf</strong>.
        </p>

        <ol className="mt-8 space-y-5">
          <Step n={1} title="Download a model file">
            Pick a small one to start — a file of 1 to 5 GB runs well on most computers. Files marked{' '}
            <strong className="font-semibold">Q4_K_M</strong> are a good balance of quality and size. You can find them on{' '}
            <a
              href="https://huggingface.co/models?library=gguf&sort=trending"
              target="_blank"
              rel="noopener noreferrer"
              className="text-violet-700 underline underline-offset-2 dark:text-violet-300"
            >
              Hugging Face
            </a>
            .
          </Step>
          <Step n={2} title="Put it in your models folder">
            <span className="mb-2 block">Move or copy the file into this folder:</span>
            <ModelsFolder />
          </Step>
          <Step n={3} title="Check again">
            <span className="mb-2 block">Aura will find the model and you can start chatting.</span>
            <button
              type="button"
              data-testid="refresh-models"
              disabled={loading}
              onClick={() => void useModels.getState().refresh()}
              className="inline-flex items-center gap-2 rounded-lg bg-violet-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-violet-700 disabled:opacity-70"
            >
              <RefreshIcon size={15} className={loading ? 'animate-spin' : ''} />
              {loading ? 'Looking…' : 'Look for models'}
            </button>
          </Step>
        </ol>

        <p className="mt-8 text-center text-sm text-zinc-600 dark:text-zinc-400">
          Your models are always listed in{' '}
          <button
            type="button"
            className="font-medium text-violet-700 underline underline-offset-2 dark:text-violet-300"
            onClick={() => useApp.getState().openSettings('models')}
          >
            Settings → AI Models
          </button>
          . A built-in model downloader is coming soon.
        </p>
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

/** Models are there, no chat open yet. */
export function Welcome({ model }: { model: InstalledModel | null }) {
  const busy = useChat((s) => s.busy)
  return (
    <div className="flex min-h-0 flex-1 overflow-y-auto" data-testid="welcome">
      <div className="m-auto w-full max-w-2xl px-6 py-10 text-center">
        <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-2xl bg-gradient-to-br from-violet-500 to-fuchsia-400 text-white shadow-md">
          <SparkIcon size={24} />
        </div>
        <h2 className="text-2xl font-semibold tracking-tight">How can I help today?</h2>
        <p className="mt-2 text-zinc-600 dark:text-zinc-300">
          {model ? (
            <>
              You’re chatting with <span className="font-medium text-zinc-900 dark:text-zinc-100">{model.name}</span>,
              privately on this computer.
            </>
          ) : (
            'Pick a model above to start.'
          )}
        </p>
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
