import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import { formatBytes, formatNumber, formatRelative, formatSeconds, formatTokensPerSecond, soldMemoryBytes } from './format'

describe('format', () => {
  it('writes file sizes in binary units, labelled as such', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1_185_376)).toBe('1.1 MiB')
    expect(formatBytes(4_683_073_536)).toBe('4.4 GiB')
    expect(formatBytes(45_000_000_000)).toBe('42 GiB')
  })

  it('writes memory in the same units, totals as they were sold', () => {
    expect(formatBytes(16 * 1024 ** 3)).toBe('16 GiB')
    expect(formatBytes(25_219_000_000)).toBe('23 GiB')
    expect(formatBytes(soldMemoryBytes(25_219_000_000))).toBe('24 GiB')
    expect(formatBytes(8.5 * 1024 ** 3)).toBe('8.5 GiB')
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB')
  })

  it('rounds speeds sensibly', () => {
    expect(formatTokensPerSecond(41.27)).toBe('41.3')
    expect(formatTokensPerSecond(644.2)).toBe('644')
  })

  it('writes durations in seconds', () => {
    expect(formatSeconds(840)).toBe('0.84 s')
    expect(formatSeconds(2_345)).toBe('2.3 s')
    expect(formatSeconds(12_300)).toBe('12 s')
    expect(formatSeconds(95_000)).toBe('1 min 35 s')
  })
})

describe('in the language on screen', () => {
  afterEach(() => void i18n.changeLanguage('en'))

  it('writes numbers and relative dates as a Spanish or Chinese reader expects', async () => {
    await i18n.changeLanguage('es')
    expect(formatNumber(1234567)).toBe('1.234.567')
    expect(formatRelative(Date.now() - 5 * 60_000)).toBe('hace 5 min')
    await i18n.changeLanguage('zh-CN')
    expect(formatNumber(1234567)).toBe('1,234,567')
    expect(formatRelative(Date.now() - 1000)).toBe('刚刚')
  })

  it('writes sizes and durations with the language’s decimal mark and words', async () => {
    await i18n.changeLanguage('es')
    expect(formatBytes(2_000_000_000)).toBe('1,9 GiB')
    expect(formatBytes(45_000_000_000)).toBe('42 GiB')
    expect(formatSeconds(840)).toBe('0,84 seg')
    expect(formatSeconds(95_000)).toBe('1 min 35 seg')
    await i18n.changeLanguage('zh-CN')
    expect(formatBytes(2_000_000_000)).toBe('1.9 GiB')
    expect(formatSeconds(2_345)).toBe('2.3 秒')
    expect(formatSeconds(95_000)).toBe('1 分 35 秒')
  })
})
