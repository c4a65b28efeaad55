export {
  estimateFit,
  memoryNeeds,
  effectiveContextSize,
  usableRamBytes,
  usableVramBytes,
  FIT_ASSUMPTIONS,
  LABEL_TEXT,
  type FitHardware,
  type MemoryNeeds,
} from './estimate'
export { fitInputFromGguf, fitInputFromCatalog, type FitInput, type CatalogArch, type CatalogEntryWithArch } from './input'
export { estimateForModelFile, readFitInput } from './modelFile'
export { fitsForCatalogEntry } from './catalogFit'
export { recommend, reasonFor, sizeLabel, RECOMMENDATION_BANDS, type RecommendCandidate } from './recommend'
export { bitsPerWeight } from './quants'
export { hardwareFromLlama } from './llamaHardware'
