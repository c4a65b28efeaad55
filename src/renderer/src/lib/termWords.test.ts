import { afterEach, describe, expect, it } from 'vitest'
import type { FitEstimate, HardwareProfile } from '../api'
import { i18n } from '../i18n'
import { fitBreakdown, speedWords, termHints, tokenCountHint, tokenCountWords, versionWords } from './termWords'

const GiB = 1024 ** 3
const MiB = 1024 ** 2

describe('a reply’s counts in plain words', () => {
  it('says what the model read and wrote, not "in / out"', () => {
    expect(tokenCountWords(1234, 40)).toBe('read 1,234 · wrote 40 tokens')
    expect(tokenCountWords(null, 40)).toBe('wrote 40 tokens')
    expect(tokenCountHint(7, 40)).toBe(
      'Tokens are pieces of words — about ¾ of an English word each. The model read 7 (your chat so far, with its instructions) and wrote 40.',
    )
  })

  it('says speed in tokens a second', () => {
    expect(speedWords(12.34)).toBe('12.3 tokens a second')
    expect(speedWords(250.4)).toBe('250 tokens a second')
  })

  it('explains every term in words without the jargon it explains', () => {
    for (const hint of Object.values(termHints)) expect(hint).not.toMatch(/\bKV\b|\bctx\b|quantiz/i)
    expect(versionWords('Standard (recommended)', 'Q4_K_M')).toBe('Standard (recommended) (Q4_K_M)')
  })
})

describe('fitBreakdown', () => {
  const fit: FitEstimate = {
    label: 'runs_slowly',
    labelText: 'Runs, but slowly',
    reason: '',
    contextSize: 4096,
    weightsBytes: 4.6 * GiB,
    kvCacheBytes: 512 * MiB,
    overheadBytes: 300 * MiB,
    totalBytes: 5.4 * GiB,
    vramBytes: 4 * GiB,
    ramBytes: 1.4 * GiB,
    gpuShare: 0.8,
  }
  const hardware = {
    ramTotalBytes: 15.6 * GiB,
    ramFreeBytes: 9.3 * GiB,
    gpus: [{ model: 'RTX', vendor: 'nvidia', vramTotalBytes: 12 * GiB, vramFreeBytes: 11 * GiB, unifiedMemory: false }],
    gpuBackends: ['cuda'],
  } as unknown as HardwareProfile

  it('holds every figure the panel leaves out, one a line', () => {
    expect(fitBreakdown(fit, hardware).split('\n')).toEqual([
      'The model itself: 4.6 GiB',
      'Its memory of the conversation (4,096 tokens, about 3,100 words): 512 MiB',
      'Working space: 300 MiB',
      'On the graphics card: 4 GiB (80% of the model); in the computer’s memory: 1.4 GiB',
      'This computer has 16 GiB of memory (9.3 GiB free now) and 12 GiB on its graphics card.',
    ])
  })

  it('leaves out the graphics card and the computer when there is nothing to say', () => {
    expect(fitBreakdown({ ...fit, vramBytes: 0, ramBytes: fit.totalBytes, gpuShare: 0 }, null).split('\n')).toHaveLength(3)
  })
})

describe('terms in the language on screen', () => {
  afterEach(() => void i18n.changeLanguage('en'))

  it('explains a term and counts tokens in Spanish and Chinese', async () => {
    await i18n.changeLanguage('es')
    expect(termHints.tokens).toMatch(/^Los modelos leen y escriben en tokens, fragmentos de palabra/)
    expect([tokenCountWords(12345, 40), speedWords(12.34)]).toEqual(['leyó 12.345 · escribió 40 tokens', '12,3 tokens por segundo'])
    await i18n.changeLanguage('zh-CN')
    expect(termHints.tokens).toContain('词元')
    expect(tokenCountWords(null, 40)).toBe('写了 40 个词元')
  })
})
