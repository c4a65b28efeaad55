import type { HandlersOf } from '../dispatch'
import type { HubClient } from './hubClient'

interface Deps {
  hub: HubClient
  /** The user's Hugging Face token, kept sealed. */
  token: { get(): string | null; set(token: string | null): void }
}

/** Hugging Face: search, a repo's files, and the user's token (never sent back, only its last four). */
export function hubHandlers({ hub, token }: Deps): HandlersOf<'hub'> {
  return {
    'hub.search': ({ query }) => hub.search(query),
    'hub.files': ({ repo }) => hub.files(repo),
    'hub.tokenStatus': () => tokenStatus(token.get()),
    'hub.setToken': ({ token: value }) => {
      token.set(value)
      return tokenStatus(value)
    },
  }
}

function tokenStatus(token: string | null): { configured: boolean; last4: string | null } {
  return { configured: token !== null, last4: token ? token.slice(-4) : null }
}
