import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { desktopVault, KEYCHAIN_KEY_FILE, type SafeStorage } from './desktopVault'
import { aesGcmCipher, keyFileCipher, SecretStore, type SecretCipher } from './secretStore'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aura-desktop-vault-'))
  dirs.push(dir)
  return dir
}

/** safeStorage's format in this stand-in: `v10` and the bytes reversed (the same for its sync and async API). */
const seal = (plain: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain).reverse()])
const open = (sealed: Buffer) => (sealed.subarray(0, 3).toString() === 'v10' ? Buffer.from(sealed.subarray(3)).reverse().toString() : sealed.toString('latin1'))

/**
 * Stands in for Electron 45's safeStorage async API, including its macOS habit of "opening" bytes
 * without its `v10` prefix by returning them unchanged. Counts the calls.
 */
function fakeSafeStorage(backend: string, available = true) {
  const calls = { encrypt: 0, decrypt: 0 }
  const storage: SafeStorage = {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain) => {
      calls.encrypt++
      return seal(plain)
    },
    decryptStringAsync: async (sealed) => {
      calls.decrypt++
      return { result: open(sealed), shouldReEncrypt: false }
    },
  }
  return Object.assign(storage, { calls })
}

/** What Aura before the async API sealed with: safeStorage.encryptString, straight into secrets.json. */
const syncSafeStorageCipher: SecretCipher = { kind: 'safeStorage', encrypt: seal, decrypt: open }

const key = 'sk-proj-Abc123def456ghi789jkl012mno345pqr678'

describe('the desktop vault', () => {
  it('uses the keychain where there is one, with no notice', async () => {
    for (const [backend, platform] of [['gnome_libsecret', 'linux'], ['kwallet6', 'linux'], ['unknown', 'darwin'], ['unknown', 'win32']] as const) {
      const dir = tempDir()
      const { cipher, info } = await desktopVault(fakeSafeStorage(backend), dir, platform)
      expect(info).toEqual({ backend: 'os_keychain', notice: null })
      expect(cipher.kind).toBe('safeStorage')
      expect(cipher.decrypt(cipher.encrypt(key))).toBe(key)
    }
  })

  it('still opens the keys the synchronous safeStorage API sealed (Aura before Electron 46)', async () => {
    const dir = tempDir()
    new SecretStore(dir, syncSafeStorageCipher).set('key:openai', key)
    const storage = fakeSafeStorage('gnome_libsecret')
    const store = new SecretStore(dir, (await desktopVault(storage, dir, 'linux')).cipher)
    expect(store.get('key:openai')).toBe(key)
    // A key saved now, and the old one, both open in the next session.
    store.set('key:anthropic', 'sk-ant-api03-xyz')
    const next = new SecretStore(dir, (await desktopVault(fakeSafeStorage('gnome_libsecret'), dir, 'linux')).cipher)
    expect([next.get('key:openai'), next.get('key:anthropic')]).toEqual([key, 'sk-ant-api03-xyz'])
  })

  it('asks the keychain once per start, not per key: one key of its own seals the rest', async () => {
    const dir = tempDir()
    const first = fakeSafeStorage('unknown')
    const store = new SecretStore(dir, (await desktopVault(first, dir, 'darwin')).cipher)
    for (const name of ['a', 'b', 'c']) store.set(name, key)
    expect(first.calls).toEqual({ encrypt: 1, decrypt: 0 })
    expect(existsSync(join(dir, KEYCHAIN_KEY_FILE))).toBe(true)
    const again = fakeSafeStorage('unknown')
    const reopened = new SecretStore(dir, (await desktopVault(again, dir, 'darwin')).cipher)
    expect(['a', 'b', 'c'].map((name) => reopened.get(name))).toEqual([key, key, key])
    expect(again.calls).toEqual({ encrypt: 0, decrypt: 1 })
  })

  it('on Linux with only basic_text, uses the key file and tells the user how to get a keychain', async () => {
    const dir = tempDir()
    const { cipher, info } = await desktopVault(fakeSafeStorage('basic_text'), dir, 'linux')
    expect(cipher.kind).toBe('keyFile')
    expect(info.backend).toBe('key_file')
    expect(info.notice).toBe(
      `Aura keeps your keys encrypted with a key file in ${dir} because the system keychain isn't available. Anyone who can read your files could read them. To use the system keychain, install and unlock gnome-keyring or KWallet, then restart Aura. If one is already running, start Aura with --password-store=gnome-libsecret (or kwallet5 / kwallet6).`,
    )
  })

  it('uses the key file where safeStorage is unavailable or fails to answer', async () => {
    const throwing: SafeStorage = { ...fakeSafeStorage('unknown'), isAsyncEncryptionAvailable: () => Promise.reject(new Error('not ready')) }
    const refusing: SafeStorage = { ...fakeSafeStorage('unknown'), encryptStringAsync: () => Promise.reject(new Error('Keychain locked')) }
    for (const storage of [fakeSafeStorage('unknown', false), throwing, refusing]) {
      const { info } = await desktopVault(storage, tempDir(), 'darwin')
      expect(info).toEqual({ backend: 'key_file', notice: expect.stringMatching(/because the system keychain isn't available\. Anyone who can read your files could read them\.$/) })
    }
  })

  it('still opens what the key file sealed once the keychain is back', async () => {
    const dir = tempDir()
    new SecretStore(dir, (await desktopVault(fakeSafeStorage('basic_text'), dir, 'linux')).cipher).set('key:openai', key)
    const store = new SecretStore(dir, (await desktopVault(fakeSafeStorage('gnome_libsecret'), dir, 'linux')).cipher)
    expect(store.get('key:openai')).toBe(key)
  })

  it('reads a key sealed with a vault key it does not have (the CLI with the OS keyring) as absent, not as garbage', async () => {
    const dir = tempDir()
    const cliKeyring = aesGcmCipher('keyring', () => Buffer.alloc(32, 7))
    new SecretStore(dir, cliKeyring).set('key:openai', key)
    new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).set('other', 'x') // a key file exists too
    const store = new SecretStore(dir, (await desktopVault(fakeSafeStorage('unknown'), dir, 'darwin')).cipher)
    expect(store.get('key:openai')).toBeNull()
  })
})
