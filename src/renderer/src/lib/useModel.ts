import type { AUTO_MODEL_ID as AutoModelId, CloudModel, InstalledModel } from '../api'
import { i18n } from '../i18n'
import { useChat } from '../stores/chat'
import { useCloud } from '../stores/cloud'
import { isUsable, useModels } from '../stores/models'
import { useSettings } from '../stores/settings'
import { friendlyName } from './modelNames'
import { isCloudModelId, isServerProvider, modelPartOf, providerOfModelId } from './cloudWords'

/** The model id that lets Aura pick a model for each message (shared/api's AUTO_MODEL_ID, kept here to keep zod out of the bundle). */
export const AUTO_MODEL_ID: typeof AutoModelId = 'auto'

export const isAutoModelId = (id: string | null | undefined): boolean => id === AUTO_MODEL_ID

/**
 * A model a chat can go to: Auto (Aura picks for each message), one on this computer, or a cloud
 * model (a provider's or the user's own server's).
 */
export type ChatModel =
  /** `localOnly`: Auto picks among local models only (privacy). */
  | { kind: 'auto'; id: typeof AutoModelId; name: string; localOnly: boolean }
  | { kind: 'local'; id: string; name: string; local: InstalledModel }
  /** `cloud` is null while the cloud list is still on its way (the model was picked before). */
  | { kind: 'cloud'; id: string; name: string; cloud: CloudModel | null }

/** Auto's name on screen: "Auto", or "Auto · Local only" (in the language on screen). */
export const autoName = (localOnly: boolean): string => (localOnly ? i18n.t('picker.autoLocalOnly') : 'Auto')

export const autoChatModel = (localOnly: boolean): ChatModel => ({
  kind: 'auto',
  id: AUTO_MODEL_ID,
  name: autoName(localOnly),
  localOnly,
})
/** Named in words, without the file's quantization tag ("Qwen3 4B", not "Qwen3-4B-Q4_K_M"). */
export const localChatModel = (local: InstalledModel): ChatModel => ({ kind: 'local', id: local.id, name: friendlyName(local.name), local })
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
 * The model the next message goes to, from the ids picked (this chat's, then the last one): Auto,
 * or a model that is there. With Local only on, a cloud model is never it. Without any pick that
 * can be used: Auto when some model can answer. Null when there is none.
 */
export function pickChatModel(
  ids: (string | null | undefined)[],
  local: InstalledModel[],
  cloud: CloudModel[],
  cloudSettled: boolean,
  localOnly: boolean,
): ChatModel | null {
  const anyLocal = local.some(isUsable)
  const anyModel = anyLocal || (!localOnly && (cloud.length > 0 || !cloudSettled))
  for (const id of ids) {
    if (isAutoModelId(id)) {
      if (anyModel || localOnly) return autoChatModel(localOnly)
      continue
    }
    const model = findChatModel(id, local, cloud, cloudSettled)
    // Under Local only a cloud pick gives way to Auto; a server the picker lists (Local only allows it) stays.
    if (model && !(localOnly && model.kind === 'cloud' && !(isServerProvider(providerOfModelId(model.id)) && model.cloud !== null))) return model
  }
  if (anyLocal || (!localOnly && cloud.length > 0)) return autoChatModel(localOnly)
  return null
}

export function useEffectiveModel(): ChatModel | null {
  const models = useModels((s) => s.models)
  const cloud = useCloud((s) => s.models)
  const cloudSettled = useCloud((s) => s.modelsSettled)
  const selected = useChat((s) => s.selectedModelId)
  const last = useSettings((s) => s.settings?.lastModelId ?? null)
  const localOnly = useSettings((s) => s.settings?.localOnly ?? false)
  return pickChatModel([selected, last], models, cloud, cloudSettled, localOnly)
}

/** Where a message to this model goes, in plain words, for the composer's small print (in the language on screen: the composer re-renders on a change). */
export function whereItGoes(model: ChatModel | null): string {
  if (model?.kind === 'auto') return i18n.t(model.localOnly ? 'picker.goes.autoLocalOnly' : 'picker.goes.auto')
  if (!model || model.kind === 'local') return i18n.t('picker.goes.local')
  const provider = model.cloud?.providerName
  if (model.cloud?.provider.startsWith('server.')) return provider ? i18n.t('picker.goes.serverNamed', { name: provider }) : i18n.t('picker.goes.server')
  return provider ? i18n.t('picker.goes.provider', { provider }) : i18n.t('picker.goes.cloud')
}
