/**
 * The curated catalog as the rest of Aura reads it: every entry with its default quant flagged, its
 * quants smallest first, and a size for each (the reference's, else an estimate from parameters ×
 * bits per weight). The data is fixed; the Hub URL it downloads from is not (settings / AURA_HF_ENDPOINT),
 * which is how the test Hub serves the demo entry.
 */
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { CATALOG_DATA, type RawEntry } from './catalogData'
import { estimateQuantBytes } from './quantSizes'
import type { CuratedEntry, CuratedQuant } from './types'

export class CatalogService {
  private readonly list: CuratedEntry[]
  private readonly byId: Map<string, CuratedEntry>

  constructor(data: readonly RawEntry[] = CATALOG_DATA) {
    this.list = data.map(buildEntry)
    this.byId = new Map(this.list.map((entry) => [entry.id, entry]))
  }

  entries(): CuratedEntry[] {
    return this.list
  }

  find(id: string): CuratedEntry | undefined {
    return this.byId.get(id)
  }

  /** Like {@link find}, but a missing entry is an AuraError('not_found'). */
  get(id: string): CuratedEntry {
    const entry = this.find(id)
    if (!entry) throw new AuraError('not_found', words('models.notInCatalog', { id }), { id })
    return entry
  }

  /** The entry's quant by name (any case), or its default; an unknown name lists the ones there are. */
  quant(id: string, quant?: string): { entry: CuratedEntry; quant: CuratedQuant } {
    const entry = this.get(id)
    const found = quant
      ? entry.quants.find((q) => q.quant.toLowerCase() === quant.toLowerCase())
      : entry.quants.find((q) => q.isDefault)
    if (!found) {
      const offered = entry.quants.map((q) => q.quant).join(', ')
      throw new AuraError('not_found', words('models.noSuchQuant', { model: entry.name, quant: quant ?? '', offered }), { id, quant })
    }
    return { entry, quant: found }
  }

  /** The catalog entry a Hub file belongs to (any part of a split set counts as its first part). */
  findByFile(repo: string, file: string): { entry: CuratedEntry; quant: CuratedQuant } | undefined {
    const first = file.replace(/-\d{5}-of-(\d{5})\.gguf$/i, '-00001-of-$1.gguf')
    for (const entry of this.list) {
      const quant = entry.quants.find((q) => q.repo === repo && q.file === first)
      if (quant) return { entry, quant }
    }
    return undefined
  }
}

function buildEntry(raw: RawEntry): CuratedEntry {
  const quants: CuratedQuant[] = raw.quants.map((q, index) => {
    const estimate = q.sizeBytes === null ? estimateQuantBytes(raw.parameters, q.quant) : null
    return {
      ...q,
      sizeBytes: q.sizeBytes !== null ? Math.round(q.sizeBytes) : estimate,
      sizeSource: q.sizeBytes !== null ? 'reference' : 'estimate',
      // The data lists each entry's default first.
      isDefault: index === 0,
    }
  })
  quants.sort((a, b) => (a.sizeBytes ?? Infinity) - (b.sizeBytes ?? Infinity))
  return { ...raw, gated: raw.gated ?? false, quants }
}
