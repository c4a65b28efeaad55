import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../../../shared/i18n'
import type { HardwareTier } from '../../../shared/api'
import { HardwareService } from './hardwareService'
import { buildHardwareProfile, cpuFeatures, tierFor } from './profile'
import { loadRecording, replayProbe, type RecordedMachine } from '../testing/replayProbe'

const GiB = 1024 ** 3

async function profileOf(name: RecordedMachine) {
  const { readings } = await loadRecording(name)
  return new HardwareService({ modelsDir: () => '/models', probe: replayProbe(readings) }).profile()
}

describe('hardware profile from recorded systeminformation output', () => {
  it.each<[RecordedMachine, HardwareTier, string]>([
    ['macbook-air-m2-16gb', 'laptop', 'a Mac with an Apple M2 chip and 16 GiB of unified memory'],
    ['gaming-pc-rtx4070-12gb', 'gaming_pc', 'a gaming PC with an NVIDIA GeForce RTX 4070 (12 GiB) and 32 GiB of memory'],
    ['enthusiast-rtx4090-24gb', 'enthusiast', 'an enthusiast PC with an NVIDIA GeForce RTX 4090 (24 GiB) and 64 GiB of memory'],
    ['workstation-rtx-a6000-48gb', 'workstation', 'a workstation with an NVIDIA RTX A6000 (48 GiB) and 128 GiB of memory'],
    ['dual-rtx3090-48gb', 'workstation', 'a workstation with two NVIDIA GeForce RTX 3090 cards (24 GiB each) and 64 GiB of memory'],
    ['laptop-rtx4060-8gb', 'laptop', 'a laptop with an NVIDIA GeForce RTX 4060 Laptop GPU (8 GiB) and 16 GiB of memory'],
    ['mini-pc-n100-cpu-only', 'cpu_only', 'a computer with an Intel N100 processor and 16 GiB of memory, without a graphics card Aura can use'],
  ])('%s is a %s: "%s"', async (name, tier, summary) => {
    const profile = await profileOf(name)
    expect(profile.tier).toBe(tier)
    expect(profile.summary).toBe(summary)
  })

  it('reads an Apple silicon Mac: unified memory, the GPU share from Metal, NEON, Metal back-end', async () => {
    const profile = await profileOf('macbook-air-m2-16gb')
    expect(profile.cpu).toEqual({ model: 'Apple M2', cores: 8, threads: 8, features: ['neon'] })
    expect(profile.gpus).toEqual([
      { vendor: 'Apple', model: 'Apple M2', vramTotalBytes: 11453251584, vramFreeBytes: 11453251584, unifiedMemory: true },
    ])
    expect(profile.gpuBackends).toEqual(['metal'])
    expect(profile.ramTotalBytes).toBe(16 * GiB)
    // macOS keeps `free` near zero; `available` counts the cache it gives back.
    expect(profile.ramFreeBytes).toBe(9769254912)
  })

  it('without node-llama-cpp figures, takes two thirds of a 16 GB Mac as the GPU share', async () => {
    const { readings } = await loadRecording('macbook-air-m2-16gb')
    const profile = buildHardwareProfile({ ...readings, llama: { ...readings.llama, vram: null } })
    expect(profile.gpus[0]?.vramTotalBytes).toBe(Math.floor((16 * GiB * 2) / 3))
    expect(profile.tier).toBe('laptop')
  })

  it('reads a discrete card with nvidia-smi figures, and leaves integrated graphics out of the tier', async () => {
    const laptop = await profileOf('laptop-rtx4060-8gb')
    expect(laptop.gpus).toEqual([
      { vendor: 'Intel', model: 'Intel Iris Xe Graphics', vramTotalBytes: 1024 * 1024 ** 2, vramFreeBytes: null, unifiedMemory: true },
      // node-llama-cpp's getVramState() replaces nvidia-smi's numbers for the card it drives.
      { vendor: 'NVIDIA', model: 'NVIDIA GeForce RTX 4060 Laptop GPU', vramTotalBytes: 8585216000, vramFreeBytes: 8342994944, unifiedMemory: false },
    ])
    expect(laptop.gpuBackends).toEqual(['cuda', 'vulkan'])
    expect(laptop.diskFreeBytes).toBe(187904819200)
  })

  it('drops display-only chips (ASPEED), names cards from lspci brackets or nvidia-smi', async () => {
    const station = await profileOf('workstation-rtx-a6000-48gb')
    expect(station.gpus.map((g) => g.model)).toEqual(['NVIDIA RTX A6000'])
    expect(station.cpu).toEqual({ model: 'AMD Ryzen Threadripper PRO 5975WX 32-Cores', cores: 32, threads: 64, features: ['avx', 'avx2'] })

    const dual = await profileOf('dual-rtx3090-48gb')
    expect(dual.gpus.map((g) => [g.model, g.vramFreeBytes, g.unifiedMemory])).toEqual([
      ['NVIDIA GeForce RTX 3090', 23871 * 1024 ** 2, false],
      ['NVIDIA GeForce RTX 3090', 24245 * 1024 ** 2, false],
      ['AMD Raphael', null, true],
    ])
    expect(dual.cpu.features).toEqual(['avx', 'avx2', 'avx512'])
  })

  it('treats no GPU back-end as CPU only, even with a graphics card present', async () => {
    const { readings } = await loadRecording('gaming-pc-rtx4070-12gb')
    const profile = buildHardwareProfile({ ...readings, llama: { gpuTypes: [], vram: null, deviceNames: [] } })
    expect(profile.tier).toBe('cpu_only')
    expect(profile.gpus).toHaveLength(1)
    expect(profile.summary).toBe('a computer with an AMD Ryzen 7 7700X 8-Core Processor and 32 GiB of memory, without a graphics card Aura can use')
  })

  it('treats an empty GPU list as a normal computer without a graphics card', async () => {
    const { readings } = await loadRecording('mini-pc-n100-cpu-only')
    const profile = buildHardwareProfile({ ...readings, graphics: { controllers: [], displays: [] } })
    expect(profile.tier).toBe('cpu_only')
    expect(profile.gpus).toEqual([])
    expect(profile.cpu.features).toEqual(['avx', 'avx2'])
  })
})

describe('tierFor', () => {
  const card = (gb: number) => ({ vendor: 'NVIDIA', model: 'card', vramTotalBytes: gb * GiB, vramFreeBytes: null, unifiedMemory: false })
  it.each<[number[], HardwareTier]>([
    [[4], 'laptop'],
    [[8], 'laptop'],
    [[10], 'gaming_pc'],
    [[11.99], 'gaming_pc'],
    [[15.99], 'enthusiast'],
    [[24], 'enthusiast'],
    [[32], 'enthusiast'],
    [[12, 12], 'enthusiast'],
    [[24, 24], 'workstation'],
    [[48], 'workstation'],
  ])('cards of %j GB → %s', (sizes, tier) => {
    expect(tierFor(sizes.map(card), ['cuda'])).toBe(tier)
  })

  it('integrated graphics with a Vulkan driver make a laptop-class machine; without one, CPU only', () => {
    const igpu = { vendor: 'Intel', model: 'Intel Iris Xe Graphics', vramTotalBytes: null, vramFreeBytes: null, unifiedMemory: true }
    expect(tierFor([igpu], ['vulkan'])).toBe('laptop')
    expect(tierFor([igpu], [])).toBe('cpu_only')
  })

  it('a Mac counts its GPU share of unified memory: laptop below 15 GB, then as cards', () => {
    const mac = (gb: number) => ({ vendor: 'Apple', model: 'Apple M3', vramTotalBytes: gb * GiB, vramFreeBytes: null, unifiedMemory: true })
    expect(tierFor([mac(12)], ['metal'])).toBe('laptop')
    expect(tierFor([mac(24)], ['metal'])).toBe('enthusiast')
    expect(tierFor([mac(96)], ['metal'])).toBe('workstation')
  })
})

describe('cpuFeatures', () => {
  it('reads avx512 from any avx512 flag and neon from ARM', () => {
    expect(cpuFeatures('sse2 avx avx2 avx512f avx512bw', 'x64')).toEqual(['avx', 'avx2', 'avx512'])
    expect(cpuFeatures('fp asimd evtstrm aes', 'arm64')).toEqual(['neon'])
    expect(cpuFeatures('', 'x64')).toEqual([])
  })
})

describe('the summary in the reader’s language', () => {
  afterEach(() => setLanguage('en'))

  it('says what Aura found in Chinese and Spanish', async () => {
    setLanguage('zh-CN')
    expect((await profileOf('gaming-pc-rtx4070-12gb')).summary).toBe('一台配备 NVIDIA GeForce RTX 4070 (12 GiB) 和 32 GiB 内存的游戏电脑')
    expect((await profileOf('dual-rtx3090-48gb')).summary).toBe('一台配备 2 块 NVIDIA GeForce RTX 3090 显卡（每块 24 GiB） 和 64 GiB 内存的工作站')
    setLanguage('es')
    expect((await profileOf('mini-pc-n100-cpu-only')).summary).toBe('un ordenador con procesador Intel N100 y 16 GiB de memoria, sin una tarjeta gráfica que Aura pueda usar')
    expect((await profileOf('macbook-air-m2-16gb')).summary).toBe('un Mac con chip Apple M2 y 16 GiB de memoria unificada')
  })
})
