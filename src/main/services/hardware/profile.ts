import type { BackendChoice, Gpu, HardwareProfile, HardwareTier } from '../../../shared/api'
import { currentLanguage, say, type Language, type MessageKey, type Vars } from '../../../shared/i18n'
import { formatBytes, soldMemoryBytes } from '../../../shared/units'
import { planBackends, predictBackend } from './backend'
import { readGpus, type ClassifiedGpu } from './gpus'
import type { SystemReadings } from './readings'

const GiB = 1024 ** 3

/**
 * Tiers by the GPU memory Aura can use (summed over the cards node-llama-cpp can drive together), in GiB:
 * - workstation: 40 GiB and more (a 48 GiB RTX A6000, two 24 GiB cards, a 64 GiB+ Mac);
 * - enthusiast: 15 GiB and more (16–24 GiB cards, a 24–36 GiB Mac; 16 GiB cards report just under 16);
 * - gaming PC: 9.5 GiB and more (10–12 GiB cards: RTX 3080, 3060 12 GB, 4070);
 * - laptop: less (8 GiB and smaller cards), and integrated graphics sharing the computer's memory:
 *   a Mac whose GPU may use under 15 GiB (16 and 18 GiB Macs), or an Intel / AMD integrated GPU;
 * - CPU only: no GPU node-llama-cpp can use (no GPU, or no driver for it), the normal case on many PCs.
 */
export const TIER_THRESHOLDS_GIB = { workstation: 40, enthusiast: 15, gamingPc: 9.5 } as const

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
  const gib = usable.reduce((sum, g) => sum + (g.vramTotalBytes ?? 0), 0) / GiB
  if (gib >= TIER_THRESHOLDS_GIB.workstation) return 'workstation'
  if (gib >= TIER_THRESHOLDS_GIB.enthusiast) return 'enthusiast'
  if (usable.every((g) => g.unifiedMemory)) return 'laptop'
  return gib >= TIER_THRESHOLDS_GIB.gamingPc ? 'gaming_pc' : 'laptop'
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
  return { ...profile, backend: readings.llama.backend ?? predictedBackend(readings, classified, gpuBackends), summary: summarize(profile, classified) }
}

/** The back-end the engine will pick, from the hardware alone: its plan's first, on the first GPU it can use. */
function predictedBackend(readings: SystemReadings, classified: readonly ClassifiedGpu[], gpuBackends: string[]): BackendChoice {
  const nvidia = readings.graphics.controllers.find((c) => /nvidia/i.test(`${c.vendor} ${c.model}`))
  const plan = planBackends({
    platform: readings.platform,
    arch: readings.arch,
    gpuVendors: classified.map((c) => c.gpu.vendor),
    nvidiaDriver: nvidia?.driverVersion || null,
    supported: gpuBackends,
    cudaInstalled: readings.llama.cudaInstalled ?? false,
  })
  const usable = usableGpus(classified.map((c) => c.gpu), gpuBackends)
  // On Vulkan an integrated GPU counts too (llama.cpp drives it); CUDA and Metal run on the cards usableGpus keeps.
  const gpu = plan.tries[0] === 'vulkan' ? (usable[0] ?? classified.find((c) => c.kind === 'integrated')?.gpu) : usable.find((g) => plan.tries[0] !== 'cuda' || g.vendor === 'NVIDIA')
  return predictBackend(plan, plan.tries[0] === 'cpu' || !gpu ? null : { name: gpu.model, vramBytes: gpu.vramTotalBytes })
}

/** "a gaming PC with an NVIDIA GeForce RTX 4070 (12 GiB) and 32 GiB of memory", in the reader's language. */
export function summarize(profile: Omit<HardwareProfile, 'summary'>, classified: readonly ClassifiedGpu[], language: Language = currentLanguage()): string {
  const said = (key: MessageKey, vars?: Vars) => say(key, vars, language)
  // English's "a" / "an"; the other languages name the part without an article.
  const named = language === 'en' ? withArticle : (name: string) => name
  const ram = sold(profile.ramTotalBytes)
  const usable = usableGpus(profile.gpus, profile.gpuBackends)
  const apple = usable.find(isAppleGpu)
  if (apple) return said('hardware.mac', { chip: named(apple.model), ram })
  if (usable.length === 0) {
    const cpu = named(/processor$/i.test(profile.cpu.model) ? profile.cpu.model : said('hardware.processor', { name: profile.cpu.model }))
    const integrated = profile.tier === 'laptop' ? classified.find((c) => c.kind === 'integrated')?.gpu : undefined
    if (integrated) return said('hardware.integrated', { cpu, graphics: integrated.model, ram })
    return said('hardware.cpuOnly', { cpu, ram })
  }
  const first = usable[0] as Gpu
  const same = usable.every((g) => g.model === first.model)
  const cards =
    usable.length === 1
      ? `${named(first.model)} (${sold(first.vramTotalBytes ?? 0)})`
      : same
        ? said('hardware.sameCards', { number: language === 'en' ? countWord(usable.length) : usable.length, model: first.model, memory: sold(first.vramTotalBytes ?? 0) })
        : usable.map((g) => `${named(g.model)} (${sold(g.vramTotalBytes ?? 0)})`).join(said('chat.listComma'))
  const kind = said(
    (
      {
        laptop: /laptop|mobile|max-q/i.test(first.model) ? 'hardware.laptop' : 'hardware.computer',
        gaming_pc: 'hardware.gamingPc',
        enthusiast: 'hardware.enthusiast',
        workstation: 'hardware.workstation',
        cpu_only: 'hardware.computer',
      } as const
    )[profile.tier],
  )
  return said('hardware.withCards', { kind, cards, ram })
}

/** A memory total as it was sold: "16 GiB" for the 15.4 GiB the OS reports. */
const sold = (bytes: number): string => formatBytes(soldMemoryBytes(bytes))

function withArticle(name: string): string {
  // "an NVIDIA", "an AMD", "an Intel", "an Apple", "an RTX", "an M2", "an 8-core"
  return /^(?:[aeio]|nvidia|rtx|m\d|8|11|18)/i.test(name) ? `an ${name}` : `a ${name}`
}

function countWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'][n] ?? String(n)
}
