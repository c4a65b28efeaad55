import type { SecretStore } from './secretStore'

/**
 * A secret kept with the one address it may be sent to. Both are sealed together (`<origin>\n<secret>`:
 * keys and tokens have no whitespace), so moving a key to another host needs the key itself or the
 * user's say-so (`rebind`) — changing a base URL in the settings is not enough.
 * Secrets saved before binding existed are plain; they count as bound to `legacyAddress`.
 */
export type BoundSecret =
  | { state: 'absent' }
  /** Sealed here, but it does not open on this computer (another keychain, a missing key file, tampering). */
  | { state: 'unreadable' }
  | { state: 'ok'; value: string; origin: string }

/** `https://api.openai.com/v1` → `https://api.openai.com`: scheme, host and port decide where a key goes. */
export function originOf(address: string): string {
  try {
    return new URL(address).origin
  } catch {
    return address
  }
}

/** `https://api.openai.com/v1` → `api.openai.com`: what the user is shown. */
export function hostOf(address: string): string {
  try {
    return new URL(address).host
  } catch {
    return address
  }
}

export function readBound(secrets: SecretStore, name: string, legacyAddress: () => string): BoundSecret {
  const opened = secrets.get(name)
  if (opened === null) return secrets.names().includes(name) ? { state: 'unreadable' } : { state: 'absent' }
  const cut = opened.indexOf('\n')
  if (cut < 0) return { state: 'ok', value: opened, origin: originOf(legacyAddress()) }
  return { state: 'ok', value: opened.slice(cut + 1), origin: opened.slice(0, cut) }
}

export function writeBound(secrets: SecretStore, name: string, value: string, address: string): void {
  secrets.set(name, `${originOf(address)}\n${value}`)
}

/** The secret, only when `address` is where it was saved for. */
export function valueFor(bound: BoundSecret, address: string): string | null {
  return bound.state === 'ok' && bound.origin === originOf(address) ? bound.value : null
}
