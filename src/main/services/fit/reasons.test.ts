import { afterEach, describe, expect, it } from 'vitest'
import type { HardwareProfile } from '../../../shared/api'
import { setLanguage } from '../../../shared/i18n'
import { buildHardwareProfile } from '../hardware/profile'
import { loadRecording, type RecordedMachine } from '../testing/replayProbe'
import { catalogEntry, TEST_CATALOG } from '../testing/testCatalog'
import { fitsForCatalogEntry } from './catalogFit'
import { estimateFit } from './estimate'
import { fitInputFromCatalog } from './input'
import { recommend } from './recommend'

/** The first screen's and the catalog's reasons are said in the language the page shows (docs/languages.md). */
describe('fit reasons in the user’s language', () => {
  afterEach(() => setLanguage('en'))
  const machine = async (name: RecordedMachine): Promise<HardwareProfile> => buildHardwareProfile((await loadRecording(name)).readings)
  const suggest = (profile: HardwareProfile) => recommend(profile, TEST_CATALOG.map((entry) => ({ entry, fits: fitsForCatalogEntry(entry, 4096, profile) })))?.reason
  const at = (id: string, profile: HardwareProfile) => estimateFit(fitInputFromCatalog(catalogEntry(id), 'Q4_K_M'), 4096, profile).reason

  it('words the recommendation in Spanish and Chinese', async () => {
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const mini = await machine('mini-pc-n100-cpu-only')
    setLanguage('es')
    expect(suggest(gaming)).toBe('Un modelo de 8B que funciona bien en un PC para juegos como el tuyo.')
    expect(suggest(mini)).toBe('Un modelo de 3B que funciona bien en un ordenador como el tuyo, sin tarjeta gráfica.')
    setLanguage('zh-CN')
    expect(suggest(gaming)).toBe('一个 8B 模型，在像你这样的游戏电脑上运行良好。')
    setLanguage('en')
    expect(suggest(gaming)).toBe('An 8B model that runs well on a gaming PC like yours.')
  })

  it('words where a model runs in Spanish and Chinese', async () => {
    const gaming = await machine('gaming-pc-rtx4070-12gb')
    const mini = await machine('mini-pc-n100-cpu-only')
    const mac = await machine('macbook-air-m2-16gb')
    setLanguage('es')
    expect(at('qwen3-8b', gaming)).toMatch(/^Cabe entera en la NVIDIA GeForce RTX 4070: unos 5\.\d GiB de 9\.7 GiB libres\.$/)
    expect(at('qwen3-32b', gaming)).toMatch(/^Necesita unos \d+(\.\d)? GiB y solo el \d+ % cabe en la NVIDIA GeForce RTX 4070; el resto se ejecuta en el procesador/)
    expect(at('llama-3.3-70b', gaming)).toMatch(/^Necesita unos \d+ GiB: \d\.\d GiB caben en la NVIDIA GeForce RTX 4070/)
    expect(at('qwen3-8b', mini)).toMatch(/^Cabe en la memoria \(unos 5\.\d GiB de 12 GiB\), pero sin una tarjeta gráfica que Aura pueda usar/)
    expect(at('qwen3-8b', mac)).toMatch(/^Cabe en los 9\.8 GiB de memoria que pueden usar los gráficos del Apple M2/)
    setLanguage('zh-CN')
    expect(at('qwen3-8b', gaming)).toMatch(/^它可以完全放在 NVIDIA GeForce RTX 4070 上/)
  })
})
