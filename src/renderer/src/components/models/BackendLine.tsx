import type { BackendChoice } from '../../api'
import { i18n } from '../../i18n'
import { formatBytes, soldMemoryBytes } from '../../lib/format'
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
    </div>
  )
}
