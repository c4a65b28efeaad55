import { resolve } from 'node:path'
import { AuraError, type FitEstimate, type HardwareProfile, type ModelListItem } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { modelDefaultsOf } from '../../../shared/modelDefaults'
import type { HandlersOf } from '../dispatch'
import type { DownloadManager } from '../downloads'
import type { InferenceEngine } from '../engine/inferenceEngine'
import type { EventHub } from '../events'
import { fitAsChosen } from '../fit'
import type { HardwareService } from '../hardware'
import type { FolderOpener, FolderPicker, Logger } from '../ports'
import type { SettingsService } from '../settings/settingsService'
import type { ModelLibrary } from './modelLibrary'
import { moveModelsFolder } from './moveModelsFolder'
import { openableFolder } from './paths'

interface Deps {
  settings: SettingsService
  models: ModelLibrary
  hardware: Pick<HardwareService, 'profile'>
  downloads: Pick<DownloadManager, 'list'>
  engine: InferenceEngine
  events: EventHub
  modelsDir: () => string
  folderOpener?: FolderOpener
  folderPicker?: FolderPicker
  logger: Logger
}

/** The installed models: list with their fit, import, delete, discover, and the models folder. */
export function modelHandlers(deps: Deps): HandlersOf<'models'> {
  const { settings, models, hardware, engine, events } = deps
  const changed = () => events.emit('models.changed', {})
  /** Folders picked in the system's dialog this run: where there is a dialog, the only ones `setFolder` takes. */
  const picked = new Set<string>()

  /** A model's fit as its defaults would load it (at most its trained context); never fails the listing it is part of. */
  const fitOf = async (model: { id: string; file: string; contextLength: number | null }, profile: HardwareProfile): Promise<FitEstimate | null> => {
    const defaults = modelDefaultsOf(settings.get(), model.id)
    const { file } = model
    try {
      return await fitAsChosen(file, Math.min(defaults.contextSize, model.contextLength ?? defaults.contextSize), profile, defaults)
    } catch (error) {
      deps.logger.warn('Could not estimate a model’s fit', { file, error: String(error) })
      return null
    }
  }

  return {
    'models.list': async (): Promise<ModelListItem[]> => {
      const [list, profile] = await Promise.all([models.list(), hardware.profile()])
      return Promise.all(list.map(async (model) => ({ ...model, fit: model.problem ? null : await fitOf(model, profile) })))
    },
    'models.fit': async ({ id, contextSize }) => {
      const model = await models.resolve(id)
      if (model.problem) throw new AuraError('model_invalid', model.problem)
      const defaults = modelDefaultsOf(settings.get(), id)
      return fitAsChosen(model.file, contextSize ?? defaults.contextSize, await hardware.profile(), defaults)
    },
    'models.delete': async ({ id }) => {
      // Not `resolve`, which refuses a model with a problem: those are the ones most worth deleting.
      const model = await models.listed(id)
      // The engine must let go of the file first (Windows cannot delete an open file).
      if (engine.status().modelId === model.id) await engine.unload()
      const result = await models.deleteModel(model.id)
      if (result.kind === 'forgotten') settings.update({ importedModels: result.importedModels })
      changed()
      return {}
    },
    'models.import': async ({ path }) => {
      const result = await models.importModel(path)
      if (result.added) settings.update({ importedModels: result.importedModels })
      changed()
      const profile = await hardware.profile()
      return { ...result.model, fit: result.model.problem ? null : await fitOf(result.model, profile) }
    },
    'models.discover': () => models.discover(),
    'models.setFolder': async ({ path, moveFiles }) => {
      const from = deps.modelsDir()
      if (deps.downloads.list().some((download) => ['queued', 'downloading', 'verifying'].includes(download.state))) {
        throw new AuraError('busy', words('models.downloadingHere'))
      }
      const to = resolve(path)
      if (deps.folderPicker && !picked.has(to)) {
        throw new AuraError('invalid_input', words('models.pickFolder'), { path: to })
      }
      if (moveFiles) await engine.unload()
      const { moved } = await moveModelsFolder(from, to, { moveFiles })
      settings.update({ modelsDir: to })
      changed()
      return { modelsDir: to, moved }
    },
    'models.chooseFolder': async () => {
      if (!deps.folderPicker) throw new AuraError('invalid_input', words('models.typePath'))
      const path = await deps.folderPicker.pickFolder()
      if (path) picked.add(resolve(path))
      return { path }
    },
    'models.openFolder': async () => {
      if (!deps.folderOpener) throw new AuraError('invalid_input', words('models.openYourself', { dir: deps.modelsDir() }))
      // Only the models folder (Aura's own, or one set by setFolder), and only while it is a real folder.
      await deps.folderOpener.openPath(await openableFolder(deps.modelsDir()))
      return {}
    },
  }
}
