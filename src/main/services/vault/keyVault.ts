import { AuraError, KeyCheckStatusSchema, PROVIDER_IDS, type KeyCheckStatus, type KeyStatus } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { systemClock, type Clock } from '../ports'
import { hostOf, originOf, readBound, writeBound } from './boundSecret'
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
  /** Where a provider's requests go now (the settings' or the environment's base URL, a server's address). */
  address(provider: string): string
  /**
   * Where a key may go without asking: a key from the environment, or one saved before keys were
   * bound to an address, goes only here (the provider's own address, or the environment's override).
   */
  ownAddress(provider: string): string
}

/** The name a provider's key is stored under in the SecretStore. */
export const keySecretName = (provider: string): string => `key:${provider}`

interface FoundKey {
  key: string
  source: KeyStatus['source']
  envVar: string | null
  /** The origin the key may be sent to. */
  origin: string
}

/**
 * API keys: the user's own, sealed in the SecretStore, or taken from the conventional environment
 * variables. The page only ever learns {@link KeyStatus} (last 4 characters, where it came from,
 * the last test); the key itself leaves here only to call the provider — and only at the address
 * it was saved for: a changed base URL needs the key again or {@link KeyVault.confirmAddress}.
 */
export class KeyVault {
  private readonly clock: Clock

  constructor(private readonly options: KeyVaultOptions) {
    this.clock = options.clock ?? systemClock
  }

  /**
   * The key to send to `address` (default: where the provider's requests go now) — the vault's
   * first (the user chose it in Aura), else the environment's; null when there is none, or when
   * it was saved for another address.
   */
  key(provider: string, address = this.options.address(provider)): string | null {
    const found = this.find(provider)
    return found && found.origin === originOf(address) ? found.key : null
  }

  status(provider: string): KeyStatus | null {
    const found = this.find(provider)
    if (!found) {
      if (!this.unreadable(provider)) return null
      return {
        provider,
        last4: '',
        source: 'vault',
        status: 'unreadable',
        savedFor: null,
        message: 'Aura can’t open the key saved here on this computer (it was saved by another computer or keychain, or Aura’s key file is gone). Enter the key again.',
        lastTestedAt: null,
      }
    }
    const savedFor = hostOf(found.origin)
    const sendTo = this.options.address(provider)
    if (found.origin !== originOf(sendTo)) {
      return {
        provider,
        last4: found.key.slice(-4),
        source: found.source,
        status: 'address_changed',
        savedFor,
        message:
          found.source === 'environment'
            ? `This key from ${found.envVar} is only sent to ${savedFor}. To use ${hostOf(sendTo)}, paste a key for it here.`
            : `This key was saved for ${savedFor}. Aura will not send it to ${hostOf(sendTo)} unless you say so.`,
        lastTestedAt: null,
      }
    }
    const check = this.options.checks.get()[provider]
    const status = KeyCheckStatusSchema.safeParse(check?.status)
    return {
      provider,
      last4: found.key.slice(-4),
      source: found.source,
      status: check && status.success ? status.data : 'untested',
      savedFor,
      message: check && status.success ? check.message : null,
      lastTestedAt: check && status.success ? check.lastTestedAt : null,
    }
  }

  /** Keeps `key`, sealed, bound to where the provider's requests go now; a new key has not been tested. */
  set(provider: string, key: string): KeyStatus {
    const value = key.trim()
    if (value.length === 0) throw new AuraError('invalid_input', words('keys.empty'))
    if (/\s/.test(value)) throw new AuraError('invalid_input', words('keys.spaces'))
    writeBound(this.options.secrets, keySecretName(provider), value, this.options.address(provider))
    this.options.checks.set(provider, null)
    return this.status(provider)!
  }

  /**
   * The user said yes to sending the saved key to the provider's new address (the page showed
   * both hosts): the key is bound to it from now on, and tested afresh. A key from the
   * environment is not Aura's to move: the user pastes one instead.
   */
  confirmAddress(provider: string): KeyStatus {
    const name = keySecretName(provider)
    const saved = readBound(this.options.secrets, name, () => this.options.ownAddress(provider))
    if (saved.state !== 'ok') {
      const fromEnv = this.fromEnvironment(provider)
      if (fromEnv) throw new AuraError('invalid_input', words('keys.envOnlyTo', { envVar: fromEnv.envVar, host: hostOf(fromEnv.origin) }), { provider })
      throw new AuraError('not_found', words(saved.state === 'unreadable' ? 'keys.unreadable' : 'keys.noneToSend'), { provider })
    }
    if (saved.origin !== originOf(this.options.address(provider))) {
      writeBound(this.options.secrets, name, saved.value, this.options.address(provider))
      this.options.checks.set(provider, null)
    }
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
        words('keys.fromEnv', { envVar: fromEnv.envVar }),
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
    if (!current) throw new AuraError('not_found', words('keys.noneToTest', { provider }), { provider })
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
    const values = secrets.names().map((name) => {
      const bound = readBound(secrets, name, () => '')
      return bound.state === 'ok' ? bound.value : null
    })
    for (const provider of providers) values.push(this.fromEnvironment(provider)?.key ?? null)
    return values.filter((value): value is string => Boolean(value))
  }

  private find(provider: string): FoundKey | null {
    const saved = readBound(this.options.secrets, keySecretName(provider), () => this.options.ownAddress(provider))
    if (saved.state === 'ok') return { key: saved.value, source: 'vault', envVar: null, origin: saved.origin }
    return this.fromEnvironment(provider)
  }

  /** A key is saved for `provider` but does not open on this computer. */
  private unreadable(provider: string): boolean {
    return readBound(this.options.secrets, keySecretName(provider), () => '').state === 'unreadable'
  }

  private fromEnvironment(provider: string): (FoundKey & { envVar: string }) | null {
    for (const envVar of this.options.envVars(provider)) {
      const value = this.options.env[envVar]?.trim()
      if (value) return { key: value, source: 'environment', envVar, origin: originOf(this.options.ownAddress(provider)) }
    }
    return null
  }
}
