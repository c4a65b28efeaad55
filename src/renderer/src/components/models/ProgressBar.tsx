interface ProgressBarProps {
  /** 0–100, or null when the total is not known yet (an indeterminate bar). */
  value: number | null
  /** What is progressing, for screen readers ("Downloading Qwen3 4B"). */
  label: string
  /** The value in words ("45 % — 1.2 GiB of 2.5 GiB"). */
  valueText?: string
  tone?: 'active' | 'paused' | 'failed' | 'done'
  'data-testid'?: string
}

const fill = {
  active: 'bg-violet-600 dark:bg-violet-400',
  paused: 'bg-zinc-400 dark:bg-zinc-500',
  failed: 'bg-red-500 dark:bg-red-400',
  done: 'bg-emerald-600 dark:bg-emerald-400',
} as const

/** An accessible progress bar (role=progressbar with its value in numbers and in words). */
export function ProgressBar({ value, label, valueText, tone = 'active', ...rest }: ProgressBarProps) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      aria-valuetext={valueText}
      data-testid={rest['data-testid']}
      className="h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
    >
      {value === null ? (
        <div className={`h-full w-1/3 animate-[aura-indeterminate_1.4s_ease-in-out_infinite] rounded-full ${fill[tone]}`} />
      ) : (
        <div className={`h-full rounded-full transition-[width] duration-300 ${fill[tone]}`} style={{ width: `${value}%` }} />
      )}
    </div>
  )
}
