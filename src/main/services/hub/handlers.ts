import type { HubTokenStatus } from '../../../shared/api'
import type { HandlersOf } from '../dispatch'
import type { HubClient } from './hubClient'

interface Deps {
  hub: HubClient
  /** The user's Hugging Face token, kept sealed with the Hub address it was saved for. */
  token: { status(): HubTokenStatus; set(token: string | null): HubTokenStatus; confirmAddress(): HubTokenStatus }
}

/** Hugging Face: search, a repo's files, and the user's token (never sent back, only its last four). */
export function hubHandlers({ hub, token }: Deps): HandlersOf<'hub'> {
  return {
    'hub.search': ({ query }) => hub.search(query),
    'hub.files': ({ repo }) => hub.files(repo),
    'hub.tokenStatus': () => token.status(),
    'hub.setToken': ({ token: value }) => token.set(value),
    'hub.confirmTokenAddress': () => token.confirmAddress(),
  }
}
