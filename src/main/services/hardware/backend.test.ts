import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Backend } from '../../../shared/api'
import { chooseBackend, compareVersions, planBackends, type BackendMachine, type LoadOutcome } from './backend'
import { cudaPackageInstalled, llamaPlatform } from './backendMachine'
import { buildHardwareProfile } from './profile'
import { loadRecording, RECORDED_MACHINES, type RecordedMachine } from '../testing/replayProbe'

const GiB = 1024 ** 3

async function profileOf(name: RecordedMachine, llama: { cudaInstalled?: boolean } = {}) {
  const { readings } = await loadRecording(name)
  return buildHardwareProfile({ ...readings, llama: { ...readings.llama, ...llama } })
}

describe('the back-end on recorded machines', () => {
  it.each<[RecordedMachine, Backend, string | null]>([
    ['gaming-pc-rtx4070-12gb', 'cuda', 'NVIDIA GeForce RTX 4070'],
    ['enthusiast-rtx4090-24gb', 'cuda', 'NVIDIA GeForce RTX 4090'],
    ['laptop-rtx4060-8gb', 'cuda', 'NVIDIA GeForce RTX 4060 Laptop GPU'],
    ['dual-rtx3090-48gb', 'cuda', 'NVIDIA GeForce RTX 3090'],
    ['workstation-rtx-a6000-48gb', 'cuda', 'NVIDIA RTX A6000'],
    ['macbook-air-m2-16gb', 'metal', 'Apple M2'],
    ['mini-pc-n100-cpu-only', 'cpu', null],
  ])('%s with the NVIDIA speed-up installed → %s on %s', async (name, backend, device) => {
    const choice = (await profileOf(name, { cudaInstalled: true })).backend!
    expect([choice.backend, choice.device, choice.loaded]).toEqual([backend, device, false])
  })

  it('an NVIDIA card without the speed-up runs on Vulkan, and says the speed-up is what is missing', async () => {
    const choice = (await profileOf('gaming-pc-rtx4070-12gb')).backend!
    expect(choice).toMatchObject({ backend: 'vulkan', device: 'NVIDIA GeForce RTX 4070', fallbacks: [{ backend: 'cuda', reason: 'speedup_not_installed' }] })
    expect(choice.vramBytes! / GiB).toBeCloseTo(12, 0)
  })

  it('an Intel mini PC without a Vulkan driver runs on the processor, saying the driver is missing', async () => {
    const choice = (await profileOf('mini-pc-n100-cpu-only')).backend!
    expect(choice).toEqual({ backend: 'cpu', device: null, vramBytes: null, fallbacks: [{ backend: 'vulkan', reason: 'driver_missing', needs: null }], loaded: false })
  })

  it('every recorded machine gets a plan that ends on the processor', async () => {
    for (const name of RECORDED_MACHINES) expect((await profileOf(name)).backend?.fallbacks, name).toBeDefined()
  })
})

describe('planBackends', () => {
  const pc: BackendMachine = { platform: 'win32', arch: 'x64', gpuVendors: ['NVIDIA'], nvidiaDriver: '566.36', supported: ['cuda', 'vulkan'], cudaInstalled: true }

  it('CUDA, then Vulkan, then the processor on NVIDIA; Vulkan on AMD and Intel; Metal on Apple silicon', () => {
    expect(planBackends(pc).tries).toEqual(['cuda', 'vulkan', 'cpu'])
    expect(planBackends({ ...pc, gpuVendors: ['AMD'], supported: ['vulkan'] }).tries).toEqual(['vulkan', 'cpu'])
    expect(planBackends({ ...pc, platform: 'linux', gpuVendors: ['Intel'], supported: ['vulkan'] }).tries).toEqual(['vulkan', 'cpu'])
    expect(planBackends({ ...pc, platform: 'darwin', arch: 'arm64', gpuVendors: ['Apple'], supported: ['metal'] }).tries).toEqual(['metal', 'cpu'])
    expect(planBackends({ ...pc, platform: 'darwin', arch: 'x64', gpuVendors: ['AMD'], supported: [] }).tries).toEqual(['cpu'])
    expect(planBackends({ ...pc, gpuVendors: [], supported: ['vulkan'] }).tries).toEqual(['cpu'])
  })

  it('passes CUDA over with the driver version it needs when the NVIDIA driver is too old, or with no driver at all', () => {
    expect(planBackends({ ...pc, nvidiaDriver: '527.56' })).toEqual({ tries: ['vulkan', 'cpu'], skipped: [{ backend: 'cuda', reason: 'driver_too_old', needs: '528.33' }] })
    expect(planBackends({ ...pc, platform: 'linux', nvidiaDriver: '470.256.02' }).skipped).toEqual([{ backend: 'cuda', reason: 'driver_too_old', needs: '525.60.13' }])
    expect(planBackends({ ...pc, nvidiaDriver: null, supported: [] })).toEqual({
      tries: ['cpu'],
      skipped: [
        { backend: 'cuda', reason: 'driver_missing', needs: '528.33' },
        { backend: 'vulkan', reason: 'driver_missing', needs: null },
      ],
    })
  })

  it('compares driver versions part by part', () => {
    expect(compareVersions('560.35.03', '525.60.13')).toBeGreaterThan(0)
    expect(compareVersions('525.60.13', '525.60.13')).toBe(0)
    expect(compareVersions('525.6', '525.60.13')).toBeLessThan(0)
  })
})

describe('chooseBackend', () => {
  const plan = { tries: ['cuda', 'vulkan', 'cpu'] as Backend[], skipped: [] }
  const outcomes = (map: Partial<Record<Backend, LoadOutcome>>) => async (b: Backend) => map[b] ?? { ok: true as const, device: null, vramBytes: null }

  it('keeps the first back-end that loads, with the reasons of those before it', async () => {
    const choice = await chooseBackend(plan, outcomes({ cuda: { ok: false, reason: 'failed_to_start' }, vulkan: { ok: true, device: 'NVIDIA GeForce RTX 4070', vramBytes: 12 * GiB } }))
    expect(choice).toEqual({ backend: 'vulkan', device: 'NVIDIA GeForce RTX 4070', vramBytes: 12 * GiB, fallbacks: [{ backend: 'cuda', reason: 'failed_to_start', needs: null }], loaded: true })
  })

  it('ends on the processor when no GPU back-end finds a device', async () => {
    const choice = await chooseBackend(plan, outcomes({ cuda: { ok: false, reason: 'failed_to_start' }, vulkan: { ok: false, reason: 'no_device' } }))
    expect(choice.backend).toBe('cpu')
    expect(choice.fallbacks.map((f) => f.reason)).toEqual(['failed_to_start', 'no_device'])
  })
})

describe('cudaPackageInstalled', () => {
  it('sees node-llama-cpp’s CUDA package where it is installed next to it', () => {
    const installed = existsSync(join(process.cwd(), 'node_modules', '@node-llama-cpp', `${llamaPlatform()}-cuda`, 'dist', 'index.js'))
    expect(cudaPackageInstalled()).toBe(installed)
  })
})
