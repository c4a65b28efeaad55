import { readdirSync } from 'node:fs'
import { join, win32 } from 'node:path'

/**
 * Where models go when the user has not chosen a folder. On Windows the data folder is in the
 * roaming profile (%APPDATA%), which a company network may copy at every sign-in: multi-GB models
 * belong in local app data (%LOCALAPPDATA%\Aura\models) — unless an earlier Aura already keeps
 * models in the data folder (they stay found there), or AURA_DATA_DIR moved all the data (tests).
 */
export function defaultModelsDir(dataDir: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const inData = join(dataDir, 'models')
  if (platform !== 'win32' || env.AURA_DATA_DIR?.trim() || hasEntries(inData)) return inData
  const local = env.LOCALAPPDATA ?? win32.join(env.USERPROFILE ?? 'C:\\Users\\Default', 'AppData', 'Local')
  return win32.join(local, 'Aura', 'models')
}

function hasEntries(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0
  } catch {
    return false
  }
}
