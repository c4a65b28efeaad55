import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { VaultInfo } from '../../shared/api'
import { silentLogger, type Logger } from '../services/ports'
import { keptKeyFileNotice, noKeychainNotice } from '../services/vault/notices'
import { AES_KEY_BYTES, aesGcmCipher, cipherChain, KEY_FILE_NAME, keyFileCipher, type SecretCipher } from '../services/vault/secretStore'

/**
 * One entry in the OS keyring (macOS Keychain, Windows Credential Manager, the Secret Service on
 * Linux). Aura keeps a single random AES-256 key there — the vault key — so `secrets.json` has
 * the same format whatever holds the key.
 */
export interface Keyring {
  /** The stored value, or null when there is none; rejects when the keyring cannot be reached or is locked. */
  get(signal?: AbortSignal): Promise<string | null>
  set(value: string, signal?: AbortSignal): Promise<void>
}

export interface HostSecretCipherOptions {
  /** The keyring holding the vault key; null for none. Default: the OS keyring ({@link openSystemKeyring}). */
  keyring?: Keyring | null
  /** How long the keyring may take to answer (it may be waiting on an unlock prompt) before the key file is used. */
  timeoutMs?: number
  platform?: NodeJS.Platform
  /** Told why the keyring was not used (never any key). */
  logger?: Logger
}

export interface HostVault {
  cipher: SecretCipher
  info: VaultInfo
}

export const KEYRING_SERVICE = 'Aura'
export const KEYRING_ACCOUNT = 'vault-key'
const DEFAULT_TIMEOUT_MS = 5_000

/**
 * The host's and CLI's vault: the vault key in the OS keyring where one answers, else the AES-256-GCM
 * key file (0600) in the data folder, with a notice saying so. A key file that already exists stays
 * in use (the desktop app without a keychain, or an earlier run, sealed secrets with it); the
 * keyring's key, if there is one, still opens what it sealed.
 */
export async function createHostSecretCipher(dataDir: string, options: HostSecretCipherOptions = {}): Promise<HostVault> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, platform = process.platform, logger = silentLogger } = options
  const keyFilePath = join(dataDir, KEY_FILE_NAME)
  const keyFile = keyFileCipher(keyFilePath)

  let vaultKey: Buffer | null = null
  try {
    const keyring = options.keyring === undefined ? await withTimeout(openSystemKeyring(), timeoutMs) : options.keyring
    if (keyring) vaultKey = await readVaultKey(keyring, { create: !existsSync(keyFilePath), timeoutMs })
  } catch (error) {
    // No D-Bus or Secret Service, a locked keychain, a prompt nobody answered, no prebuilt binary for
    // this platform: all mean "use the key file". The user is told that in a sentence where keys are
    // used (`vault.info`: Cloud Keys, `aura keys`); the reason is for a maintainer (AURA_VERBOSE=1).
    logger.info('The system keychain could not be used; keys are kept with a key file', { reason: errorText(error) })
  }

  const keyring = vaultKey ? keyringCipher(vaultKey) : null
  if (existsSync(keyFilePath)) {
    return { cipher: cipherChain(keyFile, keyring ? [keyFile, keyring] : [keyFile]), info: { backend: 'key_file', notice: keptKeyFileNotice(dataDir) } }
  }
  if (keyring) return { cipher: keyring, info: { backend: 'os_keychain', notice: null } }
  // The key file is made only when a first secret is sealed: a look from a session without a
  // keychain (SSH) does not tie the vault to a key file.
  return { cipher: keyFile, info: { backend: 'key_file', notice: noKeychainNotice(dataDir, platform) } }
}

/** The OS keyring through @napi-rs/keyring; rejects where none can be reached. */
export async function openSystemKeyring(service = KEYRING_SERVICE, account = KEYRING_ACCOUNT): Promise<Keyring> {
  // Loaded here, not at import: a platform without a prebuilt binary must still run (on the key file).
  const { AsyncEntry } = await import('@napi-rs/keyring')
  // Pinned to the Secret Service: left to choose, it falls back to the kernel keyring on Linux,
  // which forgets everything at reboot — and every secret sealed with the key with it.
  // Without a session bus this throws at once (no D-Bus autolaunch in the prebuilt binary).
  const entry = new AsyncEntry(service, account, { linux: { store: 'secret-service' } })
  return {
    get: (signal) => entry.getPassword(signal),
    set: (value, signal) => entry.setPassword(value, signal),
  }
}

/** AES-256-GCM with the vault key from the keyring. */
function keyringCipher(key: Buffer): SecretCipher {
  return aesGcmCipher('keyring', () => key)
}

async function readVaultKey(keyring: Keyring, { create, timeoutMs }: { create: boolean; timeoutMs: number }): Promise<Buffer | null> {
  const stored = await withTimeout((signal) => keyring.get(signal), timeoutMs)
  if (stored !== null) return decodeKey(stored)
  if (!create) return null
  await withTimeout((signal) => keyring.set(randomBytes(AES_KEY_BYTES).toString('base64'), signal), timeoutMs)
  // Read back: proves the keyring keeps it, and if another Aura stored a key at the same moment,
  // both end up using the one that stayed.
  const kept = await withTimeout((signal) => keyring.get(signal), timeoutMs)
  if (kept === null) throw new Error('The keychain did not keep the vault key.')
  return decodeKey(kept)
}

function decodeKey(stored: string): Buffer {
  const key = Buffer.from(stored, 'base64')
  // Not overwritten: secrets sealed with whatever is there would be lost for good.
  if (key.length !== AES_KEY_BYTES) throw new Error(`The keychain entry ${KEYRING_SERVICE}/${KEYRING_ACCOUNT} does not hold a vault key.`)
  return key
}

/** Settles with `work`, or rejects after `ms` and aborts it (a keychain may wait forever on a prompt). */
async function withTimeout<T>(work: Promise<T> | ((signal: AbortSignal) => Promise<T>), ms: number): Promise<T> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Error(`The system keychain did not answer within ${Math.round(ms / 1000)} s.`))
    }, ms)
    timer.unref()
  })
  try {
    return await Promise.race([typeof work === 'function' ? work(controller.signal) : work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
