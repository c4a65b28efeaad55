import type { Capability, FitEstimate, FitLabel, HardwareProfile } from '../../api'
import { formatBytes, formatNumber, soldMemoryBytes } from '../../lib/format'
import { capabilityHints, capabilityNames, capabilityOrder, fitNames } from '../../lib/modelWords'
import { useCatalog } from '../../stores/catalog'
import { ChevronDownIcon } from '../common/icons'

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
  const text = rough ? `Probably ${fitNames[label].charAt(0).toLowerCase()}${fitNames[label].slice(1)}` : fitNames[label]
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
      title="Show the memory numbers"
      onClick={onToggle}
      className={`${look} hover:brightness-95 dark:hover:brightness-125`}
    >
      {dot}
      {text}
      <ChevronDownIcon size={12} className={`transition-transform ${expanded ? 'rotate-180' : ''}`} />
    </button>
  )
}

/** The numbers behind a fit label, in plain words. */
export function FitDetails({ id, fit }: { id: string; fit: FitEstimate }) {
  const hardware = useCatalog((s) => s.hardware)
  const onGpu = fit.vramBytes > 0
  return (
    <div
      id={id}
      data-testid="fit-details"
      className="rounded-lg border border-zinc-200 bg-zinc-50 px-3.5 py-3 text-sm dark:border-zinc-700 dark:bg-zinc-800/60"
    >
      <p>
        <strong className="font-semibold">{fit.labelText}.</strong> {fit.reason}
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-zinc-700 dark:text-zinc-300">
        <dt>Memory it needs</dt>
        <dd className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">about {formatBytes(fit.totalBytes)}</dd>
        <dt className="pl-3">the model itself</dt>
        <dd className="tabular-nums">{formatBytes(fit.weightsBytes)}</dd>
        <dt className="pl-3">the conversation ({formatNumber(fit.contextSize)} tokens)</dt>
        <dd className="tabular-nums">{formatBytes(fit.kvCacheBytes)}</dd>
        <dt className="pl-3">working space</dt>
        <dd className="tabular-nums">{formatBytes(fit.overheadBytes)}</dd>
        {onGpu && (
          <>
            <dt>On the graphics card</dt>
            <dd className="tabular-nums">
              {formatBytes(fit.vramBytes)} ({Math.round(fit.gpuShare * 100)}% of the model)
            </dd>
          </>
        )}
        <dt>In the computer’s memory</dt>
        <dd className="tabular-nums">{formatBytes(fit.ramBytes)}</dd>
      </dl>
      {hardware && <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{machineLine(hardware)}</p>}
    </div>
  )
}

/** The rough estimate for a Hub file (no GGUF read yet). */
export function RoughFitDetails({ id, neededBytes }: { id: string; neededBytes: number }) {
  const hardware = useCatalog((s) => s.hardware)
  return (
    <div id={id} data-testid="fit-details" className="rounded-lg border border-zinc-200 bg-zinc-50 px-3.5 py-2.5 text-sm dark:border-zinc-700 dark:bg-zinc-800/60">
      <p>
        Estimated from the file’s size: it needs about <strong className="font-semibold">{formatBytes(neededBytes)}</strong> of memory.
        Aura checks more closely once it is downloaded.
      </p>
      {hardware && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{machineLine(hardware)}</p>}
    </div>
  )
}

function machineLine(hardware: HardwareProfile): string {
  const vram = hardware.gpus.reduce((sum, gpu) => sum + (gpu.unifiedMemory ? 0 : (gpu.vramTotalBytes ?? 0)), 0)
  const parts = [`This computer has ${formatBytes(soldMemoryBytes(hardware.ramTotalBytes))} of memory (${formatBytes(hardware.ramFreeBytes)} free now)`]
  if (vram > 0 && hardware.gpuBackends.length > 0) parts.push(`${formatBytes(soldMemoryBytes(vram))} on its graphics card`)
  return `${parts.join(' and ')}.`
}

/** What a model is for, as small chips (Chat, Coding, Tools, Reasoning, Vision). */
export function CapabilityChips({ capabilities }: { capabilities: Capability[] }) {
  const sorted = capabilityOrder.filter((c) => capabilities.includes(c))
  if (sorted.length === 0) return null
  return (
    <ul aria-label="Good for" className="flex flex-wrap gap-1.5">
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
