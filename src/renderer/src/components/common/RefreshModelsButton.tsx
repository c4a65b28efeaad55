import { useModels } from '../../stores/models'
import { RefreshIcon } from './icons'
import { ui } from './ui'

/** Looks in the models folder again (e.g. after the user dropped a .gguf file into it). */
export function RefreshModelsButton({ label, busyLabel = label }: { label: string; busyLabel?: string }) {
  const loading = useModels((s) => s.loading)
  return (
    <button type="button" data-testid="refresh-models" disabled={loading} onClick={() => void useModels.getState().refresh()} className={ui.secondary}>
      <RefreshIcon size={15} className={loading ? 'animate-spin' : ''} />
      {loading ? busyLabel : label}
    </button>
  )
}
