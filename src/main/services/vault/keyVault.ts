import { AuraError, KeyCheckStatusSchema, PROVIDER_IDS, type KeyCheckStatus, type KeyStatus } from '../../../shared/api'
import { systemClock, type Clock } from '../ports'
import type { SecretStore } from './secretStore'

/** The last test of a provider's key, as kept in settings (`settings.keyChecks`); never the key. */
export interface KeyCheck {
  status: string
  message: string | null
  lastTestedAt: number
}

export interface KeyChecks {
  get(): Record<string, KeyCheck>
  /** null forgets the check (a new or removed key has not been tested). */
  set(provider: string, check: KeyCheck | null): void
}

export interface KeyVaultOptions {
  secrets: SecretStore
  /** Where keys "from environment" are read (process.env in the shells). */
  env: Record<string, string | undefined>
  /** The conventional variables for a provider's key, first wins (e.g. GEMINI_API_KEY, GOOGLE_GENERATIVE_AI_API_KEY). */
  envVars(provider: string): string[]
  checks: KeyChecks
  clock?: Clock
  /** Providers whose environment keys {@link KeyVault.secrets} lists; the cloud providers by default. */
  providers?: readonly string[]
}

/** The name a provider's key is stored under in the SecretStore. */
export const keySecretName = (provider: string): string => `key:${provider}`

interface FoundKey {
  key: string
  source: KeyStatus['source']
  envVar: string | null
}

/**
 * API keys: the user's own, sealed in the SecretStore, or taken from the conventional environment
 * variables. The page only ever learns {@link KeyStatus} (last 4 characters, where it came from,
 * the last test); the key itself leaves here only to call the provider.
 */
export class KeyVault {
  private readonly clock: Clock

  constructor(private readonly options: KeyVaultOptions) {
    this.clock = options.clock ?? systemClock
  }

  /** The key to call `provider` with: the vault's first (the user chose it in Aura), else the environment's. */
  key(provider: string): string | null {
    return this.find(provider)?.key ?? null
  }

  status(provider: string): KeyStatus | null {
    const found = this.find(provider)
    if (!found) return null
    const check = this.options.checks.get()[provider]
    const status = KeyCheckStatusSchema.safeParse(check?.status)
    return {
      provider,
      last4: found.key.slice(-4),
      source: found.source,
      status: check && status.success ? status.data : 'untested',
      message: check && status.success ? check.message : null,
      lastTestedAt: check && status.success ? check.lastTestedAt : null,
    }
  }

  /** Keeps `key`, sealed; a new key has not been tested, whatever the last one's result was. */
  set(provider: string, key: string): KeyStatus {
    const value = key.trim()
    if (value.length === 0) throw new AuraError('invalid_input', 'The key is empty. Paste the whole key.')
    if (/\s/.test(value)) throw new AuraError('invalid_input', 'A key has no spaces or line breaks. Paste the key alone.')
    this.options.secrets.set(keySecretName(provider), value)
    this.options.checks.set(provider, null)
    return this.status(provider)!
  }

  /**
   * Erases the vault's key (its sealed bytes are overwritten). A key from the environment is not
   * Aura's to erase: asking to remove one is refused with what the user can do instead.
   */
  remove(provider: string): void {
    const name = keySecretName(provider)
    // Erase even a key this shell cannot open (e.g. sealed by another keychain): "remove" means gone.
    if (this.options.secrets.names().includes(name)) {
      this.options.secrets.set(name, null)
      this.options.checks.set(provider, null)
      return
    }
    const fromEnv = this.fromEnvironment(provider)
    if (fromEnv) {
      throw new AuraError(
        'invalid_input',
        `This key comes from the environment variable ${fromEnv.envVar}, so Aura cannot remove it. Remove ${fromEnv.envVar} from your environment (for example your shell profile) and restart Aura.`,
        { provider, envVar: fromEnv.envVar },
      )
    }
    this.options.checks.set(provider, null)
  }

  /**
   * Keeps the result of testing the key. With `key` (the key that was tested), a result that
   * arrives after the key was replaced is dropped rather than pinned on the new key.
   */
  recordCheck(provider: string, check: { status: KeyCheckStatus; message: string | null; key?: string }): KeyStatus {
    const current = this.find(provider)
    if (!current) throw new AuraError('not_found', `There is no ${provider} key to test. Add one first.`, { provider })
    if (check.key === undefined || check.key === current.key) {
      this.options.checks.set(provider, { status: check.status, message: check.message, lastTestedAt: this.clock.now() })
    }
    return this.status(provider)!
  }

  /**
   * Every secret value in use — all the vault holds (API keys, the Hugging Face token) and the
   * environment's keys — so the logger can redact them.
   */
  secrets(): string[] {
    const { secrets, providers = PROVIDER_IDS } = this.options
    const values = secrets.names().map((name) => secrets.get(name))
    for (const provider of providers) values.push(this.fromEnvironment(provider)?.key ?? null)
    return values.filter((value): value is string => Boolean(value))
  }

  private find(provider: string): FoundKey | null {
    const saved = this.options.secrets.get(keySecretName(provider))
    if (saved) return { key: saved, source: 'vault', envVar: null }
    return this.fromEnvironment(provider)
  }

  private fromEnvironment(provider: string): (FoundKey & { envVar: string }) | null {
    for (const envVar of this.options.envVars(provider)) {
      const value = this.options.env[envVar]?.trim()
      if (value) return { key: value, source: 'environment', envVar }
    }
    return null
  }
}
