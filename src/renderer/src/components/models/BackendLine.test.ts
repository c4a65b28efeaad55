import { afterEach, describe, expect, it } from 'vitest'
import type { BackendChoice } from '../../api'
import { i18n } from '../../i18n'
import { fallbackSentences, usingSentence } from './BackendLine'

const GiB = 1024 ** 3
const rtx: BackendChoice = { backend: 'vulkan', device: 'NVIDIA GeForce RTX 4070', vramBytes: 11.99 * GiB, loaded: true, fallbacks: [{ backend: 'cuda', reason: 'driver_too_old', needs: '528.33' }] }
const none: BackendChoice = { backend: 'cpu', device: null, vramBytes: null, loaded: true, fallbacks: [{ backend: 'vulkan', reason: 'no_device', needs: null }] }

afterEach(async () => {
  await i18n.changeLanguage('en')
})

describe('the hardware card’s back-end line', () => {
  it('says which GPU it uses and why not something faster', () => {
    expect(usingSentence(rtx)).toBe('Using your NVIDIA GeForce RTX 4070, 12 GiB')
    expect(fallbackSentences(rtx)).toEqual(['Your NVIDIA driver is too old for the NVIDIA speed-up (needs 528.33 or newer); using Vulkan.'])
    expect(usingSentence(none)).toBe('Using the processor: no graphics card Aura can use')
    expect(fallbackSentences(none)).toEqual(['Vulkan found no graphics card it can use; using the processor.'])
  })

  it('names the next back-end down each time it passes one over', () => {
    const chain: BackendChoice = { ...none, fallbacks: [{ backend: 'cuda', reason: 'driver_missing', needs: '525.60.13' }, { backend: 'vulkan', reason: 'failed_to_start', needs: null }] }
    expect(fallbackSentences(chain)).toEqual([
      'No NVIDIA driver was found for the NVIDIA speed-up; using Vulkan.',
      'Aura couldn’t start Vulkan on this computer; using the processor.',
    ])
  })

  it('speaks Spanish and Simplified Chinese', async () => {
    await i18n.changeLanguage('es')
    expect(usingSentence(rtx)).toBe('Usando tu NVIDIA GeForce RTX 4070, 12 GiB')
    expect(fallbackSentences(none)).toEqual(['Vulkan no encontró ninguna tarjeta gráfica que pueda usar; usando el procesador.'])
    await i18n.changeLanguage('zh-CN')
    expect(usingSentence(none)).toBe('正在使用处理器：没有 Aura 能用的显卡')
    expect(fallbackSentences(rtx)[0]).toContain('528.33')
  })
})
