import { AuraError, type BackendChoice } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { importNodeLlamaCpp } from '../models/modelInfo'
import { llamaPlatform } from './backendMachine'
import { installSpeedup, registryUrl } from './speedup'
import { cudaPackages, useSpeedup } from './speedupLoader'

export interface SpeedupServiceOptions {
  /** `<data folder>/gpu`. */
  dir: string
  fetch: typeof fetch
  /** What the engine uses, or the profile predicts: the driver checks come from its fallbacks. */
  backend: () => Promise<BackendChoice | undefined>
  onProgress: (progress: { receivedBytes: number; totalBytes: number | null }) => void
  /** Once installed: the engine starts llama.cpp again at its next load, now with CUDA (no restart of Aura). */
  onInstalled?: () => Promise<void>
  registry?: () => Promise<string | null>
  platform?: string
}

/** The one-click NVIDIA speed-up: plain refusals first (driver, platform, registry), then the download. */
export class SpeedupService {
  private running: Promise<{ installed: boolean }> | null = null

  constructor(private readonly options: SpeedupServiceOptions) {
    // Installed before: node-llama-cpp may import it from the start.
    useSpeedup(options.dir, cudaPackages(options.platform ?? llamaPlatform()))
  }

  install(): Promise<{ installed: boolean }> {
    this.running ??= this.run().finally(() => (this.running = null))
    return this.running
  }

  private async run(): Promise<{ installed: boolean }> {
    const packages = cudaPackages(this.options.platform ?? llamaPlatform())
    if (packages.length === 0) throw new AuraError('invalid_input', words('gpu.notHere'))
    const cuda = (await this.options.backend())?.fallbacks.find((f) => f.backend === 'cuda')
    if (cuda?.reason === 'driver_too_old') {
      throw new AuraError('invalid_input', cuda.needs ? words('gpu.driverTooOld', { needs: cuda.needs }) : words('gpu.driverTooOldAny'))
    }
    if (cuda?.reason === 'driver_missing') {
      throw new AuraError('invalid_input', words('gpu.noDriver'))
    }
    const registry = await (this.options.registry ?? registryUrl)()
    if (!registry) {
      throw new AuraError('invalid_input', words('gpu.noRegistry'))
    }
    const version = await (await importNodeLlamaCpp()).getModuleVersion()
    let last = 0
    await installSpeedup({
      dir: this.options.dir,
      registry,
      packages,
      version,
      fetch: this.options.fetch,
      onProgress: ({ receivedBytes, totalBytes }) => {
        if (performance.now() - last < 250 && receivedBytes !== totalBytes) return
        last = performance.now()
        this.options.onProgress({ receivedBytes, totalBytes })
      },
    })
    const installed = useSpeedup(this.options.dir, packages)
    if (installed) await this.options.onInstalled?.()
    return { installed }
  }
}
