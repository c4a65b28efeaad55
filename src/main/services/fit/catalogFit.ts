import type { FitEstimate } from '../../../shared/api'
import { estimateFit, type FitHardware } from './estimate'
import { fitInputFromCatalog, type CatalogEntryWithArch } from './input'

/** Each quantization of a catalog entry with its fit at `contextSize` (what CatalogItem.fits holds). */
export function fitsForCatalogEntry(
  entry: CatalogEntryWithArch,
  contextSize: number,
  hardware: FitHardware,
): Array<{ quant: string; fit: FitEstimate }> {
  return entry.quants.map((q) => ({ quant: q.quant, fit: estimateFit(fitInputFromCatalog(entry, q.quant), contextSize, hardware) }))
}
