import { join, resolve } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, safeStorage, shell } from 'electron'
import Store from 'electron-store'
import { AuraError, type Notice, type VaultInfo } from '../../shared/api'
import { pickLanguage, say, setLanguage, words } from '../../shared/i18n'
import { systemClock, type Confirmer, type FolderOpener, type FolderPicker, type KeyValueStore, type Logger, type Paths, type Ports } from '../services/ports'
import { makePrivateDir, PRIVATE_FILE_MODE } from '../services/files'
import { quarantineDamagedJson } from '../services/settings/quarantine'
import { sharedStore } from '../services/settings/sharedStore'
import { desktopVault } from '../services/vault/desktopVault'

/**
 * Aura's data folder: `AURA_DATA_DIR` when set (tests give every run its own), else Electron's
 * per-user app data folder. With `AURA_DATA_DIR`, Electron's own profile (and so the
 * single-instance lock) moves there too, so separate data folders are separate instances.
 *
 * Call before the app is ready and before `requestSingleInstanceLock()`.
 */
export function resolveDataDir(): string {
  const fromEnv = process.env.AURA_DATA_DIR?.trim()
  if (fromEnv) app.setPath('userData', resolve(fromEnv))
  return app.getPath('userData')
}

/**
 * The Electron shell's ports: electron-store for settings, app paths and version; secrets sealed by
 * safeStorage, or a key file where Linux offers only `basic_text` (`vault` says which, and what to tell the user).
 * Async: the keychain is asked without holding the main process (a locked one may ask for a password).
 */
export async function createElectronPorts(paths: Paths, logger: Logger): Promise<Ports & { vault: VaultInfo }> {
  const { dataDir } = paths
  makePrivateDir(dataDir)
  // The notices below may come before any settings: they follow the computer's languages.
  setLanguage(pickLanguage('system', systemLanguages()))
  const startupNotices: Notice[] = []
  const settingsStore = openSettingsStore(dataDir, startupNotices, logger)
  const vault = await desktopVault(safeStorage, dataDir)
  return {
    shell: 'electron',
    version: app.getVersion(),
    paths,
    settingsStore,
    startupNotices,
    clock: systemClock,
    logger,
    folderOpener,
    folderPicker,
    confirmer,
    secretCipher: vault.cipher,
    vault: vault.info,
    systemLanguages,
  }
}

/** The computer's languages, preferred first (not only the one Chromium's UI uses). */
const systemLanguages = (): readonly string[] => app.getPreferredSystemLanguages()

/** Shows a folder in Finder / Explorer / the file manager; Electron reports failures as a string. */
const folderOpener: FolderOpener = {
  async openPath(path) {
    const failure = await shell.openPath(path)
    if (failure) throw new AuraError('internal', words('shell.cannotOpenFolder', { failure, path }))
  },
}

/** The system's folder dialog, over Aura's window: the only way the desktop app's models folder moves. */
const folderPicker: FolderPicker = {
  async pickFolder(title = say('shell.chooseModelsFolder')) {
    const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] }
    const window = BrowserWindow.getFocusedWindow()
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
}

/** A question over Aura's window, with Cancel as the default answer (Enter or Esc never says yes by accident). */
const confirmer: Confirmer = {
  async confirm({ message, detail, action }) {
    const options = { type: 'warning' as const, message, detail, buttons: ['Cancel', action], defaultId: 0, cancelId: 0, noLink: true }
    const window = BrowserWindow.getFocusedWindow()
    const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
    return result.response === 1
  },
}

function openSettingsStore(dataDir: string, notices: Notice[], logger: Logger): KeyValueStore {
  const file = join(dataDir, 'settings.json')
  try {
    // electron-store refuses to open a file that is not valid JSON: set it aside first, keep it.
    const damaged = quarantineDamagedJson(file, Date.now())
    if (damaged) {
      logger.warn('The settings file was damaged and was set aside', { movedTo: damaged.movedTo })
      notices.push({
        level: 'warning',
        message: say('shell.settingsDamaged', { movedTo: damaged.movedTo }),
      })
    }

    const store = new Store<Record<string, unknown>>({ cwd: dataDir, name: 'settings', clearInvalidConfig: false, configFileMode: PRIVATE_FILE_MODE })
    // electron-store answers a sync IPC message for renderer-side stores; Aura has none.
    ipcMain.removeAllListeners('electron-store-get-data')
    return sharedStore(store.path, {
      read: () => store.store,
      write: (value) => {
        store.store = value
      },
    })
  } catch (error) {
    // Unreadable (permissions, a folder in the way…): run on defaults rather than not at all.
    logger.error('Could not open the settings file', { file, error: String(error) })
    notices.push({
      level: 'error',
      message: say('shell.settingsUnreadable', { file }),
    })
    return memoryStore()
  }
}

function memoryStore(): KeyValueStore {
  let value: Record<string, unknown> = {}
  return {
    read: () => structuredClone(value),
    write: (next) => {
      value = structuredClone(next)
    },
  }
}
