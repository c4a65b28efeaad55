import type { Systeminformation } from 'systeminformation'
import type { BackendChoice } from '../../../shared/api'

/** Free and total space of the file system holding a folder (from `statfs`). */
export interface DiskReading {
  /** The folder actually measured: the models folder, or its nearest existing parent. */
  path: string
  availableBytes: number
  totalBytes: number
}

/** What node-llama-cpp says about GPUs here. */
export interface LlamaGpuReading {
  /** `getLlamaGpuTypes('supported')`: back-ends with drivers present (false = CPU, dropped). */
  gpuTypes: string[]
  /** `llama.getVramState()` (bytes), when a GPU back-end was loaded to ask; null otherwise. */
  vram: { total: number; used: number; free: number; unifiedSize: number } | null
  /** `llama.getGpuDeviceNames()` when `vram` is set. */
  deviceNames: string[]
  /** Whether node-llama-cpp's CUDA package can be loaded here (absent in recordings: not installed). */
  cudaInstalled?: boolean
  /** The back-end the engine really loaded, once it has (absent: predicted from the rest). */
  backend?: BackendChoice
}

/**
 * Everything the hardware profile is built from, exactly as the libraries return it: systeminformation's
 * `cpu()`, `cpuFlags()`, `mem()` and `graphics()`, plus statfs and node-llama-cpp. Test fixtures are
 * recordings of this object from real machines.
 */
export interface SystemReadings {
  /** `process.platform` and `process.arch` of the machine. */
  platform: string
  arch: string
  cpu: Systeminformation.CpuData
  cpuFlags: string
  mem: Systeminformation.MemData
  graphics: Systeminformation.GraphicsData
  disk: DiskReading | null
  llama: LlamaGpuReading
}

/** How long each reading took, in ms (systeminformation shells out on some platforms). */
export type ReadingTimings = Record<'cpu' | 'cpuFlags' | 'mem' | 'graphics' | 'disk' | 'llama' | 'total', number>

/** The sources of {@link SystemReadings}; the real one wraps systeminformation, tests replay recordings. */
export interface SystemProbe {
  platform(): { platform: string; arch: string }
  cpu(): Promise<Systeminformation.CpuData>
  cpuFlags(): Promise<string>
  mem(): Promise<Systeminformation.MemData>
  graphics(): Promise<Systeminformation.GraphicsData>
  disk(path: string): Promise<DiskReading | null>
  llamaGpu(): Promise<LlamaGpuReading>
}

/** Reads everything in parallel, timing each source. A failing source never fails the whole profile. */
export async function readSystem(probe: SystemProbe, modelsDir: string): Promise<{ readings: SystemReadings; timings: ReadingTimings }> {
  const started = performance.now()
  const timings: Partial<ReadingTimings> = {}
  const timed = async <T>(name: keyof ReadingTimings, read: () => Promise<T>, fallback: T): Promise<T> => {
    const start = performance.now()
    try {
      return await read()
    } catch {
      return fallback
    } finally {
      timings[name] = Math.round(performance.now() - start)
    }
  }
  const [cpu, cpuFlags, mem, graphics, disk, llama] = await Promise.all([
    timed('cpu', () => probe.cpu(), EMPTY_CPU),
    timed('cpuFlags', () => probe.cpuFlags(), ''),
    timed('mem', () => probe.mem(), EMPTY_MEM),
    timed('graphics', () => probe.graphics(), { controllers: [], displays: [] }),
    timed('disk', () => probe.disk(modelsDir), null),
    timed('llama', () => probe.llamaGpu(), { gpuTypes: [], vram: null, deviceNames: [] }),
  ])
  timings.total = Math.round(performance.now() - started)
  const { platform, arch } = probe.platform()
  return { readings: { platform, arch, cpu, cpuFlags, mem, graphics, disk, llama }, timings: timings as ReadingTimings }
}

/** A reading with nothing in it: what a failed source gives, and the base of the OS fallbacks. */
export const EMPTY_CPU: Systeminformation.CpuData = {
  manufacturer: '',
  brand: '',
  vendor: '',
  family: '',
  model: '',
  stepping: '',
  revision: '',
  voltage: '',
  speed: 0,
  speedMin: 0,
  speedMax: 0,
  governor: '',
  cores: 0,
  physicalCores: 0,
  processors: 0,
  socket: '',
  flags: '',
  virtualization: false,
  cache: { l1d: 0, l1i: 0, l2: 0, l3: 0 },
}

export const EMPTY_MEM: Systeminformation.MemData = {
  total: 0,
  free: 0,
  used: 0,
  active: 0,
  available: 0,
  buffcache: 0,
  buffers: 0,
  cached: 0,
  slab: 0,
  reclaimable: 0,
  swaptotal: 0,
  swapused: 0,
  swapfree: 0,
  writeback: null,
  dirty: null,
}
