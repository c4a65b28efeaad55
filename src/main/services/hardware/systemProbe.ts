import { statfs } from 'node:fs/promises'
import { arch, cpus, freemem, platform, totalmem } from 'node:os'
import { dirname, resolve } from 'node:path'
import type { Llama } from 'node-llama-cpp'
import type * as SystemInformationModule from 'systeminformation'
import type { Systeminformation } from 'systeminformation'
import { importNodeLlamaCpp } from '../models/modelInfo'
import { cudaPackageInstalled } from './backendMachine'
import { classifyController } from './gpus'
import { EMPTY_CPU, EMPTY_MEM, type DiskReading, type LlamaGpuReading, type SystemProbe } from './readings'

export interface SystemProbeOptions {
  /**
   * The Llama instance to ask about VRAM, when the app already has one. Without it, the probe starts
   * its own only when systeminformation cannot tell a card's memory (an AMD or Intel card whose
   * size it reads as under 1 GB or not at all): a second GPU back-end costs a second or two and a few
   * hundred MB of VRAM, and nvidia-smi and Apple's unified memory already give the figures.
   */
  llama?: () => Promise<Llama>
  /** How long `graphics()` (which runs nvidia-smi, lspci or PowerShell) is reused. Default 30 s. */
  graphicsTtlMs?: number
}

type SystemInformation = typeof SystemInformationModule

/**
 * The real probe: systeminformation (imported on first use: ~150 ms), statfs, node-llama-cpp.
 * What never changes while the app runs (CPU, GPU back-ends) is read once.
 */
export function createSystemProbe(options: SystemProbeOptions = {}): SystemProbe & { dispose(): Promise<void> } {
  let si: Promise<SystemInformation> | null = null
  const systemInformation = () => (si ??= import('systeminformation'))
  const once = <T>(read: () => Promise<T>): (() => Promise<T>) => {
    let value: Promise<T> | null = null
    return () => {
      value ??= read().catch((error: unknown) => {
        value = null
        throw error
      })
      return value
    }
  }
  const graphicsTtl = options.graphicsTtlMs ?? 30_000
  let graphics: { at: number; value: Promise<Systeminformation.GraphicsData> } | null = null
  let ownLlama: Promise<Llama> | null = null

  const readGraphics = (): Promise<Systeminformation.GraphicsData> => {
    if (!graphics || performance.now() - graphics.at > graphicsTtl) {
      const value = systemInformation().then((s) => s.graphics())
      graphics = { at: performance.now(), value }
      value.catch(() => (graphics = null))
    }
    return graphics.value
  }
  const gpuTypes = once(async () => {
    const { getLlamaGpuTypes } = await importNodeLlamaCpp()
    return (await getLlamaGpuTypes('supported')).filter((type): type is Exclude<typeof type, false> => type !== false)
  })
  const llamaInstance = (): Promise<Llama> => {
    if (options.llama) return options.llama()
    ownLlama ??= importNodeLlamaCpp().then((nlc) =>
      nlc.getLlama({ gpu: 'auto', build: 'never', logLevel: nlc.LlamaLogLevel.disabled, progressLogs: false }),
    )
    return ownLlama
  }

  const readLlamaGpu = async (): Promise<LlamaGpuReading> => {
    const types = await gpuTypes()
    // No GPU back-end: the normal case on many computers, and nothing to load.
    if (types.length === 0) return { gpuTypes: [], vram: null, deviceNames: [] }
    if (!options.llama && !(await readGraphics().then(vramUnknown, () => true))) return { gpuTypes: types, vram: null, deviceNames: [] }
    try {
      const llama = await llamaInstance()
      if (llama.gpu === false) return { gpuTypes: types, vram: null, deviceNames: [] }
      const [vram, deviceNames] = await Promise.all([llama.getVramState(), llama.getGpuDeviceNames()])
      return { gpuTypes: types, vram, deviceNames }
    } catch {
      return { gpuTypes: types, vram: null, deviceNames: [] }
    }
  }

  return {
    platform: () => ({ platform: platform(), arch: arch() }),
    cpu: once(async () => {
      try {
        return await (await systemInformation()).cpu()
      } catch {
        return cpuFromOs()
      }
    }),
    cpuFlags: once(async () => (await systemInformation()).cpuFlags()),
    async mem() {
      try {
        return await (await systemInformation()).mem()
      } catch {
        return memFromOs()
      }
    },
    graphics: readGraphics,
    disk: diskAt,
    async llamaGpu(): Promise<LlamaGpuReading> {
      return { ...(await readLlamaGpu()), cudaInstalled: cudaPackageInstalled() }
    },
    async dispose() {
      const llama = ownLlama
      ownLlama = null
      if (llama) await (await llama.catch(() => null))?.dispose()
    },
  }
}

/** A discrete card whose memory systeminformation cannot tell (it reads PCI windows on Linux, registry values on Windows). */
export function vramUnknown(graphics: Systeminformation.GraphicsData): boolean {
  return graphics.controllers.some((c) => classifyController(c) === 'discrete' && c.memoryTotal === undefined && (c.vram ?? 0) < 1024)
}

/** statfs of the folder, or of its nearest existing parent (the models folder may not exist yet). */
export async function diskAt(path: string): Promise<DiskReading | null> {
  let current = resolve(path)
  for (;;) {
    try {
      const stats = await statfs(current)
      return { path: current, availableBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize }
    } catch {
      const parent = dirname(current)
      if (parent === current) return null
      current = parent
    }
  }
}

function cpuFromOs(): Systeminformation.CpuData {
  const list = cpus()
  return {
    ...EMPTY_CPU,
    brand: list[0]?.model.trim() ?? '',
    speed: (list[0]?.speed ?? 0) / 1000,
    cores: list.length,
    physicalCores: list.length,
    processors: 1,
  }
}

function memFromOs(): Systeminformation.MemData {
  const total = totalmem()
  const free = freemem()
  return { ...EMPTY_MEM, total, free, used: total - free, active: total - free, available: free }
}
