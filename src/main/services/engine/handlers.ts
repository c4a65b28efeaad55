import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import type { HandlersOf } from '../dispatch'
import type { ModelLibrary } from '../models'
import type { SettingsService } from '../settings/settingsService'
import type { InferenceEngine } from './inferenceEngine'

interface Deps {
  engine: InferenceEngine
  models: Pick<ModelLibrary, 'list'>
  settings: Pick<SettingsService, 'get'>
}

/** The local engine's state, letting go of the loaded models, and embeddings. */
export function engineHandlers({ engine, models, settings }: Deps): HandlersOf<'engine'> {
  return {
    'engine.status': () => engine.status(),
    'engine.unload': async () => {
      await engine.unload()
      return engine.status()
    },
    'engine.embed': async ({ modelId, texts }) => {
      const model = (await models.list()).find((m) => m.id === modelId)
      if (!model) throw new AuraError('model_not_found', words('engine.embeddingMissing', { model: modelId }), { modelId })
      if (model.problem) throw new AuraError('model_invalid', model.problem, { modelId })
      return engine.embed({ model: { id: model.id, file: model.file }, texts, threads: settings.get().threads })
    },
  }
}
