import { describe, expect, it } from 'vitest'
import type { CatalogEntry, HardwareProfile } from '../../../shared/api'
import { buildHardwareProfile } from '../hardware/profile'
import { loadRecording, RECORDED_MACHINES, type RecordedMachine } from '../testing/replayProbe'
import { CatalogService } from '../catalog'
import { fitsForCatalogEntry } from './catalogFit'
import { recommend, RECOMMENDATION_BANDS, sizeLabel, type RecommendCandidate } from './recommend'
import { TEST_CATALOG, catalogEntry } from '../testing/testCatalog'

const GiB = 1024 ** 3

async function machine(name: RecordedMachine): Promise<HardwareProfile> {
  return buildHardwareProfile((await loadRecording(name)).readings)
}

function candidates(profile: HardwareProfile, catalog: readonly CatalogEntry[] = TEST_CATALOG): RecommendCandidate[] {
  return catalog.map((entry) => ({ entry, fits: fitsForCatalogEntry(entry, 4096, profile) }))
}

describe('recommend', () => {
  it.each<[RecordedMachine, string, string]>([
    ['macbook-air-m2-16gb', 'phi-4-mini', 'A 3.8B model that runs well on a laptop like yours.'],
    ['laptop-rtx4060-8gb', 'phi-4-mini', 'A 3.8B model that runs well on a laptop like yours.'],
    ['gaming-pc-rtx4070-12gb', 'qwen3-8b', 'An 8B model that runs well on a gaming PC like yours.'],
    ['enthusiast-rtx4090-24gb', 'qwen3-14b', 'A 14B model that runs well on a PC like yours.'],
    ['workstation-rtx-a6000-48gb', 'llama-3.3-70b', 'A 70B model that runs well on a workstation like yours.'],
    ['dual-rtx3090-48gb', 'llama-3.3-70b', 'A 70B model that runs well on a workstation like yours.'],
    ['mini-pc-n100-cpu-only', 'llama-3.2-3b', 'A 3B model that runs well on a computer like yours, without a graphics card.'],
  ])('on %s suggests %s: "%s"', async (name, entryId, reason) => {
    const profile = await machine(name)
    expect(recommend(profile, candidates(profile))).toEqual({ entryId, quant: 'Q4_K_M', reason })
  })

  it('always suggests something that runs well here', async () => {
    for (const name of RECORDED_MACHINES) {
      const profile = await machine(name)
      const list = candidates(profile)
      const pick = recommend(profile, list)
      const fit = list.find((c) => c.entry.id === pick?.entryId)?.fits.find((f) => f.quant === pick?.quant)?.fit
      expect(fit?.label, name).toBe('runs_well')
    }
  })

  it("picks from Aura's own catalog, for every recorded machine, a model of the tier's size that runs well", async () => {
    const entries = new CatalogService().entries()
    for (const name of RECORDED_MACHINES) {
      const profile = await machine(name)
      const list = candidates(profile, entries)
      const pick = recommend(profile, list)
      const chosen = list.find((c) => c.entry.id === pick?.entryId)
      const band = RECOMMENDATION_BANDS[profile.tier]
      expect(chosen?.fits.find((f) => f.quant === pick?.quant)?.fit.label, name).toBe('runs_well')
      expect((chosen?.entry.parameters ?? 0) / 1e9, name).toBeGreaterThanOrEqual(band.min)
      expect((chosen?.entry.parameters ?? 0) / 1e9, name).toBeLessThanOrEqual(band.max)
    }
  })

  it('on a laptop prefers a coder or Phi-4-mini over other models of the size', async () => {
    const profile = await machine('laptop-rtx4060-8gb')
    const coder = { ...catalogEntry('qwen3-4b'), id: 'qwen2.5-coder-3b', name: 'Qwen2.5 Coder 3B', family: 'Qwen2.5-Coder', parameters: 3.09e9 }
    const list = candidates(profile, [catalogEntry('qwen3-4b'), catalogEntry('llama-3.2-3b'), coder])
    expect(recommend(profile, list)).toEqual({ entryId: 'qwen2.5-coder-3b', quant: 'Q4_K_M', reason: 'A 3B coder that runs well on a laptop like yours.' })
  })

  it('passes over a model that needs a Hugging Face token when an open one of the size runs well', async () => {
    const profile = await machine('gaming-pc-rtx4070-12gb')
    const list = candidates(profile, [catalogEntry('llama-3.1-8b'), catalogEntry('qwen3-8b')])
    expect(recommend(profile, list)?.entryId).toBe('qwen3-8b')
    expect(recommend(profile, candidates(profile, [catalogEntry('llama-3.1-8b')]))?.entryId).toBe('llama-3.1-8b')
  })

  it('falls back to the largest smaller model that runs well, and a smaller quantization when the default does not', async () => {
    const profile = await machine('enthusiast-rtx4090-24gb')
    const noFourteen = TEST_CATALOG.filter((e) => !['qwen3-14b', 'gemma-3-12b'].includes(e.id))
    expect(recommend(profile, candidates(profile, noFourteen))?.entryId).toBe('qwen3-8b')

    const station = await machine('workstation-rtx-a6000-48gb')
    const smaller = { ...station, gpus: station.gpus.map((g) => ({ ...g, vramTotalBytes: 40 * GiB, vramFreeBytes: 40 * GiB })) }
    // With 40 GB, 70B at Q4_K_M (42.5 GB) no longer fits on the card; its Q2_K (26 GB) does.
    const pick = recommend(smaller, candidates(smaller, [catalogEntry('llama-3.3-70b')]))
    expect(pick).toMatchObject({ entryId: 'llama-3.3-70b', quant: 'Q2_K' })
  })

  it('suggests a chat model, not a code-completion one, and matches "Phi-4 mini" however it is spelled', async () => {
    const profile = await machine('enthusiast-rtx4090-24gb')
    const starcoder = { ...catalogEntry('qwen3-14b'), id: 'starcoder2-15b', name: 'StarCoder2 15B', family: 'StarCoder2', parameters: 15.96e9, capabilities: ['coding' as const] }
    expect(recommend(profile, candidates(profile, [starcoder, catalogEntry('qwen3-14b')]))?.entryId).toBe('qwen3-14b')

    const laptop = await machine('laptop-rtx4060-8gb')
    const phi = { ...catalogEntry('phi-4-mini'), name: 'Phi-4 mini Instruct', family: 'Phi-4' }
    expect(recommend(laptop, candidates(laptop, [catalogEntry('qwen3-4b'), phi]))?.entryId).toBe('phi-4-mini')
  })

  it('suggests nothing when nothing runs well, and never a demo model', async () => {
    const tiny = { tier: 'cpu_only' as const, ramTotalBytes: 2 * GiB, gpus: [], gpuBackends: [] }
    expect(recommend(tiny, candidates({ ...(await machine('mini-pc-n100-cpu-only')), ...tiny }))).toBeNull()
    const mini = await machine('mini-pc-n100-cpu-only')
    expect(recommend(mini, candidates(mini, [catalogEntry('tiny-llamas-15m')]))).toBeNull()
  })
})

describe('sizeLabel', () => {
  it('says the size people know the model by', () => {
    expect(sizeLabel({ name: 'Qwen3 14B', parameters: 14.8e9 })).toBe('14B')
    expect(sizeLabel({ name: 'Phi-4-mini Instruct', parameters: 3.84e9 })).toBe('3.8B')
    expect(sizeLabel({ name: 'Qwen2.5-0.5B-Instruct', parameters: 0.49e9 })).toBe('0.5B')
    expect(sizeLabel({ name: 'Mistral Nemo', parameters: 12.2e9 })).toBe('12B')
  })
})
