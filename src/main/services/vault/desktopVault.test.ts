import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { desktopVault, type SafeStorage } from './desktopVault'
import { aesGcmCipher, keyFileCipher, SecretStore } from './secretStore'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aura-desktop-vault-'))
  dirs.push(dir)
  return dir
}

/**
 * Stands in for safeStorage, including its macOS habit of "opening" bytes without its `v10`
 * prefix by returning them unchanged.
 */
function fakeSafeStorage(backend: string, available = true): SafeStorage {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain).reverse()]),
    decryptString: (sealed) => (sealed.subarray(0, 3).toString() === 'v10' ? Buffer.from(sealed.subarray(3)).reverse().toString() : sealed.toString('latin1')),
  }
}

const key = 'sk-proj-Abc123def456ghi789jkl012mno345pqr678'

describe('the desktop vault', () => {
  it('uses safeStorage where it has a keychain, with no notice', () => {
    const dir = tempDir()
    for (const [backend, platform] of [['gnome_libsecret', 'linux'], ['kwallet6', 'linux'], ['unknown', 'darwin'], ['unknown', 'win32']] as const) {
      const { cipher, info } = desktopVault(fakeSafeStorage(backend), dir, platform)
      expect(info).toEqual({ backend: 'os_keychain', notice: null })
      expect(cipher.kind).toBe('safeStorage')
      expect(cipher.decrypt(cipher.encrypt(key))).toBe(key)
    }
  })

  it('on Linux with only basic_text, uses the key file and tells the user how to get a keychain', () => {
    const dir = tempDir()
    const { cipher, info } = desktopVault(fakeSafeStorage('basic_text'), dir, 'linux')
    expect(cipher.kind).toBe('keyFile')
    expect(info.backend).toBe('key_file')
    expect(info.notice).toBe(
      `Aura keeps your keys encrypted with a key file in ${dir} because the system keychain isn't available. Anyone who can read your files could read them. To use the system keychain, install and unlock gnome-keyring or KWallet, then restart Aura. If one is already running, start Aura with --password-store=gnome-libsecret (or kwallet5 / kwallet6).`,
    )
  })

  it('uses the key file where safeStorage is unavailable or fails to answer', () => {
    const throwing: SafeStorage = { ...fakeSafeStorage('unknown'), isEncryptionAvailable: () => { throw new Error('not ready') } }
    for (const storage of [fakeSafeStorage('unknown', false), throwing]) {
      const { info } = desktopVault(storage, tempDir(), 'darwin')
      expect(info).toEqual({ backend: 'key_file', notice: expect.stringMatching(/because the system keychain isn't available\. Anyone who can read your files could read them\.$/) })
    }
  })

  it('still opens what the key file sealed once the keychain is back', () => {
    const dir = tempDir()
    new SecretStore(dir, desktopVault(fakeSafeStorage('basic_text'), dir, 'linux').cipher).set('key:openai', key)
    const store = new SecretStore(dir, desktopVault(fakeSafeStorage('gnome_libsecret'), dir, 'linux').cipher)
    expect(store.get('key:openai')).toBe(key)
  })

  it('reads a key sealed with a vault key it does not have (the CLI with the OS keyring) as absent, not as garbage', () => {
    const dir = tempDir()
    const cliKeyring = aesGcmCipher('keyring', () => Buffer.alloc(32, 7))
    new SecretStore(dir, cliKeyring).set('key:openai', key)
    new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).set('other', 'x') // a key file exists too
    const store = new SecretStore(dir, desktopVault(fakeSafeStorage('unknown'), dir, 'darwin').cipher)
    expect(store.get('key:openai')).toBeNull()
  })
})
