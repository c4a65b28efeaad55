/**
 * The real OS keyring, opt-in (AURA_TEST_KEYRING=1): it writes to the user's keychain, under a
 * throwaway service name it deletes afterwards. On Linux, run it inside a session with a Secret
 * Service, e.g. `dbus-run-session -- sh -c 'echo pw | gnome-keyring-daemon --unlock --components=secrets; AURA_TEST_KEYRING=1 npx vitest run src/main/host/secretCipher.keyring.test.ts'`.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { SecretStore } from '../services/vault/secretStore'
import { createHostSecretCipher, openSystemKeyring } from './secretCipher'

describe('the host vault with the real OS keyring', () => {
  beforeEach((ctx) => {
    ctx.skip(process.env.AURA_TEST_KEYRING !== '1', "it writes to this user's keyring: set AURA_TEST_KEYRING=1 to run it (see the top of the file)")
  })

  it('keeps the vault key in the keyring, and secrets open again after a restart', async () => {
    const service = `Aura-test-${randomUUID()}`
    const dir = mkdtempSync(join(tmpdir(), 'aura-keyring-'))
    try {
      const keyring = await openSystemKeyring(service)
      const first = await createHostSecretCipher(dir, { keyring })
      expect(first.info).toEqual({ backend: 'os_keychain', notice: null })
      new SecretStore(dir, first.cipher).set('key:openai', 'sk-proj-real-keyring-test-0123456789')
      const again = await createHostSecretCipher(dir, { keyring: await openSystemKeyring(service) })
      expect(new SecretStore(dir, again.cipher).get('key:openai')).toBe('sk-proj-real-keyring-test-0123456789')
    } finally {
      rmSync(dir, { recursive: true, force: true })
      const { AsyncEntry } = await import('@napi-rs/keyring')
      await new AsyncEntry(service, 'vault-key', { linux: { store: 'secret-service' } }).deleteCredential()
    }
  })
})
