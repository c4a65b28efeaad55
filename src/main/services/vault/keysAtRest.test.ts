/**
 * Keys at rest and in the logs: save keys (vault and environment), use them in log lines the way
 * failing provider calls do, then search every file under the data folder and every log line for
 * the key bytes — in the clear, base64 and hex. None may be found.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHostSecretCipher, type Keyring } from '../../host/secretCipher'
import type { Logger } from '../ports'
import { KeyVault, type KeyCheck } from './keyVault'
import { redactingLogger } from './redact'
import { SecretStore } from './secretStore'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const keys = {
  anthropic: 'sk-ant-api03-VAULT-anthropic-0123456789abcdef',
  server: 'gateway-VAULT-no-known-shape-42424242',
  replaced: 'sk-proj-VAULT-replaced-later-0123456789ab',
  openai: 'sk-proj-VAULT-openai-final-0123456789abcd',
  hub: 'hf_VAULThuggingfaceToken0123456789',
  env: 'AIzaSyENV-google-0123456789abcdefghijklm',
  unsaved: 'xai-NEVERSAVED0123456789abcdefghij',
}

function memoryKeyring(): Keyring {
  let value: string | null = null
  return { get: async () => value, set: async (next) => void (value = next) }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const encodings = (secret: string) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]

describe.each([
  ['a key file (no keychain)', null],
  ['the OS keyring', memoryKeyring()],
])('keys at rest with %s', (_name, keyring) => {
  it('leaves no key bytes in any file under the data folder or in any log line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aura-at-rest-'))
    dirs.push(dataDir)
    // What the shells persist beside the vault: settings (the key checks live there) and a log file.
    const settingsFile = join(dataDir, 'settings.json')
    const logFile = join(dataDir, 'logs', 'aura.log')
    mkdirSync(join(dataDir, 'logs'))
    let checks: Record<string, KeyCheck> = {}
    const captured: string[] = []
    const sink: Logger = Object.fromEntries(
      (['info', 'warn', 'error'] as const).map((level) => [
        level,
        (message: string, data?: Record<string, unknown>) => {
          const line = JSON.stringify({ level, message, data })
          captured.push(line)
          appendFileSync(logFile, `${line}\n`)
        },
      ]),
    ) as unknown as Logger

    const { cipher } = await createHostSecretCipher(dataDir, { keyring })
    const secrets = new SecretStore(dataDir, cipher)
    const vault = new KeyVault({
      secrets,
      env: { GEMINI_API_KEY: keys.env },
      envVars: (provider) => (provider === 'google' ? ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'] : []),
      address: () => 'https://generativelanguage.googleapis.com/v1beta',
      ownAddress: () => 'https://generativelanguage.googleapis.com/v1beta',
      checks: {
        get: () => checks,
        set: (provider, check) => {
          const { [provider]: _old, ...rest } = checks
          checks = check ? { ...rest, [provider]: check } : rest
          writeFileSync(settingsFile, JSON.stringify({ keyChecks: checks }))
        },
      },
    })
    const log = redactingLogger(sink, () => vault.secrets())

    // Saved through the vault (the UI's and the CLI's keys.set), and the Hugging Face token beside them.
    vault.set('anthropic', keys.anthropic)
    vault.set('server.vllm', keys.server)
    vault.set('openai', keys.replaced)
    secrets.set('huggingface', keys.hub)
    log.info(`Testing the key ${keys.replaced}`)
    vault.set('openai', keys.openai) // the old key is replaced — and was logged while it was in use
    vault.recordCheck('openai', { status: 'invalid', message: 'The provider did not accept this key.' })

    // Used the way calls fail: echoed back in error messages, headers, URLs, SDK error fields, causes.
    for (const key of [keys.anthropic, keys.server, keys.openai, keys.hub, keys.env]) {
      const apiError = Object.assign(new Error(`Incorrect API key provided: ${key}`, { cause: new Error(`while sending ${key}`) }), {
        url: `https://gateway.example/v1/models?key=${key}`,
        requestBodyValues: { apiKey: key },
        responseBody: JSON.stringify({ error: { message: `Invalid key ${key}` } }),
      })
      log.error(`Request failed for ${key}`, { error: apiError, headers: { Authorization: `Bearer ${key}` }, body: Buffer.from(key) })
      log.warn('retrying', { attempt: [{ key }], note: `x-api-key: ${key}` })
    }
    log.info(`A key Aura never saw, in a provider's reply: ${keys.unsaved}`)

    vault.remove('server.vllm')
    log.info(`after removal: ${keys.anthropic}`)

    expect(vault.key('openai')).toBe(keys.openai) // the keys still work for calls
    expect(vault.key('google')).toBe(keys.env)
    expect(captured.length).toBeGreaterThan(10)
    const files = filesUnder(dataDir)
    expect(files.map((file) => file.slice(dataDir.length + 1)).sort()).toEqual(
      [...(keyring ? [] : ['secret.key']), 'logs/aura.log', 'secrets.json', 'settings.json'].map((file) => join(file)).sort(),
    )
    for (const key of Object.values(keys)) {
      for (const needle of encodings(key)) {
        for (const file of files) expect(readFileSync(file).includes(Buffer.from(needle)), `${key} in ${file}`).toBe(false)
        for (const line of captured) expect(line.includes(needle), `${key} in the log line ${line}`).toBe(false)
      }
    }
    // Lines still say which key was meant.
    expect(captured.join('\n')).toContain('[redacted …abcd]')
  })
})
