import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HardwareService } from './hardwareService'
import type { SystemProbe } from './readings'
import { loadRecording, replayProbe } from './replayProbe'
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
    expect(a).toBe(b)
    expect(reads()).toBe(1)
    now += 4_000
    await service.profile()
    expect(reads()).toBe(1)
    now += 2_000
    await service.profile()
    expect(reads()).toBe(2)
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

describe('the real probe on this machine', () => {
  it('reads a CPU-only computer quickly, with free disk space at a models folder that does not exist yet', async () => {
    const probe = createSystemProbe()
    const service = new HardwareService({ modelsDir: () => join(dir, 'not', 'yet', 'models'), probe })
    try {
      const started = performance.now()
      const profile = await service.profile()
      const firstMs = performance.now() - started
      const timings = service.lastReading()?.timings
      console.log(`hardware probe: first profile ${Math.round(firstMs)} ms`, timings, `\n  ${profile.summary}`)

      expect(profile.tier).toBe('cpu_only')
      expect(profile.gpuBackends).toEqual([])
      expect(profile.ramTotalBytes).toBe(totalmem())
      expect(profile.ramFreeBytes).toBeGreaterThan(0)
      expect(profile.cpu.threads).toBeGreaterThanOrEqual(1)
      expect(profile.diskFreeBytes).toBeGreaterThan(0)
      expect(service.lastReading()?.readings.disk?.path).toBe(dir)
      expect(profile.summary).toMatch(/^a computer with .* and \d+ GiB of memory, without a graphics card Aura can use$/)
      expect(firstMs).toBeLessThan(5_000)

      // Later profiles reuse what does not change (CPU, GPU back-ends, graphics for 30 s).
      const again = new HardwareService({ modelsDir: () => dir, probe })
      const second = performance.now()
      await again.profile()
      const secondMs = performance.now() - second
      console.log(`hardware probe: next profile ${Math.round(secondMs)} ms`, again.lastReading()?.timings)
      expect(secondMs).toBeLessThan(250)
    } finally {
      await service.dispose()
      await probe.dispose()
    }
  })
})
