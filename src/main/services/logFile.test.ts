import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { alsoToFile } from './logFile'
import { silentLogger } from './ports'
import { redactingLogger } from './vault'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('the log file', () => {
  it('keeps every line with its time and level, redacted like any log line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-logs-'))
    dirs.push(dir)
    const file = join(dir, 'logs', 'aura.log')
    const key = 'sk-proj-Abc123def456ghi789jkl012mno345pqr678'
    const logger = redactingLogger(alsoToFile(silentLogger, file, () => new Date('2026-12-06T10:00:00Z')), () => [key])
    logger.info('Started')
    logger.error('The AI engine could not start', { error: `libc.so.6: version GLIBC_2.38 not found; key ${key}` })
    const text = readFileSync(file, 'utf8')
    expect(text).toBe(
      '2026-12-06T10:00:00.000Z info Started\n' +
        '2026-12-06T10:00:00.000Z error The AI engine could not start (error: libc.so.6: version GLIBC_2.38 not found; key [redacted …r678])\n',
    )
  })

  it('moves a full log aside, and never stops Aura when it cannot write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-logs-'))
    dirs.push(dir)
    const file = join(dir, 'aura.log')
    writeFileSync(file, 'x'.repeat(2 * 1024 * 1024 + 1))
    alsoToFile(silentLogger, file).warn('fresh')
    expect(readFileSync(file, 'utf8')).toMatch(/ warn fresh\n$/)
    expect(readFileSync(`${file}.old`, 'utf8')).toHaveLength(2 * 1024 * 1024 + 1)
    expect(() => alsoToFile(silentLogger, join(file, 'not-a-folder', 'aura.log')).error('lost')).not.toThrow()
  })
})
