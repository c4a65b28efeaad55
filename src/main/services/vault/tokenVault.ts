import { AuraError, type HubTokenStatus } from '../../../shared/api'
import { hostOf, originOf, readBound, valueFor, writeBound } from './boundSecret'
import type { SecretStore } from './secretStore'

export interface TokenVaultOptions {
  secrets: SecretStore
  /** The name the token is sealed under. */
  name: string
  /** Where the token would be sent now (the Hub address in effect). */
  address(): string
  /** Where a token saved before tokens were bound to an address may go (the Hub's own, or the environment's override). */
  ownAddress(): string
}

/**
 * One token (the Hugging Face token), sealed with the address it was saved for: it is sent only
 * there, so a changed Hub address in the settings needs the token again or the user's say-so.
 */
export class TokenVault {
  constructor(private readonly options: TokenVaultOptions) {}

  /** The token to send to `address`; null when there is none, it does not open, or it was saved for another address. */
  value(address: string): string | null {
    return valueFor(this.read(), address)
  }

  status(): HubTokenStatus {
    const saved = this.read()
    if (saved.state === 'absent') return { configured: false, last4: null, problem: null, savedFor: null }
    if (saved.state === 'unreadable') return { configured: true, last4: null, problem: 'unreadable', savedFor: null }
    const moved = saved.origin !== originOf(this.options.address())
    return { configured: true, last4: saved.value.slice(-4), problem: moved ? 'address_changed' : null, savedFor: hostOf(saved.origin) }
  }

  /** Keeps the token bound to the Hub address in effect, or forgets it (null). */
  set(token: string | null): HubTokenStatus {
    if (token === null) this.options.secrets.set(this.options.name, null)
    else writeBound(this.options.secrets, this.options.name, token, this.options.address())
    return this.status()
  }

  /** The user agreed to send the saved token to the Hub address in effect (the page showed both hosts). */
  confirmAddress(): HubTokenStatus {
    const saved = this.read()
    if (saved.state !== 'ok') throw new AuraError('not_found', saved.state === 'unreadable' ? 'The saved token can’t be opened on this computer. Paste it again.' : 'There is no saved token. Paste one first.')
    writeBound(this.options.secrets, this.options.name, saved.value, this.options.address())
    return this.status()
  }

  private read() {
    return readBound(this.options.secrets, this.options.name, () => this.options.ownAddress())
  }
}
