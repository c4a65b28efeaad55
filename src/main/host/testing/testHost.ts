import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { accessTokenOf } from '../../../shared/api'
import { createServices, type Services } from '../../services/createServices'
import { memoryStore } from '../../services/testing/memoryStore'
import { startHost, type Host } from '../server'
import type { ThrottleOptions } from '../throttle'

export interface TestHost {
  host: Host
  services: Services
  /** The access token of the printed link. */
  token: string
  /** The temporary folder: `renderer/` (served), `data/` (the services'). */
  dir: string
  close(): Promise<void>
}

/**
 * A real host on 127.0.0.1 over real services with settings in memory, serving a one-line
 * index.html and any more `files` (paths relative to the temporary folder).
 */
export async function startTestHost(options: { throttle?: ThrottleOptions; files?: Record<string, string> } = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'aura-host-'))
  const files = { 'renderer/index.html': '<!doctype html><title>Aura</title>', ...options.files }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  const services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: join(dir, 'data') }, settingsStore: memoryStore() })
  const host = await startHost({ services, rendererDir: join(dir, 'renderer'), throttle: options.throttle })
  return {
    host,
    services,
    token: accessTokenOf(host.url)!,
    dir,
    async close() {
      await host.close()
      await services.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
