import { join } from 'node:path'
import type { VaultInfo } from '../../../shared/api'
import { desktopNoKeychainNotice } from './notices'
import { cipherChain, isAesSealed, KEY_FILE_NAME, keyFileCipher, type SecretCipher } from './secretStore'

/** The part of Electron's `safeStorage` the vault uses (a port: the services never import electron). */
export interface SafeStorage {
  isEncryptionAvailable(): boolean
  /** Linux only: 'basic_text' means a hard-coded password, i.e. no protection at all. */
  getSelectedStorageBackend?(): string
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
}

export interface Vault {
  cipher: SecretCipher
  info: VaultInfo
}

/**
 * The desktop app's vault: safeStorage (Keychain, DPAPI, libsecret / KWallet) where it has a real
 * keychain, else the key file with a notice. Either way the key file, if one exists (keys saved
 * while the keychain was away, or by the CLI without a keyring), still opens what it sealed.
 * Call after the app is ready (safeStorage asks the keychain only then).
 */
export function desktopVault(safeStorage: SafeStorage, dataDir: string, platform: NodeJS.Platform = process.platform): Vault {
  const keyFile = keyFileCipher(join(dataDir, KEY_FILE_NAME))
  if (!hasKeychain(safeStorage, platform)) {
    return { cipher: keyFile, info: { backend: 'key_file', notice: desktopNoKeychainNotice(dataDir, platform) } }
  }
  const keychain: SecretCipher = {
    kind: 'safeStorage',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => {
      // Ours (AES-GCM, e.g. sealed by the CLI with the OS keyring) but not openable here: safeStorage
      // must not see it — on macOS it "opens" bytes it did not seal by returning them unchanged.
      if (isAesSealed(sealed)) throw new Error('Sealed by another Aura vault key.')
      return safeStorage.decryptString(sealed)
    },
  }
  // The key file first: AES-GCM refuses bytes that are not its own, safeStorage may not.
  return { cipher: cipherChain(keychain, [keyFile, keychain]), info: { backend: 'os_keychain', notice: null } }
}

function hasKeychain(safeStorage: SafeStorage, platform: NodeJS.Platform): boolean {
  try {
    if (!safeStorage.isEncryptionAvailable()) return false
    return !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')
  } catch {
    return false
  }
}
