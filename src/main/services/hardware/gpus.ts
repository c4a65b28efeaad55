import type { Systeminformation } from 'systeminformation'
import type { Gpu } from '../../../shared/api'
import type { LlamaGpuReading } from './readings'

const MiB = 1024 ** 2
const GiB = 1024 ** 3

/** Display adapters that do no computing: server management chips, virtual machines, software renderers. */
const NOT_A_GPU = /aspeed|matrox|cirrus|vmware|virtualbox|\bqxl\b|virtio|bochs|basic (display|render)|llvmpipe|hyper-v|parallels|remote display/i

/** Apple silicon (always unified memory). */
const APPLE = /^apple\b|apple m\d/i
/** Intel integrated graphics; the discrete cards are "Arc A770", "Arc B580", "Arc Pro …". */
const INTEL_DISCRETE = /\barc(\(tm\))?\s+(a|b)\d{3}|\barc(\(tm\))?\s+pro/i
/** AMD integrated graphics: "Radeon Graphics", "Radeon 780M", "Radeon 8060S", "Vega 8". */
const AMD_INTEGRATED = /radeon(\(tm\))?\s+(graphics|\d{3,4}[ms]\b)|vega\s*\d+\s*(graphics|mobile)|\b(renoir|cezanne|rembrandt|phoenix|barcelo|lucienne|raphael|strix|hawk point)\b/i

export type GpuKind = 'discrete' | 'apple' | 'integrated'

export interface ClassifiedGpu {
  kind: GpuKind
  gpu: Gpu
}

/** "NVIDIA Corporation" → "NVIDIA", "Advanced Micro Devices, Inc. [AMD/ATI]" → "AMD". */
export function vendorName(vendor: string, model: string): string {
  const text = `${vendor} ${model}`
  if (/nvidia/i.test(text)) return 'NVIDIA'
  if (/\bamd\b|\bati\b|advanced micro devices|radeon/i.test(text)) return 'AMD'
  if (/intel/i.test(text)) return 'Intel'
  if (/apple/i.test(text)) return 'Apple'
  if (/qualcomm|adreno/i.test(text)) return 'Qualcomm'
  return vendor.replace(/\s*(corporation|inc\.?|ltd\.?|co\.?)\s*$/i, '').trim() || 'Unknown'
}

/**
 * The name people know: nvidia-smi's name when present ("NVIDIA GeForce RTX 4070"), the marketing name
 * lspci puts in brackets ("AD104 [GeForce RTX 4070]" → "NVIDIA GeForce RTX 4070"), without ™/® marks.
 */
export function modelName(controller: Systeminformation.GraphicsControllerData, vendor: string): string {
  let name = (controller.name ?? '').trim() || controller.model.trim()
  const bracket = /\[([^\]]+)\]\s*$/.exec(name)
  if (bracket?.[1] && !controller.name) name = bracket[1]
  name = name.replace(/\((tm|r)\)|[™®]/gi, '').replace(/\s+/g, ' ').trim()
  if (vendor !== 'Unknown' && !name.toLowerCase().startsWith(vendor.toLowerCase())) name = `${vendor} ${name}`
  return name
}

export function classifyController(controller: Systeminformation.GraphicsControllerData): GpuKind | null {
  const text = `${controller.vendor} ${controller.model} ${controller.name ?? ''}`
  if (NOT_A_GPU.test(text)) return null
  if (APPLE.test(controller.vendor) || APPLE.test(controller.model)) return 'apple'
  // By name first: Windows reports `vramDynamic` for most cards (VideoMemoryType "unknown").
  if (/nvidia/i.test(text)) return 'discrete' // NVIDIA's integrated parts are Jetson boards, not PCs
  if (/intel/i.test(text)) return INTEL_DISCRETE.test(text) ? 'discrete' : 'integrated'
  if (/\bamd\b|\bati\b|advanced micro devices|radeon/i.test(text)) {
    return AMD_INTEGRATED.test(text) && !/\brx\b|radeon pro|instinct/i.test(text) ? 'integrated' : 'discrete'
  }
  return !controller.vramDynamic && (controller.vram ?? 0) >= 2048 ? 'discrete' : 'integrated'
}

/**
 * The share of unified memory the GPU may use. On Apple silicon Metal's `recommendedMaxWorkingSetSize`
 * (what node-llama-cpp's getVramState() reports there) is about two thirds of RAM up to 36 GiB and three
 * quarters above; this stands in for it when node-llama-cpp was not asked.
 */
export function unifiedGpuShare(ramTotalBytes: number): number {
  return Math.floor(ramTotalBytes * (ramTotalBytes <= 36 * GiB ? 2 / 3 : 3 / 4))
}

/**
 * The GPUs from systeminformation's controllers, with VRAM in bytes. Display-only adapters are left out.
 * VRAM free comes from nvidia-smi (merged in by systeminformation) or, when node-llama-cpp loaded a GPU
 * back-end, from its getVramState(), which is what llama.cpp itself will plan with.
 */
export function readGpus(
  controllers: readonly Systeminformation.GraphicsControllerData[],
  llama: LlamaGpuReading,
  ramTotalBytes: number,
): ClassifiedGpu[] {
  const result: ClassifiedGpu[] = []
  for (const controller of controllers) {
    const kind = classifyController(controller)
    if (!kind) continue
    const vendor = vendorName(controller.vendor, controller.model)
    const model = modelName(controller, vendor)
    const totalMiB = controller.memoryTotal ?? controller.vram
    if (kind === 'apple') {
      const vram = llama.vram && llama.vram.unifiedSize > 0 ? llama.vram : null
      const share = vram?.total ?? unifiedGpuShare(ramTotalBytes)
      result.push({ kind, gpu: { vendor, model, vramTotalBytes: share, vramFreeBytes: vram?.free ?? share, unifiedMemory: true } })
      continue
    }
    result.push({
      kind,
      gpu: {
        vendor,
        model,
        vramTotalBytes: totalMiB ? totalMiB * MiB : null,
        vramFreeBytes: controller.memoryFree !== undefined && totalMiB ? controller.memoryFree * MiB : null,
        unifiedMemory: kind === 'integrated',
      },
    })
  }
  applyLlamaVram(result, llama)
  return result
}

/**
 * node-llama-cpp's VRAM figures are for all the GPUs its back-end uses together. With one discrete GPU
 * they replace systeminformation's (which, for AMD on Linux, may be only the PCI window); with several,
 * they fill in the free memory systeminformation could not tell, in proportion to each card's size.
 */
function applyLlamaVram(gpus: ClassifiedGpu[], llama: LlamaGpuReading): void {
  const vram = llama.vram
  if (!vram || vram.total <= 0 || vram.unifiedSize > 0) return
  const discrete = gpus.filter((g) => g.kind === 'discrete')
  const only = discrete.length === 1 ? discrete[0] : undefined
  if (only) {
    only.gpu.vramTotalBytes = vram.total
    only.gpu.vramFreeBytes = vram.free
    return
  }
  for (const { gpu } of discrete) {
    if (gpu.vramFreeBytes === null && gpu.vramTotalBytes !== null) gpu.vramFreeBytes = Math.floor(gpu.vramTotalBytes * (vram.free / vram.total))
  }
}
