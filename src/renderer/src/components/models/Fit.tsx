import type { Capability, FitEstimate, FitLabel } from '../../api'
import { Trans, useTranslation } from '../../i18n'
import { formatBytes } from '../../lib/format'
import { capabilityHints, capabilityNames, capabilityOrder, fitNames, fitSentence } from '../../lib/modelWords'
import { fitBreakdown, machineLine } from '../../lib/termWords'
import { useCatalog } from '../../stores/catalog'
import { ChevronDownIcon } from '../common/icons'
import { Term } from '../common/Term'

const badgeTone: Record<FitLabel, string> = {
  runs_well: 'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950/70 dark:text-emerald-200',
  runs_slowly: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/70 dark:text-amber-200',
  too_big: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950/70 dark:text-red-200',
}
const dotTone: Record<FitLabel, string> = {
  runs_well: 'bg-emerald-500',
  runs_slowly: 'bg-amber-500',
  too_big: 'bg-red-500',
}

interface FitBadgeProps {
  label: FitLabel
  /** The panel this badge opens (its numbers); without it the badge is plain text. */
  controls?: string
  expanded?: boolean
  onToggle?: () => void
  /** "Probably runs well": an estimate from the file size alone. */
  rough?: boolean
}

/** "Runs well" (green) / "Runs, but slowly" (amber) / "Too big for this computer" (red); a click shows the numbers. */
export function FitBadge({ label, controls, expanded = false, onToggle, rough = false }: FitBadgeProps) {
  const { t } = useTranslation()
  const text = rough ? t(`models.fitRough.${label}`) : fitNames[label]
  const look = `inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${badgeTone[label]}`
  const dot = <span aria-hidden="true" className={`size-1.5 shrink-0 rounded-full ${dotTone[label]}`} />
  if (!controls || !onToggle) {
    return (
      <span data-testid="fit-badge" data-fit={label} className={look}>
        {dot}
        {text}
      </span>
    )
  }
  return (
    <button
      type="button"
      data-testid="fit-badge"
      data-fit={label}
      aria-expanded={expanded}
      aria-controls={controls}
      title={t('models.fitHow')}
      onClick={onToggle}
      className={`${look} hover:brightness-95 dark:hover:brightness-125`}
    >
      {dot}
      {text}
      <ChevronDownIcon size={12} className={`transition-transform ${expanded ? 'rotate-180' : ''}`} />
    </button>
  )
}

/**
 * The numbers behind a fit label, in plain words: one figure (what the model needs, against what this
 * computer can spare, in the fit's own sentence); how it splits up and what the computer has sit in
 * the tooltip of "How Aura worked this out".
 */
export function FitDetails({ id, fit }: { id: string; fit: FitEstimate }) {
  const { t } = useTranslation()
  const hardware = useCatalog((s) => s.hardware)
  return (
    <div id={id} data-testid="fit-details" className={panel}>
      <p>
        <strong className="font-semibold">{fitSentence(fit)}</strong> {fit.reason}
      </p>
      <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        <Term data-testid="fit-breakdown" hint={fitBreakdown(fit, hardware)}>
          {t('models.fitWorkedOut')}
        </Term>
      </p>
    </div>
  )
}

/** The rough estimate for a Hub file (no GGUF read yet). */
export function RoughFitDetails({ id, neededBytes }: { id: string; neededBytes: number }) {
  const { t } = useTranslation()
  const hardware = useCatalog((s) => s.hardware)
  return (
    <div id={id} data-testid="fit-details" className={panel}>
      <p>
        <Trans i18nKey="models.roughFit" values={{ size: formatBytes(neededBytes) }} components={{ b: <strong className="font-semibold" /> }} />
      </p>
      {hardware && (
        <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <Term data-testid="fit-breakdown" hint={`${t('models.roughFitHow')}\n${machineLine(hardware)}`}>
            {t('models.fitWorkedOut')}
          </Term>
        </p>
      )}
    </div>
  )
}

const panel = 'rounded-lg border border-zinc-200 bg-zinc-50 px-3.5 py-2.5 text-sm dark:border-zinc-700 dark:bg-zinc-800/60'

/** What a model is for, as small chips (Chat, Coding, Tools, Reasoning, Vision). */
export function CapabilityChips({ capabilities }: { capabilities: Capability[] }) {
  const { t } = useTranslation()
  const sorted = capabilityOrder.filter((c) => capabilities.includes(c))
  if (sorted.length === 0) return null
  return (
    <ul aria-label={t('models.goodFor')} className="flex flex-wrap gap-1.5">
      {sorted.map((capability) => (
        <li
          key={capability}
          title={capabilityHints[capability]}
          className="rounded-md border border-violet-200 bg-violet-50 px-1.5 py-0.5 text-xs font-medium text-violet-800 dark:border-violet-900 dark:bg-violet-950/70 dark:text-violet-200"
        >
          {capabilityNames[capability]}
        </li>
      ))}
    </ul>
  )
}
