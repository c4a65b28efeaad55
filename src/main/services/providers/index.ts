export { CloudProviders } from './cloudProviders'
export { DEFAULT_CLOUD_TIMEOUTS, type CloudProvidersDeps, type CloudTimeouts, type ServerEntry } from './deps'
export { type KeyCheck } from './keyCheck'
export { type PriceOverride } from './pricing'
export { CLOUD_CATALOG, catalogModel, type CatalogModel, type CatalogPrice } from './catalog'
export { cloudModelId, parseCloudModelId, type CloudModelRef } from './modelId'
export { type FailureReason } from './problems'
export {
  PROVIDERS,
  SERVER_PRESETS,
  isProviderId,
  isServerRef,
  keyFromEnv,
  normalizeServerBaseUrl,
  resolveBaseUrl,
  serverRef,
  type ProviderSpec,
  type ServerPreset,
} from './providerTable'
export type { CloudGenerateRequest, CloudGenerateResult } from './types'
