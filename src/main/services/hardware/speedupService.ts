import { AuraError, type BackendChoice } from '../../../shared/api'
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
    if (packages.length === 0) throw new AuraError('invalid_input', 'The NVIDIA speed-up is for Windows and Linux computers with an NVIDIA graphics card.')
    const cuda = (await this.options.backend())?.fallbacks.find((f) => f.backend === 'cuda')
    if (cuda?.reason === 'driver_too_old') {
      throw new AuraError('invalid_input', `Your NVIDIA driver is too old for the NVIDIA speed-up: it needs version ${cuda.needs ?? 'a newer one'} or newer. Update the driver from NVIDIA’s website, restart the computer, then try again.`)
    }
    if (cuda?.reason === 'driver_missing') {
      throw new AuraError('invalid_input', 'No NVIDIA driver was found. Install the driver for your graphics card from NVIDIA’s website, restart the computer, then try again.')
    }
    const registry = await (this.options.registry ?? registryUrl)()
    if (!registry) {
      throw new AuraError('invalid_input', 'Aura does not know which package registry to download the NVIDIA speed-up from: set it as "registry" in npm’s settings (.npmrc) or in AURA_NPM_REGISTRY, then try again.')
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
    return { installed: useSpeedup(this.options.dir, packages) }
  }
}
