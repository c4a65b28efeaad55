import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * Where the page comes from, and how main recognises it. Pure (no 'electron'), so it is unit-tested.
 *
 * Production: the built renderer (`out/renderer`) is served by the privileged `aura://app/…`
 * protocol. Development (`electron-vite dev`): the Vite dev server's URL.
 */
export const APP_SCHEME = 'aura'
export const APP_HOST = 'app'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Where the page is loaded from. `devServerUrl` is only ever honoured for an unpackaged app. */
export type RendererSource = { kind: 'app'; url: string } | { kind: 'dev'; url: string; origin: string }

export function rendererSource(devServerUrl: string | undefined, isPackaged: boolean): RendererSource {
  if (!isPackaged && devServerUrl) {
    const url = parseUrl(devServerUrl)
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
      return { kind: 'dev', url: url.href, origin: url.origin }
    }
  }
  return { kind: 'app', url: APP_ENTRY_URL }
}

/**
 * Whether `url` is a page of ours: `aura://app/…` in production, the dev server's origin in dev.
 * (A non-special scheme's URL has an opaque origin in WHATWG terms, so compare scheme and host.)
 */
export function isAppUrl(url: string, source: RendererSource): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  if (source.kind === 'dev') return parsed.origin === source.origin
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
}

/**
 * Whether the page may navigate its window to `url`. Never in the packaged app (the page is one
 * document and never leaves Aura). In development only to the dev server's own pages: Vite's full
 * reload (`location.reload()` after an edit it cannot hot-swap) is a navigation to the same URL.
 */
export function allowsNavigation(url: string, source: RendererSource): boolean {
  return source.kind === 'dev' && isAppUrl(url, source)
}

/**
 * The file under `rootDir` that an `aura://app/…` request asks for, or null when it must be
 * refused: another scheme or host, a path that leaves `rootDir` (`..`, encoded slashes or
 * backslashes, absolute or drive paths), NUL bytes, or undecodable escapes. `/` and paths ending
 * in `/` mean their `index.html`.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  const url = parseUrl(requestUrl)
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null

  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return null

  let rel = path.replace(/^\/+/, '')
  if (rel === '' || rel.endsWith('/')) rel += 'index.html'

  const root = resolve(rootDir)
  const file = resolve(root, rel)
  const inside = relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null
  return file
}

/** Whether a request for a missing file should get the app's `index.html` (a client-side route). */
export function isClientRoute(file: string): boolean {
  return extname(file) === ''
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

export function mimeType(file: string): string {
  return mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The URL to hand to the system browser, or null. Only http(s) with a host and no embedded
 * credentials: never file:, javascript:, data:, custom schemes or anything unparsable.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null
  const url = parseUrl(raw)
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null
  return url.href
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}
