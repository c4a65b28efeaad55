import { basename, resolve } from 'node:path'
import { AuraError, type CatalogItem, type FitEstimate, type HardwareProfile, type ModelListItem, type Notice } from '../../shared/api'
import type { CatalogService } from './catalog'
import type { Handlers } from './dispatch'
import type { DownloadManager } from './downloads'
import type { EventHub } from './events'
import { estimateForModelFile, fitsForCatalogEntry, recommend } from './fit'
import type { HardwareService } from './hardware'
import type { HubClient } from './hub'
import type { InferenceEngine } from './inference/engine'
import { moveModelsFolder } from './library'
import type { ModelLibrary } from './models'
import type { FolderOpener, Logger } from './ports'
import type { SettingsService } from './settings/settingsService'

interface Deps {
  settings: SettingsService
  models: ModelLibrary
  catalog: CatalogService
  hardware: HardwareService
  hub: HubClient
  /** The user's Hugging Face token, kept sealed. */
  hubToken: { get(): string | null; set(token: string | null): void }
  downloads: DownloadManager
  engine: InferenceEngine
  events: EventHub
  modelsDir: () => string
  folderOpener?: FolderOpener
  notify: (notice: Notice) => void
  logger: Logger
}

type ModelManagerRoutes =
  | 'models.list'
  | 'models.fit'
  | 'models.delete'
  | 'models.import'
  | 'models.discover'
  | 'models.setFolder'
  | 'models.openFolder'
  | 'hardware.get'
  | 'catalog.list'
  | 'hub.search'
  | 'hub.files'
  | 'hub.tokenStatus'
  | 'hub.setToken'
  | 'downloads.list'
  | 'downloads.start'
  | 'downloads.pause'
  | 'downloads.resume'
  | 'downloads.cancel'

/** The model manager's routes: what this computer can run, the catalog, the Hub, downloads, and the library. */
export function modelManagerHandlers(deps: Deps): Pick<Handlers, ModelManagerRoutes> {
  const { settings, models, catalog, hardware, hub, downloads, engine, events } = deps
  const changed = () => events.emit('models.changed', {})

  /** A fit estimate that never fails the listing it is part of. */
  const fitOf = async (file: string, contextSize: number, profile: HardwareProfile): Promise<FitEstimate | null> => {
    try {
      return await estimateForModelFile(file, contextSize, profile)
    } catch (error) {
      deps.logger.warn('Could not estimate a model’s fit', { file, error: String(error) })
      return null
    }
  }

  return {
    'models.list': async (): Promise<ModelListItem[]> => {
      const [list, profile] = await Promise.all([models.list(), hardware.profile()])
      const { contextSize } = settings.get()
      return Promise.all(list.map(async (model) => ({ ...model, fit: model.problem ? null : await fitOf(model.file, Math.min(contextSize, model.contextLength ?? contextSize), profile) })))
    },
    'models.fit': async ({ id, contextSize }) => {
      const model = await models.resolve(id)
      if (model.problem) throw new AuraError('model_invalid', model.problem)
      return estimateForModelFile(model.file, contextSize ?? settings.get().contextSize, await hardware.profile())
    },
    'models.delete': async ({ id }) => {
      const model = await models.resolve(id)
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
      return { ...result.model, fit: result.model.problem ? null : await fitOf(result.model.file, settings.get().contextSize, profile) }
    },
    'models.discover': () => models.discover(),
    'models.setFolder': async ({ path, moveFiles }) => {
      const from = deps.modelsDir()
      if (downloads.list().some((download) => ['queued', 'downloading', 'verifying'].includes(download.state))) {
        throw new AuraError('busy', 'Aura is downloading a model into the current folder. Wait for it to finish, or pause it, then change the folder.')
      }
      if (moveFiles) await engine.unload()
      const to = resolve(path)
      const { moved } = await moveModelsFolder(from, to, { moveFiles })
      settings.update({ modelsDir: to })
      changed()
      return { modelsDir: to, moved }
    },
    'models.openFolder': async () => {
      if (!deps.folderOpener) throw new AuraError('invalid_input', `Open this folder yourself: ${deps.modelsDir()}`)
      await deps.folderOpener.openPath(deps.modelsDir())
      return {}
    },

    'hardware.get': () => hardware.profile(),

    'catalog.list': async () => {
      const [profile, installed] = await Promise.all([hardware.profile(), models.list()])
      const { contextSize } = settings.get()
      const byFile = new Map(installed.map((model) => [basename(model.file).toLowerCase(), model.id]))
      const items: CatalogItem[] = catalog.entries().map((entry) => ({
        id: entry.id,
        name: entry.name,
        family: entry.family,
        description: entry.description,
        parameters: entry.parameters,
        contextLength: entry.contextLength,
        capabilities: entry.capabilities,
        license: entry.license,
        gated: entry.gated,
        quants: entry.quants.map(({ quant, repo, file, sizeBytes, isDefault }) => ({ quant, repo, file, sizeBytes, isDefault })),
        fits: fitsForCatalogEntry(entry, Math.min(contextSize, entry.contextLength), profile),
        installedModelId: entry.quants.map((quant) => byFile.get(basename(quant.file).toLowerCase())).find(Boolean) ?? null,
      }))
      const recommendation = recommend(profile, catalog.entries().map((entry, index) => ({ entry, fits: items[index]!.fits })))
      return { items, recommendation }
    },

    'hub.search': ({ query }) => hub.search(query),
    'hub.files': ({ repo }) => hub.files(repo),
    'hub.tokenStatus': () => tokenStatus(deps.hubToken.get()),
    'hub.setToken': ({ token }) => {
      deps.hubToken.set(token)
      return tokenStatus(token)
    },

    'downloads.list': () => downloads.list(),
    'downloads.start': (input) => downloads.start(input),
    'downloads.pause': ({ id }) => downloads.pause(id),
    'downloads.resume': ({ id }) => downloads.resume(id),
    'downloads.cancel': ({ id }) => downloads.cancel(id),
  }
}

function tokenStatus(token: string | null): { configured: boolean; last4: string | null } {
  return { configured: token !== null, last4: token ? token.slice(-4) : null }
}
