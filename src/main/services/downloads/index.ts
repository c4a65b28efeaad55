export { DownloadManager, type DownloadManagerOptions, type InstalledDownload } from './downloadManager'
export type { RetryOptions } from './backoff'
export { notAModel } from './parts'
export type { StatFs } from './diskSpace'
