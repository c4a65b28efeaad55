import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AuraError } from '../../../shared/api'
import { KeyVault, type KeyCheck } from './keyVault'
import { keyFileCipher, SecretStore } from './secretStore'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const ENV_VARS: Record<string, string[]> = {
  openai: ['OPENAI_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
}

function setup(env: Record<string, string | undefined> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'aura-keys-'))
  dirs.push(dir)
  const secrets = new SecretStore(dir, keyFileCipher(join(dir, 'secret.key')))
  let checks: Record<string, KeyCheck> = {}
  let now = 1_000
  const addresses: Record<string, string> = {}
  const vault = new KeyVault({
    secrets,
    env,
    envVars: (provider) => ENV_VARS[provider] ?? [],
    checks: {
      get: () => checks,
      set: (provider, check) => {
        const { [provider]: _old, ...rest } = checks
        checks = check ? { ...rest, [provider]: check } : rest
      },
    },
    clock: { now: () => now },
    providers: Object.keys(ENV_VARS),
    address: (provider) => addresses[provider] ?? OWN,
    ownAddress: () => OWN,
  })
  return { dir, vault, secrets, addresses, checks: () => checks, tick: (ms: number) => (now += ms) }
}

const openaiKey = 'sk-proj-Abc123def456ghi789jkl012mno345pqr678'
const envKey = 'sk-env-0000111122223333444455556666'
const OWN = 'https://api.provider.example/v1'

describe('KeyVault', () => {
  it('keeps a key sealed under key:<provider> and shows only its last 4 characters, untested', () => {
    const { dir, vault, secrets } = setup()
    expect(vault.status('openai')).toBeNull()
    expect(vault.set('openai', `  ${openaiKey}\n`)).toEqual({
      provider: 'openai',
      last4: 'r678',
      source: 'vault',
      status: 'untested',
      savedFor: 'api.provider.example',
      message: null,
      lastTestedAt: null,
    })
    // Sealed with the address it may be sent to.
    expect(secrets.get('key:openai')).toBe(`https://api.provider.example\n${openaiKey}`)
    expect(vault.key('openai')).toBe(openaiKey)
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(openaiKey)
  })

  it('refuses an empty key or one with spaces in it', () => {
    const { vault } = setup()
    expect(() => vault.set('openai', '   ')).toThrow(AuraError)
    expect(() => vault.set('openai', 'sk-abc def-ghijkl')).toThrow(/no spaces/)
  })

  it('takes a key from the conventional environment variables, the vault key first', () => {
    const { vault } = setup({ OPENAI_API_KEY: envKey, GOOGLE_GENERATIVE_AI_API_KEY: 'AIzaSyFromTheSecondVariable0123456789', ANTHROPIC_API_KEY: '  ' })
    expect(vault.status('openai')).toMatchObject({ source: 'environment', last4: '6666', status: 'untested' })
    expect(vault.key('google')).toBe('AIzaSyFromTheSecondVariable0123456789')
    expect(vault.status('anthropic')).toBeNull() // blank is not a key
    vault.set('openai', openaiKey)
    expect(vault.status('openai')).toMatchObject({ source: 'vault', last4: 'r678' })
    expect(vault.key('openai')).toBe(openaiKey)
  })

  it('records a test, and a new key resets it', () => {
    const { vault, checks, tick } = setup()
    vault.set('openai', openaiKey)
    tick(500)
    expect(vault.recordCheck('openai', { status: 'invalid', message: 'The provider did not accept this key.' })).toMatchObject({
      status: 'invalid',
      message: 'The provider did not accept this key.',
      lastTestedAt: 1_500,
    })
    expect(checks().openai).toEqual({ status: 'invalid', message: 'The provider did not accept this key.', lastTestedAt: 1_500 })
    expect(vault.set('openai', `${openaiKey}X`)).toMatchObject({ status: 'untested', message: null, lastTestedAt: null })
    expect(checks().openai).toBeUndefined()
  })

  it('drops a test result that arrives after the key it tested was replaced', () => {
    const { vault } = setup()
    vault.set('openai', openaiKey)
    vault.set('openai', `${openaiKey}X`)
    expect(vault.recordCheck('openai', { status: 'valid', message: null, key: openaiKey }).status).toBe('untested')
    expect(vault.recordCheck('openai', { status: 'valid', message: null, key: `${openaiKey}X` }).status).toBe('valid')
  })

  it('refuses to record a test for a provider without a key, and reads a damaged check as untested', () => {
    const { vault, secrets } = setup()
    expect(() => vault.recordCheck('openai', { status: 'valid', message: null })).toThrow(/no openai key/)
    vault.set('openai', openaiKey)
    const damaged = new KeyVault({ secrets, env: {}, envVars: () => [], checks: { get: () => ({ openai: { status: 'sparkly', message: 'x', lastTestedAt: 1 } }), set() {} }, address: () => OWN, ownAddress: () => OWN })
    expect(damaged.status('openai')).toMatchObject({ status: 'untested', message: null, lastTestedAt: null })
  })

  it('removes a key by erasing it, and forgets its test', () => {
    const { dir, vault, secrets, checks } = setup()
    vault.set('openai', openaiKey)
    vault.recordCheck('openai', { status: 'valid', message: null })
    vault.remove('openai')
    expect(vault.status('openai')).toBeNull()
    expect(secrets.names()).toEqual([])
    expect(checks()).toEqual({})
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toBe('{}')
    expect(() => vault.remove('openai')).not.toThrow() // nothing left to remove
  })

  it('erases a key even when this shell cannot open it (sealed by another keychain)', () => {
    const { dir, vault } = setup()
    new SecretStore(dir, keyFileCipher(join(dir, 'another.key'))).set('key:openai', openaiKey)
    vault.remove('openai')
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({})
  })

  it('will not remove a key from the environment, and says what to do instead', () => {
    const { vault } = setup({ OPENAI_API_KEY: envKey })
    vault.set('openai', openaiKey)
    vault.remove('openai') // the vault's key goes; the environment's shows through again
    expect(vault.status('openai')).toMatchObject({ source: 'environment', status: 'untested' })
    let refused: unknown
    try {
      vault.remove('openai')
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(AuraError)
    expect((refused as AuraError).message).toMatch(/environment variable OPENAI_API_KEY, so Aura cannot remove it\. Remove OPENAI_API_KEY/)
    expect(vault.key('openai')).toBe(envKey)
  })

  it('lists every secret in use for redaction: vault keys, other vault secrets, environment keys', () => {
    const { vault, secrets } = setup({ OPENAI_API_KEY: envKey, GEMINI_API_KEY: 'AIzaSyGemini0123456789abcdefghijklmnop', UNRELATED: 'not-a-key-at-all' })
    vault.set('anthropic', 'sk-ant-api03-0123456789abcdefghij')
    vault.set('server.vllm', 'gateway-secret-12345678')
    secrets.set('huggingface', 'hf_abcdefghijklmnopqrstuvwxyz0123')
    expect(vault.secrets().sort()).toEqual(
      ['sk-ant-api03-0123456789abcdefghij', 'gateway-secret-12345678', 'hf_abcdefghijklmnopqrstuvwxyz0123', envKey, 'AIzaSyGemini0123456789abcdefghijklmnop'].sort(),
    )
  })

  it('says a saved key cannot be opened on this computer (another key file, tampering, key file gone) and asks for it again', () => {
    const { dir, vault } = setup()
    new SecretStore(dir, keyFileCipher(join(dir, 'another.key'))).set('key:openai', openaiKey)
    const unreadable = { provider: 'openai', last4: '', source: 'vault', status: 'unreadable', savedFor: null, lastTestedAt: null }
    expect(vault.status('openai')).toMatchObject(unreadable)
    expect(vault.status('openai')!.message).toMatch(/can’t open the key saved here on this computer.*Enter the key again/)
    expect(vault.key('openai')).toBeNull()

    // The key file this vault seals with goes missing: the same answer, never a crash or a silent "no key".
    vault.set('anthropic', 'sk-ant-api03-0123456789abcdefghij')
    rmSync(join(dir, 'secret.key'))
    const fresh = new KeyVault({ secrets: new SecretStore(dir, keyFileCipher(join(dir, 'secret.key'))), env: {}, envVars: () => [], checks: { get: () => ({}), set() {} }, address: () => OWN, ownAddress: () => OWN })
    expect(fresh.status('anthropic')).toMatchObject({ ...unreadable, provider: 'anthropic' })
    // Pasting the key again makes it usable.
    expect(fresh.set('anthropic', 'sk-ant-api03-0123456789abcdefghij')).toMatchObject({ status: 'untested', last4: 'ghij' })
  })

  it('sends a saved key only to the address it was saved for; another address needs the key again or a confirmation', () => {
    const { vault, addresses, checks } = setup()
    vault.set('openai', openaiKey)
    vault.recordCheck('openai', { status: 'valid', message: null })
    expect(vault.key('openai')).toBe(openaiKey)
    expect(vault.key('openai', 'https://api.provider.example/v2/other')).toBe(openaiKey) // same origin, other path

    addresses.openai = 'https://my-gateway.example/v1'
    expect(vault.key('openai')).toBeNull()
    expect(vault.key('openai', 'https://my-gateway.example/v1')).toBeNull()
    expect(vault.key('openai', 'http://api.provider.example/v1')).toBeNull() // another scheme is another address
    expect(vault.status('openai')).toMatchObject({ status: 'address_changed', savedFor: 'api.provider.example', last4: 'r678', lastTestedAt: null })
    expect(vault.status('openai')!.message).toBe('This key was saved for api.provider.example. Aura will not send it to my-gateway.example unless you say so.')

    // The user says yes: bound to the new address, to be tested afresh.
    expect(vault.confirmAddress('openai')).toMatchObject({ status: 'untested', savedFor: 'my-gateway.example' })
    expect(checks().openai).toBeUndefined()
    expect(vault.key('openai')).toBe(openaiKey)
    expect(vault.key('openai', OWN)).toBeNull()

    // Or the key is pasted again for the new address.
    addresses.openai = 'https://other-gateway.example'
    expect(vault.key('openai')).toBeNull()
    vault.set('openai', openaiKey)
    expect(vault.key('openai')).toBe(openaiKey)
  })

  it('binds a key saved before binding existed, and a key from the environment, to the provider’s own address', () => {
    const { vault, secrets, addresses } = setup({ ANTHROPIC_API_KEY: envKey })
    secrets.set('key:openai', openaiKey) // an older Aura's plain entry
    expect(vault.key('openai')).toBe(openaiKey)
    addresses.openai = 'https://my-gateway.example'
    addresses.anthropic = 'https://my-gateway.example'
    expect(vault.key('openai')).toBeNull()
    expect(vault.key('anthropic')).toBeNull()
    expect(vault.status('anthropic')).toMatchObject({ status: 'address_changed', source: 'environment', savedFor: 'api.provider.example' })
    expect(() => vault.confirmAddress('anthropic')).toThrow(/key from ANTHROPIC_API_KEY only to api\.provider\.example\. Paste a key for the new address/)
    expect(vault.key('anthropic', OWN)).toBe(envKey)
  })
})
