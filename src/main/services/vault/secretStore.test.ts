import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices } from '../createServices'
import { memoryStore } from '../testing/memoryStore'
import { cipherChain, isAesSealed, keyFileCipher, SecretStore } from './secretStore'

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

describe('SecretStore: erasing, reading, and more than one cipher', () => {
  const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789'

  it('overwrites a removed or replaced secret where it lay, not just unlinks it', () => {
    const dir = tempDir()
    const store = new SecretStore(dir, keyFileCipher(join(dir, 'secret.key')))
    store.set('key:openai', key)
    store.set('huggingface', 'hf_abcdefghijklmnopqrstuvwxyz0123')
    const sealed = (JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>)['key:openai']!
    // A second name for the file's current bytes: what would be left on disk after an unlink.
    linkSync(join(dir, 'secrets.json'), join(dir, 'old-bytes'))
    store.set('key:openai', null)
    const old = readFileSync(join(dir, 'old-bytes'), 'utf8')
    expect(old).not.toContain(sealed)
    expect(JSON.parse(old)).toMatchObject({ 'key:openai': 'A'.repeat(sealed.length) })
    expect(store.get('huggingface')).toBe('hf_abcdefghijklmnopqrstuvwxyz0123')
    expect(store.names()).toEqual(['huggingface'])

    rmSync(join(dir, 'old-bytes'))
    store.set('key:openai', key)
    const first = (JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>)['key:openai']!
    linkSync(join(dir, 'secrets.json'), join(dir, 'old-bytes'))
    store.set('key:openai', `${key}-new`)
    expect(readFileSync(join(dir, 'old-bytes'), 'utf8')).not.toContain(first)
    expect(store.get('key:openai')).toBe(`${key}-new`)
  })

  it('makes the key file only when a secret is first sealed, never by reading', () => {
    const dir = tempDir()
    const store = new SecretStore(dir, keyFileCipher(join(dir, 'secret.key')))
    expect(store.get('huggingface')).toBeNull()
    expect(existsSync(join(dir, 'secret.key'))).toBe(false)
    store.set('huggingface', 'hf_abcdefghijklmnopqrstuvwxyz0123')
    expect(existsSync(join(dir, 'secret.key'))).toBe(true)
  })

  it('sees a secret another process wrote', () => {
    const dir = tempDir()
    const reader = new SecretStore(dir, keyFileCipher(join(dir, 'secret.key')))
    expect(reader.get('key:openai')).toBeNull()
    new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))).set('key:openai', key)
    expect(reader.get('key:openai')).toBe(key)
  })

  it('opens secrets sealed before the AES mark existed (iv + tag + data)', () => {
    const dir = tempDir()
    const cipher = keyFileCipher(join(dir, 'secret.key'))
    const marked = cipher.encrypt(key)
    expect(isAesSealed(marked)).toBe(true)
    expect(cipher.decrypt(marked.subarray(4))).toBe(key)
  })

  it('seals with one cipher and opens with any of several (moving to a keychain keeps old secrets)', () => {
    const dir = tempDir()
    const old = keyFileCipher(join(dir, 'old.key'))
    const fresh = keyFileCipher(join(dir, 'new.key'))
    const chain = cipherChain(fresh, [fresh, old])
    expect(chain.decrypt(old.encrypt(key))).toBe(key)
    expect(fresh.decrypt(chain.encrypt(key))).toBe(key)
    expect(() => chain.decrypt(keyFileCipher(join(dir, 'third.key')).encrypt(key))).toThrow()
  })
})

describe('SecretStore with a damaged secrets.json', () => {
  const token = 'hf_abcdefghijklmnopqrstuvwxyz0123'
  const NOW = Date.UTC(2026, 11, 6, 1, 2, 3, 4)

  it.each([
    ['a truncated file', (text: string) => text.slice(0, text.length - 7)],
    ['a garbled file', (text: string) => `\u0000${text}`],
    ['an empty file', () => ''],
    ['JSON of the wrong shape', () => '["not", "secrets"]'],
  ])('sets %s aside byte for byte and says where, instead of saving over every key in it', (_kind, damage) => {
    const dir = tempDir()
    const cipher = keyFileCipher(join(dir, 'secret.key'))
    const before = new SecretStore(dir, cipher)
    before.set('huggingface', token)
    before.set('key:openai', 'sk-proj-0123456789abcdefghij')
    const damaged = damage(readFileSync(join(dir, 'secrets.json'), 'utf8'))
    writeFileSync(join(dir, 'secrets.json'), damaged)

    const notices: string[] = []
    const store = new SecretStore(dir, cipher, { now: () => NOW, onDamaged: (movedTo) => notices.push(movedTo) })
    expect(store.get('huggingface')).toBeNull()
    store.set('key:anthropic', 'sk-ant-api03-0123456789abcdefghij') // the next save

    const copy = join(dir, 'secrets.json.damaged-2026-12-06T01-02-03-004Z')
    expect(notices).toEqual([copy])
    expect(readFileSync(copy, 'utf8')).toBe(damaged)
    expect(store.names()).toEqual(['key:anthropic'])
    // Told once, not on every read.
    store.get('key:anthropic')
    expect(notices).toHaveLength(1)
  })

  it('leaves a file it cannot read alone and saves nothing over it', () => {
    const dir = tempDir()
    // A folder where the file should be: reading fails (EISDIR) even for root, as a permission error would.
    mkdirSync(join(dir, 'secrets.json'))
    writeFileSync(join(dir, 'secrets.json', 'keep'), 'x')
    const store = new SecretStore(dir, keyFileCipher(join(dir, 'secret.key')))
    expect(store.get('huggingface')).toBeNull()
    expect(() => store.set('key:openai', 'sk-proj-0123456789abcdefghij')).toThrow(/cannot read its keys file .* saved nothing rather than lose the keys in it/)
    expect(readdirSync(join(dir, 'secrets.json'))).toEqual(['keep'])
  })
})

describe('the services with a damaged secrets.json', () => {
  it('tell the user at start that the keys file was set aside and the keys must be entered again', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'secrets.json'), '{"huggingface": "QUdWMQ')
    const services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: dir }, settingsStore: memoryStore(), env: {} })
    try {
      const info = await services.dispatch('app.info', {})
      expect(info).toMatchObject({ ok: true, data: { notices: [{ level: 'warning', message: expect.stringMatching(/saved keys file was damaged\. Aura set it aside \(.*secrets\.json\.damaged-.*\).*enter your cloud keys and Hugging Face token again/) }] } })
      expect(readdirSync(dir).filter((name) => name.startsWith('secrets.json.damaged-'))).toHaveLength(1)
    } finally {
      await services.dispose()
    }
  })
})
