import { totalmem } from 'node:os'
import type { Llama } from 'node-llama-cpp'
import type { Gpu } from '../../../shared/api'
import type { FitHardware } from './estimate'

/**
 * The computer as the engine's own Llama instance sees it: the GPU it will offload to (none when it
 * runs on the CPU) with the VRAM llama.cpp reports, and the RAM. This is what the load guard checks
 * against, so it agrees with what node-llama-cpp will do.
 */
export async function hardwareFromLlama(
  llama: Llama,
  options: {
    /** RAM to plan with (default: the computer's total memory). */
    ramTotalBytes?: number
    /** A model is loaded and will be unloaded first: count its VRAM as free (plan with the total). */
    modelLoaded?: boolean
  } = {},
): Promise<FitHardware> {
  const ramTotalBytes = options.ramTotalBytes ?? totalmem()
  if (llama.gpu === false) return { ramTotalBytes, gpus: [], gpuBackends: [] }
  const [vram, names] = await Promise.all([llama.getVramState(), llama.getGpuDeviceNames().catch(() => [] as string[])])
  if (vram.total <= 0) return { ramTotalBytes, gpus: [], gpuBackends: [] }
  const unified = vram.unifiedSize > 0
  const gpu: Gpu = {
    vendor: llama.gpu === 'metal' ? 'Apple' : 'GPU',
    model: names.length === 1 ? (names[0] as string) : 'graphics card',
    vramTotalBytes: vram.total,
    vramFreeBytes: options.modelLoaded ? vram.total : vram.free,
    unifiedMemory: unified,
  }
  return { ramTotalBytes, gpus: [gpu], gpuBackends: [llama.gpu] }
}
