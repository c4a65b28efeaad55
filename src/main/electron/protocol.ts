import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import type { Logger } from '../services/ports'
import { APP_SCHEME, isClientRoute, mimeType, resolveAppPath } from './appUrl'

/**
 * `aura://app/…` serves the built renderer instead of file://, so that every response carries
 * Aura's CSP header, the page has a real origin to check IPC senders against, and file:// never
 * needs its extra privileges (the `grantFileProtocolExtraPrivileges` fuse is off).
 *
 * Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: a secure context (like https);
      // supportFetchAPI: the page may fetch its own assets; codeCache: V8 caches our scripts.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** Serve `rendererDir` (the built `out/renderer`) on `aura://app/`. Call once the app is ready. */
export function serveRenderer(rendererDir: string, logger: Logger): () => void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed')

    const file = resolveAppPath(rendererDir, request.url)
    if (file === null) {
      logger.warn('Refused an aura:// request', { url: request.url })
      return plain(404, 'Not found')
    }

    let target = file
    if (!(await isFile(target))) {
      // An extension-less path is a client-side route: the page handles it.
      if (!isClientRoute(target)) return plain(404, 'Not found')
      target = join(rendererDir, 'index.html')
    }

    try {
      const body = await readFile(target)
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: { ...securityHeaders, 'Content-Type': mimeType(target), 'Cache-Control': 'no-cache' },
      })
    } catch (error) {
      logger.error('Could not read an app file', { file: target, error: String(error) })
      return plain(500, 'Could not read an app file')
    }
  })
  return () => protocol.unhandle(APP_SCHEME)
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
