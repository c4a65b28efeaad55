import { ServerIcon } from '../common/icons'

/** A colour per provider, so the cards can be told apart at a glance (not a logo). */
const tints: Record<string, string> = {
  openai: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  anthropic: 'bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-300',
  google: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
  xai: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  deepseek: 'bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-300',
  moonshot: 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300',
  openrouter: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300',
}

/** The provider's initial in a tinted square; a server icon for the user's own servers. */
export function ProviderMark({ id, name }: { id: string; name: string }) {
  const server = id.startsWith('server.')
  return (
    <span
      aria-hidden="true"
      className={`flex size-8 shrink-0 items-center justify-center rounded-lg text-sm font-semibold ${
        server ? 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300' : (tints[id] ?? 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300')
      }`}
    >
      {server ? <ServerIcon size={16} /> : (name.trim()[0] ?? '?').toUpperCase()}
    </span>
  )
}
