import { describe, expect, it } from 'vitest'
import { logLine } from './ports'

describe('the terminal log', () => {
  it('writes one line per entry: texts as they are, errors by their message, no object dumps', () => {
    expect(logLine('Saved')).toBe('Saved')
    const line = logLine('The keychain could not be used', { reason: 'DBus error: no bus', error: new Error('locked'), tries: 2, where: { port: 80 } })
    expect(line).toBe('The keychain could not be used (reason: DBus error: no bus, error: locked, tries: 2, where: {"port":80})')
    expect(line).not.toContain('\n')
  })
})
