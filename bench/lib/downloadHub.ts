/**
 * The download section's server: the project's test Hub in a process of its own (as the real Hub
 * and CDN are another machine), serving one file from disk. Forked by bench/sections/download.ts
 * with the file's path; it answers `{ url, sha256, size }` over IPC and stops when the parent goes.
 */
import { startTestHub } from '../../src/main/services/testing/testHub'

export const BENCH_REPO = 'aura-bench/download-GGUF'
export const BENCH_FILE = 'download-bench-Q8_0.gguf'

export interface BenchHubReady {
  url: string
  sha256: string
  size: number
}

async function main(path: string): Promise<void> {
  const hub = await startTestHub({ empty: true })
  const info = await hub.addFile(BENCH_REPO, BENCH_FILE, path, { stream: true })
  // The request log would keep an entry per request: harmless, but nothing here reads it.
  const ready: BenchHubReady = { url: hub.url, sha256: info.sha256, size: info.size }
  process.send?.(ready)
  process.once('disconnect', () => {
    void hub.close().finally(() => process.exit(0))
  })
}

const path = process.argv[2]
if (path && process.send) {
  main(path).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
