import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../services/ports'
import { keyFileCipher, SecretStore } from '../services/vault/secretStore'
import { createHostSecretCipher, type Keyring } from './secretCipher'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aura-host-vault-'))
  dirs.push(dir)
  return dir
}

/** A keyring kept in memory: the same two calls the OS keyring answers. */
class MemoryKeyring implements Keyring {
  value: string | null = null
  calls: string[] = []
  async get() {
    this.calls.push('get')
    return this.value
  }
  async set(value: string) {
    this.calls.push('set')
    this.value = value
  }
}

/** What the vault logged for a maintainer (info), and what it would have shown the user on stderr (warn). */
const warnings = () => {
  const lines: [string, Record<string, unknown> | undefined][] = []
  const warned: string[] = []
  const logger: Logger = { info: (message, data) => void lines.push([message, data]), warn: (message) => void warned.push(message), error() {} }
  return { lines, warned, logger }
}

const key = 'sk-proj-Abc123def456ghi789jkl012mno345pqr678'
const noSessionBus = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS

describe('the host vault', () => {
  it('falls back to the key file, with a notice, where no keyring is reachable (a Linux machine without D-Bus)', async (ctx) => {
    ctx.skip(!noSessionBus, 'a keyring may be reachable here: this needs Linux without a D-Bus session bus')
    const dir = tempDir()
    const { lines, warned, logger } = warnings()
    const { cipher, info } = await createHostSecretCipher(dir, { logger })
    expect(info).toEqual({
      backend: 'key_file',
      notice: `Aura keeps your keys encrypted with a key file in ${dir} because no system keychain was reachable. Anyone who can read your files could read them. To use the system keychain, install and unlock gnome-keyring or KWallet, then restart Aura.`,
    })
    // The reason is for a maintainer (AURA_VERBOSE=1); the user gets the notice, where keys are used.
    expect(lines).toEqual([['The system keychain could not be used; keys are kept with a key file', { reason: expect.stringMatching(/DBus|D-Bus/i) }]])
    expect(warned).toEqual([])
    // Only sealing makes the key file, and it is the user's alone.
    const store = new SecretStore(dir, cipher)
    expect(store.get('key:openai')).toBeNull()
    expect(existsSync(join(dir, 'secret.key'))).toBe(false)
    store.set('key:openai', key)
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(key)
    // Next start: the existing key file keeps opening it.
    const again = await createHostSecretCipher(dir, { logger })
    expect(again.info.backend).toBe('key_file')
    expect(new SecretStore(dir, again.cipher).get('key:openai')).toBe(key)
  })

  it('keeps a random vault key in the keyring and seals with it; no key file, no notice', async () => {
    const dir = tempDir()
    const keyring = new MemoryKeyring()
    const { cipher, info } = await createHostSecretCipher(dir, { keyring })
    expect(info).toEqual({ backend: 'os_keychain', notice: null })
    expect(Buffer.from(keyring.value!, 'base64')).toHaveLength(32)
    new SecretStore(dir, cipher).set('key:openai', key)
    expect(existsSync(join(dir, 'secret.key'))).toBe(false)
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(key)
    expect(keyring.value).not.toContain(key)

    const restarted = await createHostSecretCipher(dir, { keyring })
    expect(new SecretStore(dir, restarted.cipher).get('key:openai')).toBe(key)
    expect(keyring.calls).toEqual(['get', 'set', 'get', 'get']) // one key, made once, read back
    // Another keyring (another user, a reset keychain) opens nothing.
    const stranger = await createHostSecretCipher(dir, { keyring: new MemoryKeyring() })
    expect(new SecretStore(dir, stranger.cipher).get('key:openai')).toBeNull()
  })

  it('uses the key file when the keyring refuses (locked) or never answers (a prompt nobody saw)', async () => {
    const locked: Keyring = { get: () => Promise.reject(new Error('Platform failure: the collection is locked')), set: () => Promise.reject(new Error('locked')) }
    const silent: Keyring = { get: () => new Promise(() => {}), set: () => new Promise(() => {}) }
    for (const keyring of [locked, silent]) {
      const dir = tempDir()
      const { lines, logger } = warnings()
      const started = Date.now()
      const { info } = await createHostSecretCipher(dir, { keyring, timeoutMs: 100, logger, platform: 'darwin' })
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(info).toEqual({ backend: 'key_file', notice: expect.stringMatching(/^Aura keeps your keys encrypted with a key file in .* because no system keychain was reachable\. Anyone who can read your files could read them\.$/) })
      expect(lines[0]![1]).toEqual({ reason: expect.stringMatching(/locked|did not answer within/) })
    }
  })

  it('keeps using a key file that already exists, and still opens what the keyring sealed', async () => {
    const dir = tempDir()
    const keyring = new MemoryKeyring()
    const first = await createHostSecretCipher(dir, { keyring })
    new SecretStore(dir, first.cipher).set('key:anthropic', 'sk-ant-sealed-with-the-keyring-0123')
    // The desktop app without a keychain (or an older Aura) sealed a secret with the key file.
    new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).set('huggingface', 'hf_sealedWithTheKeyFile0123456789')

    const { cipher, info } = await createHostSecretCipher(dir, { keyring })
    expect(info).toEqual({ backend: 'key_file', notice: expect.stringMatching(/key file in .*, made when no system keychain was reachable; it keeps using it so the keys saved with it stay readable/) })
    const store = new SecretStore(dir, cipher)
    expect(store.get('huggingface')).toBe('hf_sealedWithTheKeyFile0123456789')
    expect(store.get('key:anthropic')).toBe('sk-ant-sealed-with-the-keyring-0123')
    store.set('key:openai', key)
    expect(new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).get('key:openai')).toBe(key)
  })

  it('with a key file in place, does not put a new key into an empty keyring', async () => {
    const dir = tempDir()
    new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).set('huggingface', 'hf_sealedWithTheKeyFile0123456789')
    const keyring = new MemoryKeyring()
    await createHostSecretCipher(dir, { keyring })
    expect(keyring.value).toBeNull()
  })

  it('never overwrites a keyring entry that does not hold a vault key, and never trusts a keyring that forgets', async () => {
    const damaged = new MemoryKeyring()
    damaged.value = 'not a key'
    const forgetful: Keyring = { get: async () => null, set: async () => {} }
    for (const keyring of [damaged, forgetful]) {
      const { info } = await createHostSecretCipher(tempDir(), { keyring })
      expect(info.backend).toBe('key_file')
    }
    expect(damaged.value).toBe('not a key')
  })

  it('can be told to use no keyring at all', async () => {
    const { info } = await createHostSecretCipher(tempDir(), { keyring: null, platform: 'win32' })
    expect(info.backend).toBe('key_file')
  })
})
