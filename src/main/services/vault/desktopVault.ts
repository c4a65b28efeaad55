import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { VaultInfo } from '../../../shared/api'
import { makePrivateDir, PRIVATE_FILE_MODE } from '../files'
import { desktopNoKeychainNotice } from './notices'
import { AES_KEY_BYTES, aesGcmCipher, cipherChain, isAesSealed, KEY_FILE_NAME, keyFileCipher, type SecretCipher } from './secretStore'

/**
 * The part of Electron's `safeStorage` the vault uses (a port: the services never import electron).
 * Only the async API: the synchronous one is deprecated in Electron 45 and removed in 46, and it
 * held the main process while a locked keychain asked for its password.
 */
export interface SafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>
  /** Linux only: 'basic_text' means a hard-coded password, i.e. no protection at all. */
  getSelectedStorageBackend?(): string
  encryptStringAsync(plain: string): Promise<Buffer>
  decryptStringAsync(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

export interface Vault {
  cipher: SecretCipher
  info: VaultInfo
}

/** The vault's own AES key, sealed by the keychain: secrets are sealed with it, synchronously. */
export const KEYCHAIN_KEY_FILE = 'secret.keychain'
const SECRETS_FILE = 'secrets.json'

/**
 * The desktop app's vault: the OS keychain (Keychain, DPAPI, libsecret / KWallet) through
 * safeStorage where there is a real one, else the key file with a notice. The keychain seals one
 * random AES key (`secret.keychain`), opened once per start without blocking; secrets are sealed
 * with that key. Also opened: what the key file sealed (keys saved while the keychain was away,
 * or by the CLI without a keyring) and what safeStorage's synchronous API sealed (Aura before
 * Electron 46), read once here. Call after the app is ready.
 */
export async function desktopVault(safeStorage: SafeStorage, dataDir: string, platform: NodeJS.Platform = process.platform): Promise<Vault> {
  const keyFile = keyFileCipher(join(dataDir, KEY_FILE_NAME))
  const noKeychain = (): Vault => ({ cipher: keyFile, info: { backend: 'key_file', notice: desktopNoKeychainNotice(dataDir, platform) } })
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return noKeychain()
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return noKeychain()
    const key = await keychainKey(safeStorage, join(dataDir, KEYCHAIN_KEY_FILE))
    const keychain = aesGcmCipher('safeStorage', () => key)
    const earlier = await openedBySafeStorage(safeStorage, join(dataDir, SECRETS_FILE))
    // AES-GCM first (the key file's, then ours): they refuse bytes that are not theirs.
    return { cipher: cipherChain(keychain, [keyFile, keychain, earlier]), info: { backend: 'os_keychain', notice: null } }
  } catch {
    return noKeychain()
  }
}

/** The vault key: opened from `file`, or made and sealed there the first time. */
async function keychainKey(safeStorage: SafeStorage, file: string): Promise<Buffer> {
  let sealed: Buffer | null = null
  try {
    sealed = readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (sealed) {
    const key = Buffer.from((await safeStorage.decryptStringAsync(sealed)).result, 'base64')
    if (key.length !== AES_KEY_BYTES) throw new Error('The keychain did not open the vault key.')
    return key
  }
  const key = randomBytes(AES_KEY_BYTES)
  makePrivateDir(join(file, '..'))
  writeFileSync(file, await safeStorage.encryptStringAsync(key.toString('base64')), { mode: PRIVATE_FILE_MODE, flag: 'wx' })
  return key
}

/**
 * Secrets safeStorage sealed itself (before the vault key), opened now with the async API and
 * answered from memory. Bytes ours (AES-GCM) are never given to it: on macOS safeStorage "opens"
 * bytes it did not seal by returning them unchanged.
 */
async function openedBySafeStorage(safeStorage: SafeStorage, secretsFile: string): Promise<SecretCipher> {
  const opened = new Map<string, string>()
  let sealed: Record<string, unknown> = {}
  try {
    sealed = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, unknown>
  } catch {
    // none yet, or damaged: the secret store sets a damaged file aside
  }
  for (const value of Object.values(sealed ?? {})) {
    if (typeof value !== 'string' || isAesSealed(Buffer.from(value, 'base64'))) continue
    try {
      opened.set(value, (await safeStorage.decryptStringAsync(Buffer.from(value, 'base64'))).result)
    } catch {
      // sealed on another computer or by another user: reads as absent
    }
  }
  return {
    kind: 'safeStorage',
    encrypt: () => {
      throw new Error('Only opens what safeStorage sealed earlier.')
    },
    decrypt: (bytes) => {
      const plain = opened.get(bytes.toString('base64'))
      if (plain === undefined) throw new Error('Not sealed by safeStorage on this computer.')
      return plain
    },
  }
}
