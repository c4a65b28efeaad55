import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AuraError } from '../../../shared/api'
import { shapeIn } from '../../../shared/i18n'
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
    expect(withLockSync(file, 'files.whatSettings', () => 'ran')).toBe('ran')
    expect(existsSync(`${file}.lock`)).toBe(false)
    writeFileSync(`${file}.lock`, `${dead}@${hostname()} nonce`)
    expect(await withLock(file, 'files.whatConversation', async () => 'ran')).toBe('ran')
  })

  it('takes over a lock held far longer than any write (another computer, or a hung process)', () => {
    const file = tempFile()
    writeFileSync(`${file}.lock`, `1@elsewhere nonce`)
    const old = new Date(Date.now() - 60_000)
    utimesSync(`${file}.lock`, old, old)
    expect(withLockSync(file, 'files.whatSettings', () => 'ran')).toBe('ran')
  })

  it('waits for a live owner, then says plainly what was not saved', () => {
    const file = tempFile()
    writeFileSync(`${file}.lock`, `${process.ppid}@${hostname()} nonce`)
    expect(() => withLockSync(file, 'files.whatSettings', () => 'ran')).toThrow(/Another copy of Aura .* kept the settings file busy .* Try again/)
  })
  it('says what was busy in the reader’s language', async () => {
    const file = tempFile()
    writeFileSync(`${file}.lock`, `${process.ppid}@${hostname()} nonce`)
    const error = await withLock(file, 'files.whatConversation', async () => 'ran').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    expect(shapeIn(error as AuraError, 'es').message).toBe(
      'Otra copia de Aura (la app, `aura serve` o el comando `aura`) mantuvo ocupado un archivo de conversación durante más de 5 segundos, así que este cambio no se guardó. Inténtalo de nuevo en un momento.',
    )
    expect(shapeIn(error as AuraError, 'zh-CN').message).toMatch(/^另一个 Aura（应用、`aura serve` 或 `aura` 命令）占用对话文件超过 5 秒/)
  })
})
