import type { HandlersOf } from '../dispatch'
import type { DownloadManager } from './downloadManager'

/** Model downloads: start, pause, resume, cancel, and the list (progress arrives as events). */
export function downloadHandlers(downloads: DownloadManager): HandlersOf<'downloads'> {
  return {
    'downloads.list': () => downloads.list(),
    'downloads.start': (input) => downloads.start(input),
    'downloads.pause': ({ id }) => downloads.pause(id),
    'downloads.resume': ({ id }) => downloads.resume(id),
    'downloads.cancel': ({ id }) => downloads.cancel(id),
  }
}
