import type { Backend, BackendChoice, BackendReason } from '../../../shared/api'

/**
 * The lowest NVIDIA driver the NVIDIA speed-up runs on. node-llama-cpp 3.21's CUDA package is built with
 * CUDA 13 (driver 580+), and its `-cuda-ext` package carries a CUDA 12 build it falls back to, which
 * runs from driver 525.60.13 on Linux and 528.33 on Windows (NVIDIA's CUDA 12 minor-version compatibility).
 */
export const CUDA_MIN_DRIVER: Record<string, string> = { linux: '525.60.13', win32: '528.33' }

/** What the back-end choice is made from: the machine, its GPUs, and what node-llama-cpp can load here. */
export interface BackendMachine {
  platform: string
  arch: string
  /** Vendors of the graphics cards found ("NVIDIA", "AMD", "Intel", "Apple"), display-only adapters left out. */
  gpuVendors: readonly string[]
  /** The NVIDIA driver's version (nvidia-smi's), null when none is installed or it was not read. */
  nvidiaDriver: string | null
  /** `getLlamaGpuTypes('supported')`: the back-ends whose drivers are present. */
  supported: readonly string[]
  /** Whether node-llama-cpp's CUDA package is where it can load it (shipped, or the NVIDIA speed-up downloaded). */
  cudaInstalled: boolean
}

export interface Fallback {
  backend: Backend
  reason: BackendReason
  needs: string | null
}

/** The back-ends to try, fastest first (the processor always last), and the ones passed over before trying. */
export interface BackendPlan {
  tries: Backend[]
  skipped: Fallback[]
}

/**
 * CUDA, then Vulkan, then the processor on NVIDIA; Vulkan on AMD and Intel; Metal on Apple silicon.
 * Pure: the same machine gives the same plan, so recorded machines test it.
 */
export function planBackends(machine: BackendMachine): BackendPlan {
  const tries: Backend[] = []
  const skipped: Fallback[] = []
  const has = (type: string) => machine.supported.includes(type)
  if (machine.platform === 'darwin') {
    if (machine.arch === 'arm64') tries.push('metal')
    return { tries: [...tries, 'cpu'], skipped }
  }
  const nvidia = machine.gpuVendors.includes('NVIDIA')
  if (nvidia) {
    const needs = CUDA_MIN_DRIVER[machine.platform] ?? null
    if (!machine.nvidiaDriver && !has('cuda')) skipped.push({ backend: 'cuda', reason: 'driver_missing', needs })
    else if (needs && machine.nvidiaDriver && compareVersions(machine.nvidiaDriver, needs) < 0) skipped.push({ backend: 'cuda', reason: 'driver_too_old', needs })
    else if (!machine.cudaInstalled) skipped.push({ backend: 'cuda', reason: 'speedup_not_installed', needs: null })
    else tries.push('cuda')
  }
  if (nvidia || machine.gpuVendors.some((v) => v === 'AMD' || v === 'Intel')) {
    if (has('vulkan')) tries.push('vulkan')
    else skipped.push({ backend: 'vulkan', reason: 'driver_missing', needs: null })
  }
  return { tries: [...tries, 'cpu'], skipped }
}

/** What loading one back-end gave: the GPU it runs on, or why it could not be used. */
export type LoadOutcome = { ok: true; device: string | null; vramBytes: number | null } | { ok: false; reason: BackendReason }

/**
 * Tries the plan's back-ends in order and keeps the first that loads and finds a GPU (the processor
 * always loads). `load` is node-llama-cpp's getLlama for the real engine, recorded outcomes in tests.
 */
export async function chooseBackend(plan: BackendPlan, load: (backend: Backend) => Promise<LoadOutcome>): Promise<BackendChoice> {
  const fallbacks = [...plan.skipped]
  for (const backend of plan.tries) {
    const outcome = await load(backend)
    if (outcome.ok) return { backend, device: outcome.device, vramBytes: outcome.vramBytes, fallbacks: fastestFirst(fallbacks), loaded: true }
    fallbacks.push({ backend, reason: outcome.reason, needs: null })
  }
  return { backend: 'cpu', device: null, vramBytes: null, fallbacks: fastestFirst(fallbacks), loaded: true }
}

/** The plan's first back-end, as the hardware alone predicts it (before the engine loads). */
export function predictBackend(plan: BackendPlan, device: { name: string; vramBytes: number | null } | null): BackendChoice {
  const backend = device ? (plan.tries[0] ?? 'cpu') : 'cpu'
  const fallbacks = [...plan.skipped]
  if (backend === 'cpu') {
    // No GPU to run on: the back-ends that would have loaded find no device.
    for (const b of plan.tries) if (b !== 'cpu') fallbacks.push({ backend: b, reason: 'no_device', needs: null })
    return { backend, device: null, vramBytes: null, fallbacks, loaded: false }
  }
  return { backend, device: device?.name ?? null, vramBytes: device?.vramBytes ?? null, fallbacks, loaded: false }
}

const SPEED_RANK: Record<Backend, number> = { cuda: 0, metal: 1, vulkan: 2, cpu: 3 }
const fastestFirst = (fallbacks: Fallback[]): Fallback[] => fallbacks.sort((a, b) => SPEED_RANK[a.backend] - SPEED_RANK[b.backend])

/** "566.36" vs "528.33", "560.35.03" vs "525.60.13": numeric, part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0)
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}
