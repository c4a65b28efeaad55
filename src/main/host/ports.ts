import { homedir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { stderrLogger, type Ports } from '../services/ports'
import { makePrivateDir, PRIVATE_FILE_MODE } from '../services/files'
import { quarantineDamagedJson } from '../services/settings/quarantine'
import { sharedStore } from '../services/settings/sharedStore'
import { createFolderOpener } from './folderOpener'
import { createHostSecretCipher } from './secretCipher'

/**
 * Where Aura keeps its data outside Electron: `AURA_DATA_DIR`, else the same folder the desktop
 * app uses (Electron's userData for "Aura"), so both see the same models and conversations.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.AURA_DATA_DIR) return env.AURA_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Aura')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Aura')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Aura')
}

/**
 * The host's and CLI's ports: `conf` for settings (a damaged file is set aside first), keys sealed
 * with a key kept in the OS keyring where one answers (else a key file). `AURA_KEYRING=off` skips
 * the keyring (tests on a developer's machine keep out of the real keychain).
 */
export async function createHostPorts(dataDir: string, version: string, env: NodeJS.ProcessEnv = process.env): Promise<Ports> {
  makePrivateDir(dataDir)
  const notices: NonNullable<Ports['startupNotices']> = []
  const damaged = quarantineDamagedJson(join(dataDir, 'settings.json'), Date.now())
  if (damaged) {
    notices.push({
      level: 'warning',
      message: `Your settings file was damaged. Aura set it aside (${damaged.movedTo}) and started with default settings.`,
    })
  }
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'aura', projectSuffix: '', configFileMode: PRIVATE_FILE_MODE })
  const vault = await createHostSecretCipher(dataDir, { logger: stderrLogger, ...(env.AURA_KEYRING === 'off' ? { keyring: null } : {}) })
  return {
    shell: 'host',
    version,
    paths: { dataDir },
    settingsStore: sharedStore(conf.path, {
      read: () => conf.store,
      write: (value) => {
        conf.store = value
      },
    }),
    startupNotices: notices,
    logger: stderrLogger,
    folderOpener: createFolderOpener(),
    secretCipher: vault.cipher,
    vault: vault.info,
    env,
  }
}
