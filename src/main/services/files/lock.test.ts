import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { withLock, withLockSync } from './lock'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function tempFile() {
  const dir = mkdtempSync(join(tmpdir(), 'aura-lock-'))
  dirs.push(dir)
  return join(dir, 'settings.json')
}

describe('the cross-process lock', () => {
  it('takes over a lock whose owner died on this computer, and removes its own when done', async () => {
    const file = tempFile()
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
    writeFileSync(`${file}.lock`, `${dead}@${hostname()} nonce`)
    expect(withLockSync(file, 'the settings file', () => 'ran')).toBe('ran')
    expect(existsSync(`${file}.lock`)).toBe(false)
    writeFileSync(`${file}.lock`, `${dead}@${hostname()} nonce`)
    expect(await withLock(file, 'a conversation file', async () => 'ran')).toBe('ran')
  })

  it('takes over a lock held far longer than any write (another computer, or a hung process)', () => {
    const file = tempFile()
    writeFileSync(`${file}.lock`, `1@elsewhere nonce`)
    const old = new Date(Date.now() - 60_000)
    utimesSync(`${file}.lock`, old, old)
    expect(withLockSync(file, 'the settings file', () => 'ran')).toBe('ran')
  })

  it('waits for a live owner, then says plainly what was not saved', () => {
    const file = tempFile()
    writeFileSync(`${file}.lock`, `${process.ppid}@${hostname()} nonce`)
    expect(() => withLockSync(file, 'the settings file', () => 'ran')).toThrow(/Another copy of Aura .* kept the settings file busy .* Try again/)
  })
})
