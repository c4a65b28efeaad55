/** Class names shared by the settings pages' controls (one look for every button and field). */
export const ui = {
  primary:
    'inline-flex items-center justify-center gap-2 rounded-lg bg-violet-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-violet-700 disabled:bg-zinc-200 disabled:text-zinc-500 dark:disabled:bg-zinc-700 dark:disabled:text-zinc-400',
  secondary:
    'inline-flex items-center justify-center gap-2 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700',
  ghost:
    'inline-flex items-center justify-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-200/70 hover:text-zinc-900 disabled:opacity-50 dark:text-zinc-300 dark:hover:bg-zinc-700/70 dark:hover:text-white',
  danger:
    'inline-flex items-center justify-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950/60',
  input:
    'rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm placeholder:text-zinc-500 focus:border-violet-500 focus:outline-none disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-800 dark:placeholder:text-zinc-400',
  card: 'rounded-xl border border-zinc-200 bg-white dark:border-zinc-700/80 dark:bg-zinc-900',
  muted: 'text-zinc-600 dark:text-zinc-400',
  chip: 'inline-flex items-center gap-1 rounded-full border border-zinc-200 bg-zinc-50 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  link: 'font-medium text-violet-700 underline underline-offset-2 hover:text-violet-900 dark:text-violet-300 dark:hover:text-violet-200',
} as const

/** The "estimated" mark on a cost or price counted at a stand-in (the model's price is unknown). */
export const estimatedChip =
  'inline-flex items-center rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200'
