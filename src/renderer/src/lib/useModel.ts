import type { CloudModel, InstalledModel } from '../api'
import { useChat } from '../stores/chat'
import { useCloud } from '../stores/cloud'
import { isUsable, useModels } from '../stores/models'
import { useSettings } from '../stores/settings'
import { isCloudModelId, modelPartOf } from './cloudWords'

/** A model a chat can go to: one on this computer, or a cloud model (a provider's or the user's own server's). */
export type ChatModel =
  | { kind: 'local'; id: string; name: string; local: InstalledModel }
  /** `cloud` is null while the cloud list is still on its way (the model was picked before). */
  | { kind: 'cloud'; id: string; name: string; cloud: CloudModel | null }

export const localChatModel = (local: InstalledModel): ChatModel => ({ kind: 'local', id: local.id, name: local.name, local })
export const cloudChatModel = (cloud: CloudModel): ChatModel => ({ kind: 'cloud', id: cloud.id, name: cloud.name, cloud })

/** Finds a model by id among the local and cloud lists (usable local models only). */
export function findChatModel(
  id: string | null | undefined,
  local: InstalledModel[],
  cloud: CloudModel[],
  cloudSettled: boolean,
): ChatModel | null {
  if (!id) return null
  const installed = local.find((m) => m.id === id)
  if (installed) return isUsable(installed) ? localChatModel(installed) : null
  const remote = cloud.find((m) => m.id === id)
  if (remote) return cloudChatModel(remote)
  // Picked before, and the cloud list is not in yet: keep it rather than flip to another model.
  if (!cloudSettled && isCloudModelId(id)) return { kind: 'cloud', id, name: modelPartOf(id), cloud: null }
  return null
}

/**
 * The model the next message goes to: the one picked for this chat, else the one picked last,
 * else the first usable local model, else the first cloud model. Null when there is none.
 */
export function useEffectiveModel(): ChatModel | null {
  const models = useModels((s) => s.models)
  const cloud = useCloud((s) => s.models)
  const cloudSettled = useCloud((s) => s.modelsSettled)
  const selected = useChat((s) => s.selectedModelId)
  const last = useSettings((s) => s.settings?.lastModelId ?? null)
  for (const id of [selected, last]) {
    const model = findChatModel(id, models, cloud, cloudSettled)
    if (model) return model
  }
  const first = models.find(isUsable)
  if (first) return localChatModel(first)
  return cloud[0] ? cloudChatModel(cloud[0]) : null
}

/** Where a message to this model goes, in plain words, for the composer's small print. */
export function whereItGoes(model: ChatModel | null): string {
  if (!model || model.kind === 'local') return 'Runs privately on this computer.'
  const provider = model.cloud?.providerName
  if (model.cloud?.provider.startsWith('server.')) return `Sent to your server${provider ? ` “${provider}”` : ''}.`
  return provider ? `Sent to ${provider} with your key.` : 'Sent to a cloud service with your key.'
}
