import type { ReactNode } from 'react'
import type { HardwareProfile } from '../../api'
import { formatBytes, soldMemoryBytes } from '../../lib/format'
import { tierHints, tierNames } from '../../lib/modelWords'
import { useCatalog } from '../../stores/catalog'
import { GpuIcon, HardDriveIcon, LaptopIcon, MemoryIcon, RefreshIcon } from '../common/icons'
import { ui } from '../common/ui'

const backendNames: Record<string, string> = { metal: 'Metal (Apple)', cuda: 'CUDA (NVIDIA)', vulkan: 'Vulkan' }

function graphicsText(hardware: HardwareProfile): string {
  if (hardware.gpus.length === 0) return 'None Aura can use'
  const gpu = hardware.gpus[0]!
  const memory = gpu.unifiedMemory ? 'shares the computer’s memory' : gpu.vramTotalBytes ? formatBytes(soldMemoryBytes(gpu.vramTotalBytes)) : null
  const more = hardware.gpus.length > 1 ? ` (+${hardware.gpus.length - 1} more)` : ''
  return `${gpu.model}${memory ? ` · ${memory}` : ''}${more}`
}

/** What Aura found on this computer, in plain words; the technical details one click away. */
export function HardwareCard() {
  const hardware = useCatalog((s) => s.hardware)
  const error = useCatalog((s) => s.hardwareError)
  const loading = useCatalog((s) => s.hardwareLoading)

  if (!hardware) {
    return (
      <div data-testid="hardware-card" className={`${ui.card} px-5 py-4`} aria-busy={loading}>
        {error ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <p className="flex-1 text-zinc-700 dark:text-zinc-300">Aura couldn’t look at this computer: {error}</p>
            <button type="button" className={ui.secondary} onClick={() => void useCatalog.getState().loadHardware()}>
              <RefreshIcon size={14} />
              Try again
            </button>
          </div>
        ) : (
          <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400" role="status">
            <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
            Looking at this computer…
          </p>
        )}
      </div>
    )
  }

  const cpuOnly = hardware.gpuBackends.length === 0
  return (
    <section data-testid="hardware-card" data-tier={hardware.tier} aria-labelledby="hardware-heading" className={`${ui.card} px-5 py-4`}>
      <div className="flex items-start gap-3.5">
        <div className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300">
          <LaptopIcon size={20} />
        </div>
        <div className="min-w-0 flex-1">
          <h3 id="hardware-heading" className="text-xs font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
            Your computer
          </h3>
          <p className="mt-0.5 font-medium">Aura found: {hardware.summary}.</p>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <span className={`${ui.chip} mr-1.5`} data-testid="hardware-tier">
              {tierNames[hardware.tier]}
            </span>
            {tierHints[hardware.tier]}
          </p>
        </div>
      </div>

      <HardwareFacts hardware={hardware} />

      <details className="group mt-3 text-sm">
        <summary className="cursor-pointer rounded-md py-1 font-medium text-zinc-700 select-none hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
          Details
        </summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-5 gap-y-1.5 rounded-lg bg-zinc-50 px-3.5 py-3 dark:bg-zinc-800/60" data-testid="hardware-details">
          <dt className={ui.muted}>Processor</dt>
          <dd>
            {hardware.cpu.model} · {hardware.cpu.cores} cores, {hardware.cpu.threads} threads
          </dd>
          <dt className={ui.muted}>Processor features</dt>
          <dd className="font-mono text-xs leading-5">
            {hardware.cpu.features.length ? hardware.cpu.features.map((f) => f.toUpperCase()).join(' · ') : 'none reported'}
          </dd>
          <dt className={ui.muted}>Graphics back-ends</dt>
          <dd>{cpuOnly ? 'None — models run on the processor' : hardware.gpuBackends.map((b) => backendNames[b] ?? b).join(', ')}</dd>
          {hardware.gpus.map((gpu, i) => (
            <GpuFacts key={i} index={i} gpu={gpu} />
          ))}
          <dt className={ui.muted}>Tier</dt>
          <dd>
            {tierNames[hardware.tier]} <code className="font-mono text-xs">({hardware.tier})</code>
          </dd>
        </dl>
      </details>
    </section>
  )
}

/** Memory, graphics card and free space, each at a glance (the sizes `aura hardware` shows too). */
export function HardwareFacts({ hardware }: { hardware: HardwareProfile }) {
  const cpuOnly = hardware.gpuBackends.length === 0
  return (
    <dl className="mt-4 grid gap-3 sm:grid-cols-3">
      <Fact icon={<MemoryIcon size={16} />} label="Memory">
        {formatBytes(soldMemoryBytes(hardware.ramTotalBytes))} <span className={ui.muted}>({formatBytes(hardware.ramFreeBytes)} free)</span>
      </Fact>
      <Fact icon={<GpuIcon size={16} />} label="Graphics card">
        {graphicsText(hardware)}
        {cpuOnly && hardware.gpus.length > 0 && <span className={`block text-xs ${ui.muted}`}>Models run on the processor</span>}
      </Fact>
      <Fact icon={<HardDriveIcon size={16} />} label="Free space for models">
        {hardware.diskFreeBytes === null ? 'Unknown' : formatBytes(hardware.diskFreeBytes)}
      </Fact>
    </dl>
  )
}

function GpuFacts({ gpu, index }: { gpu: HardwareProfile['gpus'][number]; index: number }) {
  const memory = gpu.unifiedMemory
    ? 'shares the computer’s memory'
    : gpu.vramTotalBytes !== null
      ? `${formatBytes(soldMemoryBytes(gpu.vramTotalBytes))} graphics memory${gpu.vramFreeBytes !== null ? `, ${formatBytes(gpu.vramFreeBytes)} free` : ''}`
      : 'graphics memory unknown'
  return (
    <>
      <dt className={ui.muted}>Graphics card{index > 0 ? ` ${index + 1}` : ''}</dt>
      <dd>
        {gpu.vendor} {gpu.model} · {memory}
      </dd>
    </>
  )
}

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-zinc-200 px-3 py-2.5 dark:border-zinc-700">
      <dt className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        {icon}
        {label}
      </dt>
      <dd className="mt-1 text-sm font-medium break-words">{children}</dd>
    </div>
  )
}
