import { describe, expect, it } from 'vitest'
import { estimateTokens, formatBytes, formatBytesApart, formatCount, soldMemoryBytes } from './units'

const GiB = 1024 ** 3

describe('formatBytes', () => {
  it('writes the decimal mark of a locale when given one, and a point without (the CLI’s English)', () => {
    expect(formatBytes(2_000_000_000)).toBe('1.9 GiB')
    expect(formatBytes(2_000_000_000, 0, 'es')).toBe('1,9 GiB')
    expect(formatBytes(18.34 * GiB, 1, 'es')).toBe('18,3 GiB')
    expect(formatBytes(1000, 0, 'es')).toBe('1000 B')
  })

  it('counts single bytes up to the first binary step', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(1000)).toBe('1000 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1024)).toBe('1 KiB')
    expect(formatBytes(5.6)).toBe('6 B')
  })

  it('labels every step by its binary divisor: one decimal below 10, whole numbers from 10', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(10 * 1024)).toBe('10 KiB')
    expect(formatBytes(830 * 1024 ** 2)).toBe('830 MiB')
    expect(formatBytes(1.95e9)).toBe('1.8 GiB')
    expect(formatBytes(2.0e9)).toBe('1.9 GiB')
    expect(formatBytes(2 * GiB)).toBe('2 GiB')
    expect(formatBytes(24 * GiB)).toBe('24 GiB')
    expect(formatBytes(2 * 1024 ** 4)).toBe('2 TiB')
  })

  it('never shows "10.0" or "1024" of a unit: it rounds into the next', () => {
    expect(formatBytes(9.96 * GiB)).toBe('10 GiB')
    expect(formatBytes(1023.7)).toBe('1 KiB')
    expect(formatBytes(1023.96 * 1024 ** 2)).toBe('1 GiB')
    expect(formatBytes(1023.4 * 1024)).toBe('1023 KiB')
  })

  it('shows huge sizes in the largest unit', () => {
    expect(formatBytes(Number.MAX_SAFE_INTEGER)).toBe('8 PiB')
    expect(formatBytes(2 ** 60)).toBe('1 EiB')
    expect(formatBytes(2 ** 70)).toBe('1024 EiB')
  })

  it('shows a dash for what is not a size', () => {
    expect(formatBytes(-1)).toBe('—')
    expect(formatBytes(Number.NaN)).toBe('—')
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—')
  })
})

describe('soldMemoryBytes', () => {
  it('rounds a memory total the OS reports up to the size it was sold as', () => {
    expect(soldMemoryBytes(15.4 * GiB)).toBe(16 * GiB)
    expect(soldMemoryBytes(11.99 * GiB)).toBe(12 * GiB)
    expect(soldMemoryBytes(62 * GiB)).toBe(64 * GiB)
    expect(soldMemoryBytes(25_219_000_000)).toBe(24 * GiB)
    expect(soldMemoryBytes(16 * GiB)).toBe(16 * GiB)
  })

  it('leaves a total that is no sold size as it is', () => {
    expect(soldMemoryBytes(14 * GiB)).toBe(14 * GiB)
    expect(soldMemoryBytes(300 * 1024 ** 2)).toBe(300 * 1024 ** 2)
    expect(soldMemoryBytes(0)).toBe(0)
  })
})

describe('estimateTokens', () => {
  it('is about four characters a token, rounded up', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('a')).toBe(1)
    expect(estimateTokens('abcd')).toBe(1)
    expect(estimateTokens('abcde')).toBe(2)
    expect(estimateTokens('abcdef')).toBe(2)
    expect(estimateTokens('x'.repeat(400))).toBe(100)
  })
})

describe('formatCount', () => {
  it('writes parameter counts the way model pages do', () => {
    expect(formatCount(260_000)).toBe('260K')
    expect(formatCount(7_615_616_512)).toBe('7.6B')
    expect(formatCount(494_032_768)).toBe('494M')
    expect(formatCount(1_000_000_000)).toBe('1B')
    expect(formatCount(null)).toBe('—')
    expect(formatCount(12_345)).toBe('12K')
    expect(formatCount(999)).toBe('999')
  })
})

describe('formatBytesApart', () => {
  const GiB = 1024 ** 3
  it('shows a decimal more where two different sizes would read the same', () => {
    // The "needs about 18 GB, and this computer can spare about 18 GB — Too big".
    expect(formatBytesApart(18.3 * GiB, 17.6 * GiB)).toEqual(['18.3 GiB', '17.6 GiB'])
    expect(formatBytesApart(18.04 * GiB, 17.98 * GiB)).toEqual(['18.04 GiB', '17.98 GiB'])
  })
  it('leaves sizes that already read apart, or are equal, as formatBytes shows them', () => {
    expect(formatBytesApart(20 * GiB, 12 * GiB)).toEqual(['20 GiB', '12 GiB'])
    expect(formatBytesApart(1.5 * GiB, 512 * 1024 ** 2)).toEqual(['1.5 GiB', '512 MiB'])
    expect(formatBytesApart(12 * GiB, 12 * GiB)).toEqual(['12 GiB', '12 GiB'])
  })
})
