import { app, shell, type Session, type WebContents } from 'electron'
import { devContentSecurityPolicy } from '../../shared/csp'
import type { Logger } from '../services/ports'
import { allowsNavigation, APP_HOST, APP_SCHEME, isAppUrl, safeExternalUrl, type RendererSource } from './appUrl'

/**
 * Locks down every web contents Aura ever creates (installed once, before any window exists):
 * no navigation, no redirects, no <webview>, no new windows — links that ask for a new window
 * open in the system browser, and only when they are plain http(s) URLs.
 */
export function hardenAllWebContents(logger: Logger, source: RendererSource): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger, source))
}

function hardenWebContents(contents: WebContents, logger: Logger, source: RendererSource): void {
  // The page never leaves Aura: in-page (hash / history) navigation is unaffected, and the app's
  // own loadURL is not a renderer-initiated navigation, so it does not reach these events. In
  // development the page may reload itself (Vite's full reload).
  contents.on('will-navigate', (event) => {
    if (allowsNavigation(event.url, source)) return
    event.preventDefault()
    logger.warn('Blocked a navigation', { url: event.url })
  })
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame && allowsNavigation(event.url, source)) return
    event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    event.preventDefault()
    logger.warn('Blocked a redirect', { url: event.url })
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    logger.warn('Blocked a <webview>')
  })

  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url)
    if (external) {
      shell.openExternal(external).catch((error: unknown) => {
        logger.warn('Could not open a link in the browser', { error: String(error) })
      })
    } else {
      logger.warn('Blocked a window.open', { url: url.slice(0, 200) })
    }
    return { action: 'deny' }
  })
}

/**
 * Permissions: everything is refused (camera, microphone, notifications, geolocation, HID, USB,
 * serial, screen capture, …) except writing plain text to the clipboard from our own page, which
 * a chat app's "Copy" button needs (`navigator.clipboard.writeText`). Reading the clipboard is refused.
 */
export function denyPermissions(ses: Session, source: RendererSource): void {
  const allowed = (permission: string, url: string) =>
    permission === 'clipboard-sanitized-write' && isAppUrl(url, source)

  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl || contents.getURL()))
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin))
  ses.setDevicePermissionHandler(() => false)
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null))
}

/**
 * Aura is private and offline: Chromium's spellchecker would otherwise download Hunspell
 * dictionaries from Google's CDN (Linux, and Windows languages the OS checker lacks). Point it
 * inside the app, where there are none: macOS and Windows keep their native spellcheckers.
 */
export function keepSpellcheckOffline(ses: Session): void {
  ses.setSpellCheckerDictionaryDownloadURL(`${APP_SCHEME}://${APP_HOST}/spellcheck-dictionaries/`)
}

/**
 * Development only: the Vite dev server's responses get a CSP that allows its HMR WebSocket and
 * the inline react-refresh preamble. (In production the aura:// protocol sets the strict one.)
 */
export function applyDevContentSecurityPolicy(ses: Session, source: RendererSource): void {
  if (source.kind !== 'dev') return
  const policy = devContentSecurityPolicy(new URL(source.origin))
  ses.webRequest.onHeadersReceived({ urls: [`${source.origin}/*`] }, (details, callback) => {
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [policy]
    callback({ responseHeaders: headers })
  })
}
