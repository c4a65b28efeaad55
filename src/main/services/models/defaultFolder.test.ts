import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, win32 } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultModelsDir } from './defaultFolder'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aura-models-default-'))
  dirs.push(dir)
  return dir
}

describe('the default models folder', () => {
  const roaming = 'C:\\Users\\ana\\AppData\\Roaming\\Aura'
  const env = { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }

  it('on Windows is in local app data, not the roaming profile (models are gigabytes)', () => {
    expect(defaultModelsDir(roaming, 'win32', env)).toBe(win32.join(env.LOCALAPPDATA, 'Aura', 'models'))
    expect(defaultModelsDir(roaming, 'win32', { USERPROFILE: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Local\\Aura\\models')
  })

  it('on Windows stays where an earlier Aura put models, so none go missing', () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'models'))
    writeFileSync(join(dataDir, 'models', 'a.gguf'), 'x')
    expect(defaultModelsDir(dataDir, 'win32', env)).toBe(join(dataDir, 'models'))
  })

  it('is inside the data folder on macOS and Linux, and wherever AURA_DATA_DIR puts the data', () => {
    expect(defaultModelsDir('/home/ana/.config/Aura', 'linux', {})).toBe(join('/home/ana/.config/Aura', 'models'))
    expect(defaultModelsDir('/Users/ana/Library/Application Support/Aura', 'darwin', {})).toBe(join('/Users/ana/Library/Application Support/Aura', 'models'))
    expect(defaultModelsDir('D:\\aura-test', 'win32', { ...env, AURA_DATA_DIR: 'D:\\aura-test' })).toBe(join('D:\\aura-test', 'models'))
  })
})
