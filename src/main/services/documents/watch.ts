import { watch, type FSWatcher } from 'node:fs'

/**
 * Follows a folder and everything under it (fs.watch, recursive), calling `changed` once things settle:
 * saving a file fires several events, copying a folder hundreds; one rescan after a quiet second covers
 * them all (the rescan's size/time check skips what did not change).
 */
export function watchFolder(folder: string, changed: () => void, onProblem: (error: unknown) => void, quietMs = 1000): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let watcher: FSWatcher | null = null
  try {
    watcher = watch(folder, { recursive: true, persistent: false }, () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        changed()
      }, quietMs)
      timer.unref?.()
    })
    watcher.on('error', onProblem)
  } catch (error) {
    onProblem(error)
  }
  return () => {
    if (timer) clearTimeout(timer)
    watcher?.close()
  }
}
