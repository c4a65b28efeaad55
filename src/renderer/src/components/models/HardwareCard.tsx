import type { ReactNode } from 'react'
import type { HardwareProfile } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { formatBytes, soldMemoryBytes } from '../../lib/format'
import { tierHints, tierNames } from '../../lib/modelWords'
import { useCatalog } from '../../stores/catalog'
import { GpuIcon, HardDriveIcon, LaptopIcon, MemoryIcon, RefreshIcon } from '../common/icons'
import { ui } from '../common/ui'
import { BackendLine } from './BackendLine'

const backendNames: Record<string, string> = { metal: 'Metal (Apple)', cuda: 'CUDA (NVIDIA)', vulkan: 'Vulkan' }

function graphicsText(hardware: HardwareProfile): string {
  if (hardware.gpus.length === 0) return i18n.t('models.hardware.noGpu')
  const gpu = hardware.gpus[0]!
  const memory = gpu.unifiedMemory
    ? i18n.t('models.hardware.sharedMemory')
    : gpu.vramTotalBytes
      ? formatBytes(soldMemoryBytes(gpu.vramTotalBytes))
      : null
  const more = hardware.gpus.length > 1 ? i18n.t('models.hardware.moreGpus', { count: hardware.gpus.length - 1 }) : ''
  return `${gpu.model}${memory ? ` · ${memory}` : ''}${more}`
}

/** What Aura found on this computer, in plain words; the technical details one click away. */
export function HardwareCard() {
  const { t } = useTranslation()
  const hardware = useCatalog((s) => s.hardware)
  const error = useCatalog((s) => s.hardwareError)
  const loading = useCatalog((s) => s.hardwareLoading)

  if (!hardware) {
    return (
      <div data-testid="hardware-card" className={`${ui.card} px-5 py-4`} aria-busy={loading}>
        {error ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <p className="flex-1 text-zinc-700 dark:text-zinc-300">{t('models.hardware.failed', { error })}</p>
            <button type="button" className={ui.secondary} onClick={() => void useCatalog.getState().loadHardware()}>
              <RefreshIcon size={14} />
              {t('models.tryAgain')}
            </button>
          </div>
        ) : (
          <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400" role="status">
            <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
            {t('models.hardware.looking')}
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
            {t('models.hardware.heading')}
          </h3>
          <p className="mt-0.5 font-medium">{t('models.hardware.found', { summary: hardware.summary })}</p>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <span className={`${ui.chip} mr-1.5`} data-testid="hardware-tier">
              {tierNames[hardware.tier]}
            </span>
            {tierHints[hardware.tier]}
          </p>
          {hardware.backend && <BackendLine choice={hardware.backend} />}
          {hardware.estimateError && (
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="estimate-error">
              {t('models.hardware.estimateError', { percent: hardware.estimateError.withinPercent, count: hardware.estimateError.loads })}
            </p>
          )}
        </div>
      </div>

      <HardwareFacts hardware={hardware} />

      <details className="group mt-3 text-sm">
        <summary className="cursor-pointer rounded-md py-1 font-medium text-zinc-700 select-none hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
          {t('models.details')}
        </summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-5 gap-y-1.5 rounded-lg bg-zinc-50 px-3.5 py-3 dark:bg-zinc-800/60" data-testid="hardware-details">
          <dt className={ui.muted}>{t('models.hardware.processor')}</dt>
          <dd>
            {hardware.cpu.model} · {t('models.hardware.cores', { cores: hardware.cpu.cores, threads: hardware.cpu.threads })}
          </dd>
          <dt className={ui.muted}>{t('models.hardware.features')}</dt>
          <dd className="font-mono text-xs leading-5">
            {hardware.cpu.features.length ? hardware.cpu.features.map((f) => f.toUpperCase()).join(' · ') : t('models.hardware.noneReported')}
          </dd>
          <dt className={ui.muted}>{t('models.hardware.backends')}</dt>
          <dd>{cpuOnly ? t('models.hardware.noBackend') : hardware.gpuBackends.map((b) => backendNames[b] ?? b).join(', ')}</dd>
          {hardware.gpus.map((gpu, i) => (
            <GpuFacts key={i} index={i} gpu={gpu} />
          ))}
          <dt className={ui.muted}>{t('models.hardware.tier')}</dt>
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
  const { t } = useTranslation()
  const cpuOnly = hardware.gpuBackends.length === 0
  return (
    <dl className="mt-4 grid gap-3 sm:grid-cols-3">
      <Fact icon={<MemoryIcon size={16} />} label={t('models.hardware.memory')}>
        {formatBytes(soldMemoryBytes(hardware.ramTotalBytes))}{' '}
        <span className={ui.muted}>{t('models.hardware.free', { size: formatBytes(hardware.ramFreeBytes) })}</span>
      </Fact>
      <Fact icon={<GpuIcon size={16} />} label={t('models.hardware.gpu')}>
        {graphicsText(hardware)}
        {cpuOnly && hardware.gpus.length > 0 && <span className={`block text-xs ${ui.muted}`}>{t('models.hardware.onProcessor')}</span>}
      </Fact>
      <Fact icon={<HardDriveIcon size={16} />} label={t('models.hardware.disk')}>
        {hardware.diskFreeBytes === null ? t('models.hardware.unknown') : formatBytes(hardware.diskFreeBytes)}
      </Fact>
    </dl>
  )
}

function GpuFacts({ gpu, index }: { gpu: HardwareProfile['gpus'][number]; index: number }) {
  const { t } = useTranslation()
  const total = gpu.vramTotalBytes !== null ? formatBytes(soldMemoryBytes(gpu.vramTotalBytes)) : null
  const memory = gpu.unifiedMemory
    ? t('models.hardware.sharedMemory')
    : total === null
      ? t('models.hardware.vramUnknown')
      : gpu.vramFreeBytes !== null
        ? t('models.hardware.vramFree', { total, free: formatBytes(gpu.vramFreeBytes) })
        : t('models.hardware.vram', { total })
  return (
    <>
      <dt className={ui.muted}>{index > 0 ? t('models.hardware.gpuNumber', { number: index + 1 }) : t('models.hardware.gpu')}</dt>
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
