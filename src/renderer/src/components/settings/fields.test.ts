import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../../i18n'
import { readNumber } from './fields'

describe('a typed number’s problem, in the language on screen', () => {
  afterEach(() => void i18n.changeLanguage('en'))

  it('says it in Spanish and Chinese, with the number as that language writes it', async () => {
    await i18n.changeLanguage('es')
    expect(readNumber('abc', {}, 'Por minuto')).toEqual({ problem: 'Por minuto: «abc» no es un número.' })
    expect(readNumber('200000', { max: 100_000 }, 'Por minuto')).toEqual({ problem: 'Por minuto: como máximo 100.000.' })
    await i18n.changeLanguage('zh-CN')
    expect(readNumber('1.5', { integer: true }, '每分钟')).toEqual({ problem: '每分钟：请输入整数。' })
  })
})
