import { accessTokenOf } from '../../../shared/api/wire'

const KEY = 'aura.accessToken'

/** Just what the page uses of `window`, so tests can pass their own. */
export interface PageWindow {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>
}

/**
 * The access token for the WebSocket, in browser mode. The printed address carries it in its
 * fragment (never sent to any server); the page keeps it in sessionStorage — this tab, this origin
 * (port included), so a reload still gets in and no other local server can read it — and takes it
 * out of the address bar at once. Another tab opens the printed address again.
 */
export function takeAccessToken(page: PageWindow = window): string | null {
  const fromLink = accessTokenOf(page.location.hash)
  if (!fromLink) return readStored(page)
  try {
    page.sessionStorage.setItem(KEY, fromLink)
  } catch {
    // Storage refused (a locked-down browser): the token lives in this page only, a reload needs the link again.
  }
  page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search)
  return fromLink
}

function readStored(page: PageWindow): string | null {
  try {
    return page.sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

/**
 * A newly printed link pasted into this tab (Aura restarted on the same port) changes only the
 * fragment, which loads nothing: load the page again so that it starts with the new token.
 */
export function reloadOnNewLink(): void {
  window.addEventListener('hashchange', () => {
    if (accessTokenOf(window.location.hash)) window.location.reload()
  })
}
