import { describe, expect, it } from 'vitest'
import { stallParts, stallWords } from './downloadWords'

describe('a download waiting on its connection, in words', () => {
  it('says what happened and when Aura tries again — never a speed', () => {
    expect(stallWords({ quietSeconds: 2, retry: { reason: 'connection_lost', inSeconds: 4 } })).toBe('Connection lost — trying again in 4 s')
    expect(stallWords({ quietSeconds: 2, retry: { reason: 'connection_lost', inSeconds: 0 } })).toBe('Connection lost — trying again now…')
    expect(stallWords({ quietSeconds: 9, retry: { reason: 'server_error', inSeconds: 120 } })).toBe('The download server had a problem — trying again in 2 min')
    expect(stallWords({ quietSeconds: 30, retry: { reason: 'no_data', inSeconds: 3 } })).toBe('Nothing arrived for 30 s — trying again in 3 s')
    expect(stallWords({ quietSeconds: 12, retry: null })).toBe('Nothing has arrived for 12 s — waiting for the server…')
  })
})

describe('the parts each language words', () => {
  it('says what is wrong, for how long nothing came, and when Aura tries again', () => {
    expect(stallParts({ quietSeconds: 95, retry: { reason: 'no_data', inSeconds: 3 } })).toEqual({
      problem: 'no_data',
      quiet: { amount: 2, unit: 'min' },
      retryIn: { amount: 3, unit: 's' },
    })
    expect(stallParts({ quietSeconds: 5, retry: { reason: 'connection_lost', inSeconds: 0 } }).retryIn).toBeNull()
    expect(stallParts({ quietSeconds: 5, retry: null }).problem).toBe('quiet')
  })
})
