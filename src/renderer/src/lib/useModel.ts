import type { InstalledModel } from '../api'
import { useChat } from '../stores/chat'
import { isUsable, useModels } from '../stores/models'
import { useSettings } from '../stores/settings'

/**
 * The model the next message goes to: the one picked for this chat, else the one picked last,
 * else the first usable one. Null when no installed model can be used.
 */
export function useEffectiveModel(): InstalledModel | null {
  const models = useModels((s) => s.models)
  const selected = useChat((s) => s.selectedModelId)
  const last = useSettings((s) => s.settings?.lastModelId ?? null)
  for (const id of [selected, last]) {
    const model = id ? models.find((m) => m.id === id) : undefined
    if (model && isUsable(model)) return model
  }
  return models.find(isUsable) ?? null
}
