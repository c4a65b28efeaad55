import { staysPrivate, type CloudModel, type HardwareProfile } from '../../../shared/api'
import { modelDefaultsOf } from '../../../shared/modelDefaults'
import { fitAsChosen } from '../fit'
import type { ModelLibrary } from '../models'
import type { Clock } from '../ports'
import { catalogModel, CLOUD_CATALOG, cloudModelId, parseCloudModelId, serverRef, type CloudProviders } from '../providers'
import type { SettingsService } from '../settings/settingsService'
import type { UsageLedger } from '../usage'
import { Router } from './router'
import type { CloudOption, LocalOption } from './types'

interface Deps {
  settings: SettingsService
  models: Pick<ModelLibrary, 'list'>
  hardware: { profile(): Promise<HardwareProfile> }
  cloud: Pick<CloudProviders, 'model'>
  /** Whether a provider has a key Aura may use (present, and not refused at its last test). */
  hasUsableKey(provider: string): boolean
  ledger: Pick<UsageLedger, 'records'>
  clock: Clock
  /** What Auto learned from the user's ratings. */
  learned?: () => ReadonlySet<string>
}

/** Auto's router, wired to the installed models, the cloud models with usable keys, and the ledger. */
export function createRouter(deps: Deps): Router {
  const { settings, cloud } = deps
  return new Router({
    settings: () => settings.get(),
    localModels: localModelOptions(deps),
    cloudModels: () =>
      CLOUD_CATALOG.filter((entry) => deps.hasUsableKey(entry.provider)).flatMap((entry) => {
        const model = cloud.model(cloudModelId(entry.provider, entry.model))
        return model ? [cloudOption(model, settings)] : []
      }),
    cloudModel: (id) => {
      const model = cloud.model(id)
      return model ? cloudOption(model, settings) : null
    },
    isCloudModel: (id) => parseCloudModelId(id) !== null,
    ledger: deps.ledger,
    clock: deps.clock,
    ...(deps.learned && { learned: deps.learned }),
  })
}

/**
 * Installed, usable models with their fit here. A model's fit is worked out once per file and
 * context size: the hardware is read only then, never on the way of every message.
 */
function localModelOptions(deps: Deps): () => Promise<LocalOption[]> {
  const fits = new Map<string, LocalOption['fit']>()
  return async () => {
    // Embedding models are for documents: they cannot chat.
    const list = (await deps.models.list()).filter((model) => model.problem === null && !model.embedding)
    const settings = deps.settings.get()
    const options = list.map((model) => {
      const defaults = modelDefaultsOf(settings, model.id)
      const contextTokens = Math.min(defaults.contextSize, model.contextLength ?? defaults.contextSize)
      return { model, contextTokens, defaults, key: `${model.file}:${model.sizeBytes}:${contextTokens}:${defaults.kvCacheType}:${defaults.gpuLayers}:${defaults.flashAttention}` }
    })
    const unknown = options.filter((option) => !fits.has(option.key))
    if (unknown.length > 0) {
      const profile = await deps.hardware.profile()
      await Promise.all(
        unknown.map(async ({ model, contextTokens, defaults, key }) => {
          const estimate = await fitAsChosen(model.file, contextTokens, profile, defaults).catch(() => null)
          fits.set(key, estimate?.label ?? null)
        }),
      )
    }
    return options.map(({ model, contextTokens, key }): LocalOption => ({
      id: model.id,
      name: model.name,
      parameters: model.parameters,
      sizeBytes: model.sizeBytes,
      contextTokens,
      fit: fits.get(key) ?? null,
      // Every chat template can carry tool calls (engine/tools.ts); a base model's text cannot.
      tools: model.hasChatTemplate,
    }))
  }
}

function cloudOption(model: CloudModel, settings: SettingsService): CloudOption {
  const entry = catalogModel(model.provider, model.model)
  const server = settings.get().servers.find((candidate) => serverRef(candidate.id) === model.provider)
  return {
    id: model.id,
    name: model.name,
    provider: model.provider,
    // A server's model (Ollama, LM Studio…) is whatever the user runs there: counted as balanced.
    strength: entry?.strength ?? 'balanced',
    capabilities: model.capabilities,
    contextWindow: model.contextWindow,
    price: model.price && { inputPerMTokens: model.price.inputPerMTokens, outputPerMTokens: model.price.outputPerMTokens },
    server: server ? { name: server.name, staysPrivate: staysPrivate(server) } : null,
  }
}
