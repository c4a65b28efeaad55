import { describe, expect, it } from 'vitest'
import type { Logger } from '../ports'
import { redact, redactingLogger, redactValue } from './redact'

const openai = 'sk-proj-Abc123def456ghi789jkl012mno345pqr678'
const custom = 'my-gateway-secret-0123456789-wxyz'

describe('redact', () => {
  it('replaces a known key wherever it appears, leaving its last 4 characters', () => {
    expect(redact(`calling with ${custom} and again ${custom}.`, [custom])).toBe('calling with [redacted …wxyz] and again [redacted …wxyz].')
    expect(redact(`https://gw.example/v1?key=${encodeURIComponent(`${custom}/+`)}`, [`${custom}/+`])).not.toContain(custom)
  })

  it('replaces a known key in base64 (at any byte offset, e.g. inside Basic auth), base64url, hex and URL-encoded', () => {
    const key = 'gw-Secret/+0123456789abcdefWXYZ'
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    const forms = [
      `Authorization: Basic ${b64(`user:${key}`)}`,
      `Authorization: Basic ${b64(`me:${key}`)}`,
      `blob ${b64(key)} and ${b64(`x${key}y`)}`,
      `token=${Buffer.from(`ab${key}`).toString('base64url')}`,
      `hex ${Buffer.from(key).toString('hex')} HEX ${Buffer.from(key).toString('hex').toUpperCase()}`,
      `https://gw.example/v1?key=${encodeURIComponent(key)}`,
    ]
    for (const line of forms) {
      const out = redact(line, [key])
      expect(out, line).toContain('[redacted …WXYZ]')
      // No run of 12 or more encoded key characters is left, in any of these encodings at any offset.
      for (const offset of [0, 1, 2]) {
        const padded = Buffer.concat([Buffer.alloc(offset, 0x20), Buffer.from(key)])
        for (const encoded of [padded.toString('base64'), padded.toString('base64url'), padded.toString('hex'), padded.toString('hex').toUpperCase(), encodeURIComponent(key)]) {
          for (let at = 4; at + 12 <= encoded.length - 4; at++) expect(out, `${line} leaks ${encoded.slice(at, at + 12)}`).not.toContain(encoded.slice(at, at + 12))
        }
      }
    }
  })

  it('replaces the longer of two keys whole when one contains the other', () => {
    const short = 'abcdefgh12345678'
    const long = `${short}-and-more-9999`
    expect(redact(`${long} ${short}`, [short, long])).toBe('[redacted …9999] [redacted …5678]')
  })

  it('leaves values too short to be keys alone', () => {
    expect(redact('the model is ok', ['ok', ''])).toBe('the model is ok')
  })

  it('redacts anything shaped like an API key even when Aura does not know it', () => {
    const unknown = [
      'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
      'sk-or-v1-0123456789abcdef0123456789abcdef',
      'sk-0123456789abcdef0123456789abcdef',
      'AIzaSyA-0123456789abcdefghijklmnopqrstu',
      'xai-AbCdEfGhIjKlMnOpQrStUvWxYz0123',
      'hf_AbCdEfGhIjKlMnOpQrStUvWxYz',
    ]
    for (const key of unknown) {
      const out = redact(`401 Incorrect API key provided: ${key}.`, [])
      expect(out, key).not.toContain(key)
      expect(out).toContain(`[redacted …${key.slice(-4)}]`)
    }
    expect(redact('Authorization: Bearer abc.def-ghi_jkl~mno', [])).toBe('Authorization: Bearer [redacted …~mno]')
  })

  it('does not mistake ordinary words for keys', () => {
    const text = 'task-management-for-everyone risk-assessment-of-the-plan sk-short AIza disk-usage-is-fine-today'
    expect(redact(text, [])).toBe(text)
  })
})

describe('redactValue', () => {
  it('redacts deeply: nested objects, arrays, Errors with their stack, cause and own fields, headers', () => {
    const cause = new Error(`socket closed while sending ${custom}`)
    const error = Object.assign(new Error(`Unauthorized: ${custom}`, { cause }), {
      requestBodyValues: { model: 'x', apiKey: custom },
      responseHeaders: { 'x-request-id': 'abc' },
    })
    const data = {
      nested: { list: [custom, { deeper: `key=${custom}` }] },
      error,
      headers: new Headers({ authorization: `Bearer ${custom}`, 'x-api-key': 'short' }),
      url: new URL(`https://api.example/v1?key=${custom}`),
      body: Buffer.from(custom),
      count: 3,
      ok: true,
      nothing: null,
    }
    const out = redactValue(data, [custom])
    const text = JSON.stringify(out)
    expect(text).not.toContain(custom)
    expect(text).not.toContain('short') // a credential header is hidden whatever it looks like
    expect(out).toMatchObject({
      nested: { list: ['[redacted …wxyz]', { deeper: 'key=[redacted …wxyz]' }] },
      error: {
        name: 'Error',
        message: 'Unauthorized: [redacted …wxyz]',
        stack: expect.stringContaining('Unauthorized: [redacted …wxyz]'),
        cause: { message: 'socket closed while sending [redacted …wxyz]' },
        requestBodyValues: { model: 'x', apiKey: '[redacted …wxyz]' },
        responseHeaders: { 'x-request-id': 'abc' },
      },
      body: `[${Buffer.byteLength(custom)} bytes]`,
      count: 3,
      ok: true,
      nothing: null,
    })
  })

  it('survives cycles, and tells a repeated object from a cycle', () => {
    const shared = { secret: custom }
    const loop: Record<string, unknown> = { a: shared, b: shared }
    loop.self = loop
    expect(redactValue(loop, [custom])).toEqual({ a: { secret: '[redacted …wxyz]' }, b: { secret: '[redacted …wxyz]' }, self: '[circular]' })
  })
})

describe('redactingLogger', () => {
  const capture = () => {
    const lines: unknown[][] = []
    const logger: Logger = {
      info: (...args) => void lines.push(['info', ...args]),
      warn: (...args) => void lines.push(['warn', ...args]),
      error: (...args) => void lines.push(['error', ...args]),
    }
    return { lines, logger }
  }

  it('redacts every level, message and data, with the secrets known at the time of the line', () => {
    const { lines, logger } = capture()
    const known: string[] = []
    const log = redactingLogger(logger, () => known)
    log.info(`saving ${custom}`)
    known.push(custom)
    log.warn(`saved ${custom}`, { key: custom })
    log.error('failed', { error: new Error(`bad key ${openai}`) })
    expect(lines[0]).toEqual(['info', `saving ${custom}`]) // not known yet, and not key-shaped
    expect(lines[1]).toEqual(['warn', 'saved [redacted …wxyz]', { key: '[redacted …wxyz]' }])
    expect(JSON.stringify(lines[2])).not.toContain(openai)
  })

  it('still logs, with key shapes redacted, when the secrets cannot be listed', () => {
    const { lines, logger } = capture()
    redactingLogger(logger, () => {
      throw new Error('vault unreadable')
    }).info(`key ${openai}`)
    expect(lines).toEqual([['info', 'key [redacted …r678]']])
  })
})
