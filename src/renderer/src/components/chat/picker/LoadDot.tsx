import type { LoadState } from './rows'

const DOT: Record<LoadState, string> = {
  ready: 'bg-emerald-500',
  loading: 'animate-pulse bg-amber-500',
  unloaded: 'border border-zinc-400 dark:border-zinc-500',
}

/** A local model's state in the engine as a dot (the words beside it or in its label say it too). */
export function LoadDot({ state }: { state: LoadState }) {
  return <span aria-hidden="true" className={`inline-block size-2 shrink-0 rounded-full ${DOT[state]}`} />
}
