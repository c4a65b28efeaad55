import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices } from '../services/createServices'
import { createHostPorts, defaultDataDir } from './ports'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('host ports', () => {
  it('sets a damaged settings file aside, starts with defaults, and tells the user', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aura-ports-'))
    dirs.push(dataDir)
    writeFileSync(join(dataDir, 'settings.json'), '{"threads": 1, "maxTok')
    const services = createServices(await createHostPorts(dataDir, '0.0.0-test', { AURA_KEYRING: 'off' }))
    const info = await services.dispatch('app.info', {})
    expect(info).toMatchObject({ ok: true, data: { notices: [{ level: 'warning', message: expect.stringMatching(/settings file was damaged/) }] } })
    expect(services.settings.get().threads).toBe('auto')
    const asideName = readdirSync(dataDir).find((name) => name.startsWith('settings.json.damaged-'))!
    expect(readFileSync(join(dataDir, asideName), 'utf8')).toBe('{"threads": 1, "maxTok')
    // The fresh file works: a change is kept.
    services.settings.update({ threads: 2 })
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ threads: 2 })
    await services.dispose()
  })

  it('uses AURA_DATA_DIR, else the folder the desktop app uses', () => {
    expect(defaultDataDir({ AURA_DATA_DIR: '/data/aura' }, 'linux')).toBe('/data/aura')
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe('/home/u/.config/Aura')
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.Aura$/)
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library.Application Support.Aura$/)
  })
})
