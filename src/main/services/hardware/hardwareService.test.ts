import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLlamaGpuTypes } from 'node-llama-cpp'
import type { BackendChoice } from '../../../shared/api'
import { HardwareService } from './hardwareService'
import { formatBytes, soldMemoryBytes } from '../../../shared/units'
import { buildHardwareProfile, tierFor } from './profile'
import type { SystemProbe } from './readings'
import { loadRecording, replayProbe } from '../testing/replayProbe'
import { createSystemProbe } from './systemProbe'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-hw-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Counts reads of memory (read on every profile) through a recorded probe. */
async function countingProbe(): Promise<{ probe: SystemProbe; reads: () => number }> {
  const { readings } = await loadRecording('gaming-pc-rtx4070-12gb')
  const inner = replayProbe(readings)
  let reads = 0
  return {
    probe: { ...inner, mem: () => (reads++, inner.mem()) },
    reads: () => reads,
  }
}

describe('HardwareService', () => {
  it('reuses a profile for a few seconds and shares one reading between concurrent callers', async () => {
    let now = 1_000
    const { probe, reads } = await countingProbe()
    const service = new HardwareService({ modelsDir: () => dir, probe, clock: { now: () => now } })
    const [a, b] = await Promise.all([service.profile(), service.profile()])
    expect(a).toEqual(b)
    expect(reads()).toBe(1)
    now += 4_000
    await service.profile()
    expect(reads()).toBe(1)
    now += 2_000
    await service.profile()
    expect(reads()).toBe(2)
  })

  it('a load seen within those seconds shows at once: the back-end used and the estimate\'s measured error', async () => {
    const { probe, reads } = await countingProbe()
    let backend: BackendChoice | null = null
    let error: { loads: number; withinPercent: number } | null = null
    const service = new HardwareService({ modelsDir: () => dir, probe, clock: { now: () => 1_000 }, backend: () => backend, estimateError: () => Promise.resolve(error) })
    const before = await service.profile()
    expect(before.estimateError).toBeUndefined()
    // Auto read the profile for a message; then the model loaded.
    backend = { backend: 'cpu', device: null, vramBytes: null, fallbacks: [{ backend: 'vulkan', reason: 'no_device', needs: null }], loaded: true }
    error = { loads: 1, withinPercent: 9 }
    const after = await service.profile()
    expect(reads()).toBe(1)
    expect(after.estimateError).toEqual({ loads: 1, withinPercent: 9 })
    expect(after.backend).toEqual(backend)
  })

  it('keeps going when one source fails, and says how long each took', async () => {
    const { readings } = await loadRecording('gaming-pc-rtx4070-12gb')
    const probe: SystemProbe = { ...replayProbe(readings), graphics: () => Promise.reject(new Error('nvidia-smi hung')) }
    const service = new HardwareService({ modelsDir: () => dir, probe })
    const profile = await service.profile()
    expect(profile.gpus).toEqual([])
    expect(profile.tier).toBe('cpu_only')
    expect(profile.ramTotalBytes).toBe(readings.mem.total)
    expect(Object.keys(service.lastReading()?.timings ?? {}).sort()).toEqual(['cpu', 'cpuFlags', 'disk', 'graphics', 'llama', 'mem', 'total'])
  })
})

describe('the real probe, on any machine', () => {
  it('reads this computer as the OS and node-llama-cpp see it, with free disk space at a models folder that does not exist yet', async () => {
    const probe = createSystemProbe()
    const service = new HardwareService({ modelsDir: () => join(dir, 'not', 'yet', 'models'), probe })
    try {
      const started = performance.now()
      const profile = await service.profile()
      const firstMs = performance.now() - started
      const reading = service.lastReading()
      console.log(`hardware probe: first profile ${Math.round(firstMs)} ms`, reading?.timings, `\n  ${profile.summary}`)

      // Memory and processor: what the OS reports.
      expect(profile.ramTotalBytes).toBe(totalmem())
      expect(profile.ramFreeBytes).toBeGreaterThan(0)
      expect(profile.ramFreeBytes).toBeLessThanOrEqual(profile.ramTotalBytes)
      expect(profile.cpu.cores).toBeGreaterThanOrEqual(1)
      expect(profile.cpu.threads).toBeGreaterThanOrEqual(profile.cpu.cores)
      expect(profile.summary).toContain(`${formatBytes(soldMemoryBytes(totalmem()))} of`)
      // The disk: the nearest folder that exists.
      expect(reading?.readings.disk?.path).toBe(dir)
      expect(profile.diskFreeBytes).toBeGreaterThan(0)
      // GPUs: the back-ends are the ones node-llama-cpp supports here, and the tier follows from them and the cards.
      const supported = (await getLlamaGpuTypes('supported')).filter((type) => type !== false)
      expect(profile.gpuBackends).toEqual([...new Set(supported)])
      expect(profile.tier).toBe(tierFor(profile.gpus, profile.gpuBackends))
      // Without a GPU back-end, the same computer is CPU only, whatever graphics card it has.
      const withoutBackEnd = buildHardwareProfile({ ...reading!.readings, llama: { gpuTypes: [], vram: null, deviceNames: [] } })
      expect(withoutBackEnd.tier).toBe('cpu_only')
      expect(withoutBackEnd.summary).toMatch(/^a computer with .* and \d+ GiB of memory, without a graphics card Aura can use$/)
      // A bound for any machine, not a speed figure (that is npm run bench's): the first profile is awaited by the page.
      expect(firstMs).toBeLessThan(5_000)

      // Later profiles reuse what the probe read before: the CPU (it does not change), the graphics (for 30 s).
      const again = new HardwareService({ modelsDir: () => dir, probe })
      await again.profile()
      const next = again.lastReading()!.readings
      expect(next.cpu).toBe(reading!.readings.cpu)
      expect(next.graphics).toBe(reading!.readings.graphics)
    } finally {
      await service.dispose()
      await probe.dispose()
    }
  })
})
