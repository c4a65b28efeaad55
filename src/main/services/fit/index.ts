export {
  estimateFit,
  gpuLayersFor,
  memoryNeeds,
  effectiveContextSize,
  usableRamBytes,
  usableVramBytes,
  FIT_ASSUMPTIONS,
  KV_BYTES_PER_ELEMENT,
  LABEL_TEXT,
  type ContextShape,
  type FitHardware,
  type KvCacheType,
  type MemoryNeeds,
} from './estimate'
export { chosenFit, contextShape, flashAttentionFor, resolveKvCacheType, sequencesThatFit, type KvCacheSetting, type LoadChoice } from './context'
export { fitInputFromGguf, fitInputFromCatalog, type FitInput, type CatalogArch, type CatalogEntryWithArch } from './input'
export { estimateForModelFile, fitAsChosen, readFitInput } from './modelFile'
export { fitsForCatalogEntry } from './catalogFit'
export { recommend, reasonFor, sizeLabel, RECOMMENDATION_BANDS, type RecommendCandidate } from './recommend'
export { bitsPerWeight } from './quants'
export { hardwareFromLlama } from './llamaHardware'
