import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Notice } from '../../../shared/api'
import { SettingsService } from './settingsService'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A real `conf` file store, as the host uses. */
function storeIn(dir: string) {
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'aura-test', projectSuffix: '' })
  return { read: () => conf.store, write: (value: Record<string, unknown>) => void (conf.store = value) }
}

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'aura-settings-'))
  dirs.push(dir)
  return dir
}

describe('SettingsService', () => {
  it('starts with defaults and persists updates across restarts', () => {
    const dir = tempDir()
    const first = new SettingsService(storeIn(dir), () => {})
    expect(first.get()).toEqual(DEFAULT_SETTINGS)
    first.update({ threads: 1, lastModelId: 'stories260K' })
    const second = new SettingsService(storeIn(dir), () => {})
    expect(second.get()).toMatchObject({ threads: 1, lastModelId: 'stories260K', contextSize: 4096 })
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ threads: 1 })
  })

  it('resets only invalid fields, keeps the rest, and tells the user', () => {
    const dir = tempDir()
    storeIn(dir).write({ threads: -3, maxTokens: 'lots', contextSize: 8192 })
    const notices: Notice[] = []
    const settings = new SettingsService(storeIn(dir), (notice) => notices.push(notice))
    expect(settings.get()).toMatchObject({ threads: 'auto', maxTokens: 1024, contextSize: 8192 })
    expect(notices).toHaveLength(1)
    expect(notices[0]!.message).toMatch(/threads, maxTokens/)
  })

  it('refuses an invalid update and keeps the previous value', () => {
    const settings = new SettingsService(storeIn(tempDir()), () => {})
    expect(() => settings.update({ temperature: 5 })).toThrow()
    expect(() => settings.update({ hubUrl: 'file:///etc/passwd' })).toThrow()
    expect(settings.get()).toMatchObject({ temperature: 0.7, hubUrl: 'https://huggingface.co' })
  })
})
