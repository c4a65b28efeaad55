import type { BackendChoice } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { formatBytes, soldMemoryBytes } from '../../lib/format'
import { useCatalog } from '../../stores/catalog'
import { ui } from '../common/ui'

/** "Using your NVIDIA GeForce RTX 4070, 12 GiB" / "Using the processor: no graphics card Aura can use". */
export function usingSentence(choice: BackendChoice): string {
  if (choice.backend === 'cpu' || !choice.device) return i18n.t('models.hardware.usingProcessor')
  if (!choice.vramBytes) return i18n.t('models.hardware.usingDevice', { device: choice.device })
  return i18n.t('models.hardware.using', { device: choice.device, size: formatBytes(soldMemoryBytes(choice.vramBytes)) })
}

/** Why each faster back-end was passed over, fastest first: "Your NVIDIA driver is too old … ; using Vulkan." */
export function fallbackSentences(choice: BackendChoice): string[] {
  const name = (b: BackendChoice['backend']) => i18n.t(`models.hardware.backendName.${b}`)
  return choice.fallbacks.map((f, i) => {
    const next = name(choice.fallbacks[i + 1]?.backend ?? choice.backend)
    const key = f.reason === 'driver_missing' && f.backend === 'cuda' ? 'driver_missing_cuda' : f.reason
    return i18n.t(`models.hardware.why.${key}`, { backend: name(f.backend), needs: f.needs ?? '', next })
  })
}

/** What the local models run on, and why not on something faster. */
export function BackendLine({ choice }: { choice: BackendChoice }) {
  return (
    <div className="mt-1.5 text-sm" data-testid="hardware-backend" data-backend={choice.backend}>
      <p className="font-medium">{usingSentence(choice)}</p>
      {fallbackSentences(choice).map((sentence) => (
        <p key={sentence} className={`text-xs ${ui.muted}`}>
          {sentence}
        </p>
      ))}
      {choice.fallbacks.some((f) => f.backend === 'cuda' && f.reason === 'speedup_not_installed') && <SpeedupOffer />}
    </div>
  )
}

/** The one-click NVIDIA speed-up (hardware.installSpeedup), with its progress and outcome. */
function SpeedupOffer() {
  const { t } = useTranslation()
  const speedup = useCatalog((s) => s.speedup)
  if (speedup.state === 'done') return <p className="mt-1.5 text-xs" role="status">{t('models.hardware.speedupDone')}</p>
  if (speedup.state === 'installing') {
    return (
      <p className="mt-1.5 text-xs" role="status" data-testid="speedup-progress">
        {speedup.totalBytes
          ? t('models.hardware.speedupProgress', { done: formatBytes(speedup.receivedBytes), total: formatBytes(speedup.totalBytes) })
          : t('models.hardware.speedupStarting')}
      </p>
    )
  }
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
      <button type="button" className={ui.secondary} data-testid="speedup-install" onClick={() => void useCatalog.getState().installSpeedup()}>
        {t('models.hardware.speedup')}
      </button>
      <span className={`min-w-0 flex-1 text-xs ${ui.muted}`}>{t('models.hardware.speedupHint')}</span>
      {speedup.error && (
        <p className="w-full text-xs text-red-700 dark:text-red-400" role="alert">
          {speedup.error}
        </p>
      )}
    </div>
  )
}
