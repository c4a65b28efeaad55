import { basename } from 'node:path'
import type { CatalogItem } from '../../../shared/api'
import type { HandlersOf } from '../dispatch'
import { fitsForCatalogEntry, recommend } from '../fit'
import type { HardwareService } from '../hardware'
import type { ModelLibrary } from '../models'
import type { SettingsService } from '../settings/settingsService'
import type { CatalogService } from './catalogService'

interface Deps {
  catalog: CatalogService
  settings: SettingsService
  models: Pick<ModelLibrary, 'list'>
  hardware: Pick<HardwareService, 'profile'>
}

/** Aura's suggested models, each with how well it would run here and whether it is installed. */
export function catalogHandlers({ catalog, settings, models, hardware }: Deps): HandlersOf<'catalog'> {
  return {
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
        ...(entry.embedding && { embedding: true }),
        quants: entry.quants.map(({ quant, repo, file, sizeBytes, isDefault }) => ({ quant, repo, file, sizeBytes, isDefault })),
        fits: fitsForCatalogEntry(entry, Math.min(contextSize, entry.contextLength), profile),
        installedModelId: entry.quants.map((quant) => byFile.get(basename(quant.file).toLowerCase())).find(Boolean) ?? null,
      }))
      const recommendation = recommend(profile, catalog.entries().map((entry, index) => ({ entry, fits: items[index]!.fits })))
      return { items, recommendation }
    },
  }
}
