import { join, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  allowsNavigation,
  isAppUrl,
  isClientRoute,
  mimeType,
  rendererSource,
  resolveAppPath,
  safeExternalUrl,
} from './appUrl'

const root = resolve('/srv/aura/out/renderer')

describe('allowsNavigation', () => {
  const dev = rendererSource('http://localhost:5173', false)
  const app = rendererSource(undefined, true)

  it("lets Vite's full reload through in development: the page reloads its own dev-server URL", () => {
    expect(allowsNavigation('http://localhost:5173/', dev)).toBe(true)
    expect(allowsNavigation('http://localhost:5173/#/settings/about', dev)).toBe(true)
  })

  it('blocks every other navigation, in development and in the packaged app', () => {
    for (const url of ['http://localhost:5174/', 'https://evil.example/', 'file:///etc/passwd', 'aura://app/index.html']) {
      expect(allowsNavigation(url, dev), url).toBe(false)
    }
    for (const url of ['aura://app/index.html', 'https://evil.example/', 'http://localhost:5173/']) {
      expect(allowsNavigation(url, app), url).toBe(false)
    }
  })
})

describe('rendererSource', () => {
  it('serves the built renderer through aura:// by default', () => {
    expect(rendererSource(undefined, false)).toEqual({ kind: 'app', url: APP_ENTRY_URL })
    expect(APP_ENTRY_URL).toBe('aura://app/index.html')
  })

  it('uses the dev server only for an unpackaged app', () => {
    expect(rendererSource('http://localhost:5173', false)).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    })
    expect(rendererSource('http://localhost:5173', true).kind).toBe('app')
  })

  it('ignores a dev server URL that is not http(s)', () => {
    expect(rendererSource('file:///etc/passwd', false).kind).toBe('app')
    expect(rendererSource('not a url', false).kind).toBe('app')
  })
})

describe('isAppUrl', () => {
  const app = rendererSource(undefined, false)
  const dev = rendererSource('http://localhost:5173', false)

  it('accepts our own pages', () => {
    expect(isAppUrl('aura://app/index.html', app)).toBe(true)
    expect(isAppUrl('aura://app/#/settings', app)).toBe(true)
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/src/main.tsx?t=1', dev)).toBe(true)
  })

  it('refuses everything else', () => {
    for (const url of [
      '',
      'about:blank',
      'aura://evil/index.html',
      'aura://user:pw@app/index.html',
      'file:///srv/aura/out/renderer/index.html',
      'https://example.com/',
      'http://localhost:5173/',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isAppUrl(url, app), url).toBe(false)
    }
    for (const url of ['aura://app/index.html', 'http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/']) {
      expect(isAppUrl(url, dev), url).toBe(false)
    }
  })
})

describe('resolveAppPath', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppPath(root, 'aura://app/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'aura://app')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'aura://app/index.html')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'aura://app/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveAppPath(root, 'aura://app/assets/')).toBe(join(root, 'assets', 'index.html'))
    expect(resolveAppPath(root, 'aura://app/fonts/My%20Font.woff2')).toBe(join(root, 'fonts', 'My Font.woff2'))
    expect(resolveAppPath(root, 'aura://app/..foo.js')).toBe(join(root, '..foo.js'))
  })

  it('refuses path traversal in every spelling', () => {
    for (const url of [
      'aura://app/..%2f..%2fetc%2fpasswd',
      'aura://app/assets/..%2F..%2F..%2Fsecret',
      'aura://app/%2e%2e/%2e%2e/etc/passwd',
      'aura://app/assets/%2e%2e%2f%2e%2e%2fsecret',
      'aura://app/..%5c..%5cwindows%5cwin.ini',
      'aura://app/assets\\..\\..\\secret',
      'aura://app/%2fetc%2fpasswd',
      'aura://app/C:%5cWindows%5cwin.ini',
      'aura://app/index.html%00.png',
      'aura://app/%E0%A4%A',
    ]) {
      const file = resolveAppPath(root, url)
      if (file !== null) expect(file.startsWith(root + sep), `${url} -> ${file}`).toBe(true)
      else expect(file).toBeNull()
    }
    expect(resolveAppPath(root, 'aura://app/..%2f..%2fetc%2fpasswd')).toBeNull()
    // The URL parser itself removes (encoded) dot segments, clamping at the root: still inside.
    expect(resolveAppPath(root, 'aura://app/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'))
    expect(resolveAppPath(root, 'aura://app/..%5c..%5cwindows%5cwin.ini')).toBeNull()
    expect(resolveAppPath(root, 'aura://app/index.html%00.png')).toBeNull()
    expect(resolveAppPath(root, 'aura://app/%E0%A4%A')).toBeNull()
  })

  it('refuses other schemes and hosts', () => {
    expect(resolveAppPath(root, 'aura://other/index.html')).toBeNull()
    expect(resolveAppPath(root, 'file:///srv/aura/out/renderer/index.html')).toBeNull()
    expect(resolveAppPath(root, 'https://app/index.html')).toBeNull()
    expect(resolveAppPath(root, 'garbage')).toBeNull()
  })
})

describe('isClientRoute / mimeType', () => {
  it('treats extension-less paths as client routes', () => {
    expect(isClientRoute(join(root, 'settings'))).toBe(true)
    expect(isClientRoute(join(root, 'assets', 'missing.js'))).toBe(false)
  })

  it('knows the types a Vite build emits', () => {
    expect(mimeType('index.html')).toBe('text/html; charset=utf-8')
    expect(mimeType('a/b.JS')).toBe('text/javascript; charset=utf-8')
    expect(mimeType('x.css')).toBe('text/css; charset=utf-8')
    expect(mimeType('x.woff2')).toBe('font/woff2')
    expect(mimeType('x.svg')).toBe('image/svg+xml')
    expect(mimeType('x.unknown')).toBe('application/octet-stream')
  })
})

describe('safeExternalUrl', () => {
  it('lets plain web links through, normalised', () => {
    expect(safeExternalUrl('https://example.com')).toBe('https://example.com/')
    expect(safeExternalUrl('http://example.com/a?b=c#d')).toBe('http://example.com/a?b=c#d')
    expect(safeExternalUrl('HTTPS://Hugging Face.co'.replace(' ', ''))).toBe('https://huggingface.co/')
  })

  it('refuses every other scheme and anything odd', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'aura://app/index.html',
      'smb://server/share',
      'ms-settings:privacy',
      'mailto:someone@example.com',
      'https://user:pw@example.com/',
      'https://',
      '//example.com',
      'example.com',
      '',
      `https://example.com/${'a'.repeat(9000)}`,
      42,
      null,
      undefined,
      { href: 'https://example.com' },
    ]) {
      expect(safeExternalUrl(url), String(url)).toBeNull()
    }
  })
})
