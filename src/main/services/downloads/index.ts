export { DownloadManager, type DownloadManagerOptions, type InstalledDownload } from './downloadManager'
export type { RetryOptions } from './backoff'
export type { StatFs } from './diskSpace'
