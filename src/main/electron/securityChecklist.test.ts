/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), the
 * items that can be read off the sources and the packaging config without running Electron.
 * The runtime behaviour (handlers, sender checks, protocol) is in shell.test.ts and
 * src/preload/index.test.ts; Electronegativity runs in `npm run security:scan`. Map: docs/security.md.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

const root = join(import.meta.dirname, '../../..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')

/** Every shipped source file under `dir` (tests and test helpers excluded), as repo-relative paths. */
function sources(dir: string): string[] {
  const out: string[] = []
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'testing' && entry.name !== 'node_modules') walk(path)
      } else if (/\.(ts|tsx|js|mjs|cjs|html)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        out.push(relative(root, path).split(sep).join('/'))
      }
    }
  }
  walk(join(root, dir))
  return out.sort()
}
const grep = (files: string[], pattern: RegExp) => files.filter((file) => pattern.test(read(file)))

const mainAndPreload = [...sources('src/main'), ...sources('src/preload')]
const renderer = sources('src/renderer')
const everything = sources('src')

describe("Electron's security checklist, checked statically", () => {
  it('finds the sources it checks', () => {
    expect(mainAndPreload).toContain('src/main/electron/window.ts')
    expect(mainAndPreload).toContain('src/preload/index.ts')
    expect(renderer).toContain('src/renderer/index.html')
    expect(renderer.length).toBeGreaterThan(5)
  })

  it('creates windows in one place only, with every isolation flag spelled out (items 2, 3, 4, 6, 8, 9)', () => {
    expect(grep(everything, /new BrowserWindow\s*\(/)).toEqual(['src/main/electron/window.ts'])
    expect(grep(everything, /new (BrowserView|WebContentsView)\s*\(/)).toEqual([])
    const window = read('src/main/electron/window.ts')
    for (const flag of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'webviewTag: false',
      'experimentalFeatures: false',
    ]) {
      expect(window, flag).toContain(flag)
    }
  })

  it('never turns a protection off anywhere in main, preload or renderer (items 2–4, 6, 8–11)', () => {
    const unsafe: [string, RegExp][] = [
      ['nodeIntegration on', /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
      ['contextIsolation off', /contextIsolation\s*:\s*false/],
      ['sandbox off', /sandbox\s*:\s*false/],
      ['webSecurity off', /webSecurity\s*:\s*false/],
      ['insecure content allowed', /allowRunningInsecureContent\s*:\s*true/],
      ['experimental features', /experimentalFeatures\s*:\s*true/],
      ['Blink features enabled', /enableBlinkFeatures/],
      ['webview tag on', /webviewTag\s*:\s*true/],
      ['webview popups', /allowpopups/i],
      ['remote module', /enableRemoteModule|@electron\/remote/],
      ['--no-sandbox added', /appendSwitch\(\s*['"]no-sandbox/],
      ['certificate errors ignored', /ignore-certificate-errors|setCertificateVerifyProc|['"]certificate-error['"]/],
    ]
    for (const [what, pattern] of unsafe) expect(grep(everything, pattern), what).toEqual([])
  })

  it('uses no <webview> and no Electron API in the renderer (items 11, 12, 20)', () => {
    expect(grep(renderer, /<webview\b/i)).toEqual([])
    expect(grep(renderer, /\bipcRenderer\b|from ['"]electron['"]|require\(['"]electron['"]\)/)).toEqual([])
  })

  it("imports 'electron' only in the Electron shell, the entry and the preload", () => {
    const importers = grep(everything, /from ['"]electron['"]|require\(['"]electron['"]\)/)
    for (const file of importers) {
      expect(file.startsWith('src/main/electron/') || file === 'src/main/index.ts' || file === 'src/preload/index.ts', file).toBe(true)
    }
  })

  it('loads the page only from aura:// (or the dev server when unpackaged), never file:// (items 1, 18)', () => {
    expect(grep(mainAndPreload, /\.loadFile\s*\(/)).toEqual([])
    expect(grep(mainAndPreload, /\.loadURL\s*\(/)).toEqual(['src/main/electron/window.ts'])
    expect(read('src/main/electron/window.ts')).toMatch(/window\.loadURL\(source\.url\)/)
    expect(grep(mainAndPreload, /loadURL\(\s*['"`](file|http):/)).toEqual([])
    // The page itself pulls nothing from the network: no remote scripts, styles or frames.
    const html = read('src/renderer/index.html')
    expect(html).not.toMatch(/(src|href)=["'](https?:)?\/\//i)
    expect(grep(renderer, /<iframe\b/i)).toEqual([])
  })

  it('the production CSP allows nothing from the network and no inline or eval script (item 7)', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|wss?:|\*/)
    // …and it is the header of every aura:// response.
    expect(read('src/main/electron/protocol.ts')).toMatch(/'Content-Security-Policy': CONTENT_SECURITY_POLICY/)
  })

  it('calls shell.openExternal only behind safeExternalUrl (item 15)', () => {
    expect(grep(mainAndPreload, /openExternal\s*\(/)).toEqual(['src/main/electron/security.ts'])
    const security = read('src/main/electron/security.ts')
    expect(security.match(/openExternal\s*\(/g)).toHaveLength(1)
    expect(security).toMatch(/const external = safeExternalUrl\(url\)\s*if \(external\) \{\s*shell\.openExternal\(external\)/)
  })

  it('handles IPC on the one request channel only, behind the sender check (item 17)', () => {
    expect(grep(mainAndPreload, /ipcMain\.(on|once|handle|handleOnce)\s*\(/)).toEqual(['src/main/electron/ipc.ts'])
    const ipc = read('src/main/electron/ipc.ts')
    expect(ipc.match(/ipcMain\.(on|once|handle|handleOnce)\s*\(/g)).toEqual(['ipcMain.handle('])
    const handler = ipc.slice(ipc.indexOf('ipcMain.handle('))
    expect(handler.indexOf('isTrustedSender(event, source)')).toBeGreaterThan(0)
    expect(handler.indexOf('isTrustedSender(event, source)')).toBeLessThan(handler.indexOf('services.dispatch('))
  })

  it('exposes one bridge object from the preload, never ipcRenderer itself (item 20)', () => {
    const preload = read('src/preload/index.ts')
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1)
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('aura', aura\)/)
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/)
  })

  it('flips the Electron fuses in the packaged app (item 19)', () => {
    const config = read('electron-builder.yml')
    const block = config.slice(config.indexOf('electronFuses:'))
    const fuses = new Map<string, string>()
    for (const line of block.split('\n').slice(1)) {
      if (/^\S/.test(line)) break // the next top-level key
      const match = /^\s+(\w+):\s*(true|false)\s*$/.exec(line)
      if (match) fuses.set(match[1]!, match[2]!)
    }
    expect(Object.fromEntries(fuses)).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    })
    expect(config).toMatch(/^asar: true$/m)
  })

  it('builds with a current Electron: 45 or newer, the same in package.json and the lockfile (item 16)', () => {
    const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string>; dependencies: Record<string, string> }
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string }> }
    const range = pkg.devDependencies.electron
    expect(range).toMatch(/^[~^]?\d+\.\d+\.\d+$/)
    const installed = lock.packages['node_modules/electron']?.version ?? ''
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(45)
    expect(installed.split('.')[0]).toBe(range!.replace(/^[~^]/, '').split('.')[0])
    // Nothing that brings back old Electron APIs.
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('@electron/remote')
  })
})
