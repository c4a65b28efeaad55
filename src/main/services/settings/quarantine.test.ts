import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { quarantineDamagedJson } from './quarantine'

const NOW = Date.UTC(2025, 10, 21, 23, 56, 7, 89)

describe('quarantineDamagedJson', () => {
  let dir: string
  let file: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aura-quarantine-'))
    file = join(dir, 'settings.json')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('leaves a valid JSON file untouched', () => {
    const text = '{\n  "threads": 1,\n  "temperature": 0.2\n}\n'
    writeFileSync(file, text)

    expect(quarantineDamagedJson(file, NOW)).toBeNull()
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it('returns null when the file does not exist', () => {
    expect(quarantineDamagedJson(file, NOW)).toBeNull()
    expect(readdirSync(dir)).toEqual([])
  })

  it.each([
    ['garbled', 'threads = 4 \u0000\u00ff not json'],
    ['truncated', '{"threads": 1, "temperature": 0.'],
    ['empty', ''],
  ])('moves a %s file aside with its content preserved', (_kind, text) => {
    writeFileSync(file, text)

    const result = quarantineDamagedJson(file, NOW)

    expect(result).not.toBeNull()
    const movedTo = result!.movedTo
    expect(dirname(movedTo)).toBe(dir)
    expect(basename(movedTo)).toBe('settings.json.damaged-2025-11-21T23-56-07-089Z')
    expect(readFileSync(movedTo, 'utf8')).toBe(text)
    expect(readdirSync(dir)).toEqual([basename(movedTo)])
  })

  it('never overwrites an earlier damaged copy', () => {
    writeFileSync(file, '{first')
    const first = quarantineDamagedJson(file, NOW)!.movedTo
    writeFileSync(file, '{second')
    const second = quarantineDamagedJson(file, NOW)!.movedTo

    expect(second).not.toBe(first)
    expect(readFileSync(first, 'utf8')).toBe('{first')
    expect(readFileSync(second, 'utf8')).toBe('{second')
    expect(readdirSync(dir).sort()).toEqual([basename(first), basename(second)].sort())
  })

  it('throws on errors other than a missing file', () => {
    // A directory where the file should be: reading it fails with EISDIR, which is not "damaged".
    expect(() => quarantineDamagedJson(dir, NOW)).toThrow()
  })
})
