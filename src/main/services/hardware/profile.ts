import type { Gpu, HardwareProfile, HardwareTier } from '../../../shared/api'
import { readGpus, type ClassifiedGpu } from './gpus'
import type { SystemReadings } from './readings'

const GiB = 1024 ** 3

/**
 * Tiers by the GPU memory Aura can use (summed over the cards node-llama-cpp can drive together):
 * - workstation: 40 GB and more (a 48 GB RTX A6000, two 24 GB cards, a 64 GB+ Mac);
 * - enthusiast: 15 GB and more (16–24 GB cards, a 24–36 GB Mac; 16 GB cards report just under 16);
 * - gaming PC: 9.5 GB and more (10–12 GB cards: RTX 3080, 3060 12 GB, 4070);
 * - laptop: less (8 GB and smaller cards), and integrated graphics sharing the computer's memory:
 *   a Mac whose GPU may use under 15 GB (16 and 18 GB Macs), or an Intel / AMD integrated GPU;
 * - CPU only: no GPU node-llama-cpp can use (no GPU, or no driver for it), the normal case on many PCs.
 */
export const TIER_THRESHOLDS_GB = { workstation: 40, enthusiast: 15, gamingPc: 9.5 } as const

/** The GPUs that count for the tier and for offloading: discrete cards and Apple silicon, with known memory. */
export function usableGpus(gpus: readonly Gpu[], gpuBackends: readonly string[]): Gpu[] {
  if (gpuBackends.length === 0) return []
  return gpus.filter((g) => g.vramTotalBytes !== null && g.vramTotalBytes > 0 && (!g.unifiedMemory || isAppleGpu(g)))
}

export function isAppleGpu(gpu: Gpu): boolean {
  return gpu.vendor === 'Apple'
}

export function tierFor(gpus: readonly Gpu[], gpuBackends: readonly string[]): HardwareTier {
  const usable = usableGpus(gpus, gpuBackends)
  if (usable.length === 0) {
    // Integrated Intel/AMD graphics with a Vulkan driver: a laptop-class machine, not "no GPU".
    return gpuBackends.length > 0 && gpus.some((g) => g.unifiedMemory) ? 'laptop' : 'cpu_only'
  }
  const gb = usable.reduce((sum, g) => sum + (g.vramTotalBytes ?? 0), 0) / GiB
  if (gb >= TIER_THRESHOLDS_GB.workstation) return 'workstation'
  if (gb >= TIER_THRESHOLDS_GB.enthusiast) return 'enthusiast'
  if (usable.every((g) => g.unifiedMemory)) return 'laptop'
  return gb >= TIER_THRESHOLDS_GB.gamingPc ? 'gaming_pc' : 'laptop'
}

/** avx, avx2, avx512, neon: what llama.cpp's CPU code paths are built for. */
export function cpuFeatures(flags: string, arch: string): string[] {
  const set = new Set(flags.toLowerCase().split(/\s+/).filter(Boolean))
  const features: string[] = []
  if (set.has('avx')) features.push('avx')
  if (set.has('avx2')) features.push('avx2')
  if ([...set].some((f) => f.startsWith('avx512'))) features.push('avx512')
  // Advanced SIMD is part of every 64-bit ARM CPU (Apple silicon reports no flags at all).
  if (arch === 'arm64' || set.has('neon') || set.has('asimd')) features.push('neon')
  return features
}

/** "AMD Ryzen 7 7700X 8-Core Processor", "Apple M2", "Intel Core i7-13700H". */
export function cpuModel(manufacturer: string, brand: string): string {
  const clean = (s: string) => s.replace(/\((tm|r)\)|[™®]/gi, '').replace(/\s+/g, ' ').trim()
  const m = clean(manufacturer)
  const b = clean(brand)
  if (!m) return b || 'Unknown processor'
  if (!b || b.toLowerCase().startsWith(m.toLowerCase())) return b || m
  return `${m} ${b}`
}

/** The hardware profile from recorded or live readings. Pure: same readings, same profile. */
export function buildHardwareProfile(readings: SystemReadings): HardwareProfile {
  const { cpu, mem } = readings
  const ramTotalBytes = mem.total
  const classified = readGpus(readings.graphics.controllers, readings.llama, ramTotalBytes)
  const gpus = classified.map((c) => c.gpu)
  const gpuBackends = [...new Set(readings.llama.gpuTypes)]
  const tier = tierFor(gpus, gpuBackends)
  const profile: Omit<HardwareProfile, 'summary'> = {
    cpu: {
      model: cpuModel(cpu.manufacturer, cpu.brand),
      cores: cpu.physicalCores || cpu.cores,
      threads: cpu.cores || cpu.physicalCores,
      features: cpuFeatures(readings.cpuFlags || cpu.flags, readings.arch),
    },
    ramTotalBytes,
    // `available` counts the cache the OS gives back on demand; `free` alone is near zero on macOS.
    ramFreeBytes: mem.available || mem.free,
    gpus,
    gpuBackends,
    diskFreeBytes: readings.disk?.availableBytes ?? null,
    tier,
  }
  return { ...profile, summary: summarize(profile, classified) }
}

/** "a gaming PC with an NVIDIA GeForce RTX 4070 (12 GB) and 32 GB of memory" */
export function summarize(profile: Omit<HardwareProfile, 'summary'>, classified: readonly ClassifiedGpu[]): string {
  const ram = `${gb(profile.ramTotalBytes)} of memory`
  const usable = usableGpus(profile.gpus, profile.gpuBackends)
  const apple = usable.find(isAppleGpu)
  if (apple) return `a Mac with ${withArticle(apple.model)} chip and ${gb(profile.ramTotalBytes)} of unified memory`
  if (usable.length === 0) {
    const cpu = withArticle(/processor$/i.test(profile.cpu.model) ? profile.cpu.model : `${profile.cpu.model} processor`)
    const integrated = profile.tier === 'laptop' ? classified.find((c) => c.kind === 'integrated')?.gpu : undefined
    if (integrated) return `a computer with ${cpu}, ${integrated.model} graphics and ${ram}`
    return `a computer with ${cpu} and ${ram}, without a graphics card Aura can use`
  }
  const first = usable[0] as Gpu
  const same = usable.every((g) => g.model === first.model)
  const cards =
    usable.length === 1
      ? `${withArticle(first.model)} (${gb(first.vramTotalBytes ?? 0)})`
      : same
        ? `${countWord(usable.length)} ${first.model} cards (${gb(first.vramTotalBytes ?? 0)} each)`
        : usable.map((g) => `${withArticle(g.model)} (${gb(g.vramTotalBytes ?? 0)})`).join(', ')
  const kind = {
    laptop: /laptop|mobile|max-q/i.test(first.model) ? 'a laptop' : 'a computer',
    gaming_pc: 'a gaming PC',
    enthusiast: 'an enthusiast PC',
    workstation: 'a workstation',
    cpu_only: 'a computer',
  }[profile.tier]
  return `${kind} with ${cards} and ${ram}`
}

/** Sizes memory is sold in, in GB. */
const SOLD_SIZES = [1, 2, 3, 4, 6, 8, 10, 11, 12, 16, 18, 20, 24, 32, 36, 48, 64, 80, 96, 128, 192, 256, 384, 512, 768, 1024]

/**
 * Gigabytes as the computer was sold: the OS reports a little less than is installed (the kernel and
 * integrated graphics keep some), so 15.4 GiB is "16 GB", 11.99 GiB is "12 GB", 62 GiB is "64 GB".
 */
export function gb(bytes: number): string {
  const value = Math.max(0, bytes / GiB)
  const sold = SOLD_SIZES.find((size) => size >= value * 0.999 && size <= value * 1.1)
  return `${sold ?? Math.round(value)} GB`
}

function withArticle(name: string): string {
  // "an NVIDIA", "an AMD", "an Intel", "an Apple", "an RTX", "an M2", "an 8-core"
  return /^(?:[aeio]|nvidia|rtx|m\d|8|11|18)/i.test(name) ? `an ${name}` : `a ${name}`
}

function countWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'][n] ?? String(n)
}
