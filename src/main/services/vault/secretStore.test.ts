import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { keyFileCipher, SecretStore } from './secretStore'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aura-vault-'))
  dirs.push(dir)
  return dir
}

describe('SecretStore with a key file', () => {
  const token = 'hf_abcdefghijklmnopqrstuvwxyz0123'

  it('keeps secrets sealed on disk, readable only by this user, and across restarts', () => {
    const dir = tempDir()
    new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).set('huggingface', token)
    expect(new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).get('huggingface')).toBe(token)
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from(token)), name).toBe(false)
      expect(statSync(join(dir, name)).mode & 0o077, name).toBe(0)
    }
  })

  it('seals the same secret differently each time (random IV)', () => {
    const dir = tempDir()
    const cipher = keyFileCipher(join(dir, 'secret.key'))
    expect(cipher.encrypt(token).equals(cipher.encrypt(token))).toBe(false)
  })

  it('forgets a secret, and reads a secret it cannot open (another key, tampering) as absent', () => {
    const dir = tempDir()
    const store = new SecretStore(dir, keyFileCipher(join(dir, 'secret.key')))
    store.set('huggingface', token)
    expect(new SecretStore(dir, keyFileCipher(join(tempDir(), 'other.key'))).get('huggingface')).toBeNull()
    const sealed = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>
    const bytes = Buffer.from(sealed.huggingface!, 'base64')
    bytes[bytes.length - 1]! ^= 1
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ huggingface: bytes.toString('base64') }))
    expect(store.get('huggingface')).toBeNull()
    store.set('huggingface', null)
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({})
  })

  it('refuses a damaged key file instead of sealing with it', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'secret.key'), 'short')
    expect(() => keyFileCipher(join(dir, 'secret.key')).encrypt(token)).toThrow(/damaged/)
  })
})
