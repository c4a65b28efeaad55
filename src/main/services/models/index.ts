export { ModelLibrary } from './modelLibrary'
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
