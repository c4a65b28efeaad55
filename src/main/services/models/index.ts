export { ModelLibrary } from './modelLibrary'
export type { DeleteModelResult, ImportModelResult, LibraryModel, ModelLibraryOptions } from './modelLibrary'
export { IMPORTED_ID_PREFIX, missingImportProblem } from './importedModels'
export {
  readModelInfo,
  modelIdFor,
  parseShardName,
  shardPaths,
  DAMAGED_MODEL_PROBLEM,
  INCOMPLETE_MODEL_PROBLEM,
  PROJECTOR_PROBLEM,
  UNREADABLE_MODEL_PROBLEM,
} from './modelInfo'
