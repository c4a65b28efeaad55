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
export { discoverModels, type DiscoverOptions } from './discovery/discover'
export { appFolders, type AppFolders, type DiscoveryContext } from './discovery/folders'
export { deleteModelFiles } from './deleteFiles'
export { moveModelsFolder, type MoveModelsFolderOptions, type MoveModelsFolderResult } from './moveModelsFolder'
export { moveFileSafely } from './safeMove'
