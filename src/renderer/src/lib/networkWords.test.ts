import { afterEach, describe, expect, it } from 'vitest'
import type { Connection, ConnectionPurpose } from '../api'
import { i18n } from '../i18n'
import { network } from '../i18n/areas/network'
import { dayLabel, groupConnections, purposeWords, rowDetail } from './networkWords'

const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime()
const connection = (fields: Partial<Connection>): Connection => ({ at: at(6, 9), host: 'huggingface.co', purpose: 'download', status: 200, sentBytes: 0, redirectedTo: null, ...fields })

describe('privacy words', () => {
  it('groups the newest-first list by day, and runs of one host and purpose into one line', () => {
    const days = groupConnections([
      connection({ at: at(6, 14, 5), host: 'api.openai.com', purpose: 'cloud_reply', sentBytes: 2048 }),
      connection({ at: at(6, 14, 1), host: 'api.openai.com', purpose: 'cloud_reply', sentBytes: 1024, status: 500 }),
      connection({ at: at(6, 9, 30), redirectedTo: 'cdn-lfs.hf.co' }),
      connection({ at: at(6, 9, 29), redirectedTo: 'cdn-lfs.hf.co' }),
      connection({ at: at(6, 9, 28), purpose: 'hub_search' }),
      connection({ at: at(5, 22), host: 'api.anthropic.com', purpose: 'key_test', status: null }),
    ])
    expect(days.map((d) => [new Date(d.day).getDate(), d.rows.map((r) => [r.host, r.purpose, r.count])])).toEqual([
      [6, [['api.openai.com', 'cloud_reply', 2], ['huggingface.co', 'download', 2], ['huggingface.co', 'hub_search', 1]]],
      [5, [['api.anthropic.com', 'key_test', 1]]],
    ])
    const [reply, download] = days[0]!.rows
    expect([reply!.first, reply!.last]).toEqual([at(6, 14, 1), at(6, 14, 5)])
    expect(rowDetail(reply!)).toBe('2 times · 1 not answered · sent 3 KiB')
    expect(rowDetail(download!)).toBe('2 times · answered by cdn-lfs.hf.co')
    expect(rowDetail(days[1]!.rows[0]!)).toBe('not answered')
  })

  it('says every purpose in plain words, and the day as people say it', () => {
    const purposes = Object.keys(network.en.purpose) as ConnectionPurpose[]
    expect(purposes.map(purposeWords).every((words) => /^[A-Z][a-z]/.test(words) && !words.includes('_'))).toBe(true)
    const now = at(6, 12)
    expect(dayLabel(new Date(now).setHours(0, 0, 0, 0), now)).toBe('Today')
    expect(dayLabel(new Date(at(5, 1)).setHours(0, 0, 0, 0), now)).toBe('Yesterday')
    expect(dayLabel(new Date(at(1, 1)).setHours(0, 0, 0, 0), now)).toMatch(/December/)
  })
})

describe('privacy words in the language on screen', () => {
  afterEach(() => void i18n.changeLanguage('en'))

  it('says a row and its day in Spanish and Chinese', async () => {
    const [day] = groupConnections([
      connection({ at: at(6, 14, 5), purpose: 'key_test', status: 401 }),
      connection({ at: at(6, 14, 1), purpose: 'key_test', sentBytes: 1024 }),
    ])
    const now = at(6, 12)
    await i18n.changeLanguage('es')
    expect([purposeWords('key_test'), rowDetail(day!.rows[0]!), dayLabel(day!.day, now)]).toEqual(['Probar una clave que guardaste', '2 veces · 1 sin respuesta · enviado: 1 KiB', 'Hoy'])
    expect(dayLabel(new Date(at(1, 1)).setHours(0, 0, 0, 0), now)).toMatch(/diciembre/)
    await i18n.changeLanguage('zh-CN')
    expect([purposeWords('key_test'), rowDetail(day!.rows[0]!), dayLabel(day!.day, now)]).toEqual(['测试你保存的密钥', '2 次 · 1 次未应答 · 已发送 1 KiB', '今天'])
  })
})
