import { createRequire } from 'node:module'
import { arch, platform } from 'node:os'
import { importNodeLlamaCpp } from '../models/modelInfo'
import type { BackendMachine } from './backend'
import { speedupRegistered } from './speedupLoader'
import { classifyController, vendorName } from './gpus'

/** node-llama-cpp's package names for a platform: "linux-x64", "win-x64", "mac-arm64". */
export function llamaPlatform(os: string = platform(), cpu: string = arch()): string {
  return `${os === 'win32' ? 'win' : os === 'darwin' ? 'mac' : os}-${cpu}`
}

/** Whether `@node-llama-cpp/<platform>-cuda` resolves from node-llama-cpp (shipped, or put on the path by the NVIDIA speed-up). */
export function cudaPackageInstalled(): boolean {
  if (speedupRegistered().some((name) => name.endsWith('-cuda'))) return true
  try {
    createRequire(import.meta.url).resolve(`@node-llama-cpp/${llamaPlatform()}-cuda`)
    return true
  } catch {
    return false
  }
}

/** This computer as the back-end choice needs it: systeminformation's graphics cards and node-llama-cpp's drivers. */
export async function readBackendMachine(options: { cudaInstalled?: () => boolean } = {}): Promise<BackendMachine> {
  const [graphics, supported] = await Promise.all([
    import('systeminformation').then((si) => si.graphics()).catch(() => ({ controllers: [] })),
    importNodeLlamaCpp().then((nlc) => nlc.getLlamaGpuTypes('supported')),
  ])
  const cards = graphics.controllers.filter((c) => classifyController(c) !== null)
  const nvidia = cards.find((c) => vendorName(c.vendor, c.model) === 'NVIDIA')
  return {
    platform: platform(),
    arch: arch(),
    gpuVendors: cards.map((c) => vendorName(c.vendor, c.model)),
    nvidiaDriver: nvidia?.driverVersion || null,
    supported: supported.filter((t) => t !== false),
    cudaInstalled: (options.cudaInstalled ?? cudaPackageInstalled)(),
  }
}
