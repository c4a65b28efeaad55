/**
 * The desktop app itself, driven through Playwright's Electron support: the built app
 * (`out/main/index.js`, via package.json `main`) with its own data folder.
 *
 * Skips cleanly where the Electron binary was never downloaded (build machines without
 * internet): it looks for the binary without loading the 'electron' package, whose index.js
 * would try to download it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp'

const root = resolve(import.meta.dirname, '../..')
const builtMain = join(root, 'out/main/index.js')

/** Where the Electron binary is, or why there is none — without requiring 'electron'. */
function findElectron(): { binary: string; reason?: undefined } | { binary?: undefined; reason: string } {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron'))
  } catch {
    return { reason: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const binary = join(override, relative || 'electron')
    return existsSync(binary) ? { binary } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${binary})` }
  }
  if (!relative) return { reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' }
  const binary = join(packageDir, 'dist', relative)
  return existsSync(binary) ? { binary } : { reason: `the Electron binary is missing (${binary})` }
}

const found = findElectron()

test.describe('Aura desktop app', () => {
  test.skip(!found.binary, `Electron cannot run here: ${found.reason}`)
  test.skip(!existsSync(builtMain), 'the app is not built: run `npm run build` first')

  let app: ElectronApplication
  let page: Page
  let dataDir: string

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-electron-e2e-'))
    // Inference on one thread: more are many times slower on small build machines.
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ threads: 1 }))

    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
    delete env.ELECTRON_RENDERER_URL // always the built renderer, never a dev server
    delete env.ELECTRON_RUN_AS_NODE
    env.AURA_DATA_DIR = dataDir

    app = await electron.launch({
      executablePath: found.binary!,
      // The project folder: Electron reads package.json (name, version, `main`: out/main/index.js).
      // (On Linux Playwright adds --no-sandbox, Chromium's OS sandbox; the renderer sandbox stays on.)
      args: [root],
      cwd: root,
      env,
    })
    page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
  })

  test.afterEach(async () => {
    await app?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('the window is locked down', async () => {
    expect(page.url()).toMatch(/^aura:\/\/app\//)

    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows()
      // Not in Electron's typings, but present: the preferences the page really runs with.
      const p = (windows[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences()
      return {
        windows: windows.length,
        contextIsolation: p.contextIsolation,
        sandbox: p.sandbox,
        nodeIntegration: p.nodeIntegration,
        webSecurity: p.webSecurity,
        allowRunningInsecureContent: p.allowRunningInsecureContent,
        webviewTag: p.webviewTag,
      }
    })
    expect(preferences).toEqual({
      windows: 1,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })

    // The page sees window.aura = { request, on } and nothing of Node or Electron.
    const exposed = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>
      const aura = w.aura as Record<string, unknown>
      return {
        auraKeys: Object.keys(aura).sort(),
        request: typeof aura.request,
        on: typeof aura.on,
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        ipcRenderer: typeof w.ipcRenderer,
        electron: typeof w.electron,
      }
    })
    expect(exposed).toEqual({
      auraKeys: ['on', 'request'],
      request: 'function',
      on: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    })
  })

  test('the bridge answers requests with envelopes', async () => {
    const info = await page.evaluate(() => window.aura!.request('app.info', {}))
    expect(info).toMatchObject({ ok: true, data: { shell: 'electron', dataDir } })

    const unknown = await page.evaluate(() => window.aura!.request('no.such_route', {}))
    expect(unknown).toMatchObject({ ok: false })

    const unsubscribe = await page.evaluate(() => typeof window.aura!.on('app.notice', () => {}))
    expect(unsubscribe).toBe('function')
  })

  test('pages are served with the strict CSP and no file outside the app', async () => {
    const served = await page.evaluate(async () => {
      const index = await fetch('/index.html')
      const escape = await fetch('/..%2f..%2fpackage.json')
      return { status: index.status, csp: index.headers.get('content-security-policy'), escape: escape.status }
    })
    expect(served).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, escape: 404 })
  })

  test('window.open never opens a window; only web links go to the browser', async () => {
    // Stand in for the system browser, so the test opens nothing on this machine.
    const stubbed = await app.evaluate(({ shell }) => {
      const opened: string[] = []
      ;(globalThis as Record<string, unknown>).__auraOpened = opened
      shell.openExternal = async (url: string) => {
        opened.push(url)
      }
      return shell.openExternal.toString().includes('opened.push')
    })
    expect(stubbed).toBe(true)

    const results = await page.evaluate(() =>
      ['https://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'aura://app/index.html'].map(
        (url) => window.open(url) === null,
      ),
    )
    expect(results).toEqual([true, true, true, true])

    const state = await app.evaluate(({ BrowserWindow }) => ({
      windows: BrowserWindow.getAllWindows().length,
      opened: (globalThis as Record<string, unknown>).__auraOpened,
    }))
    expect(state).toEqual({ windows: 1, opened: ['https://example.com/'] })
    expect(app.windows()).toHaveLength(1)
  })

  test('a new user sees the empty state', async () => {
    await expect(page.getByTestId('empty-state')).toBeVisible()
  })

  test('every settings page opens in the real window (read from pages.tsx, so new pages join)', async () => {
    const pages = readFileSync(join(root, 'src/renderer/src/components/settings/pages.tsx'), 'utf8')
    const ids = [...pages.matchAll(/\{ id: '([a-z0-9-]+)'/g)].map((match) => match[1]!)
    expect(ids).toContain('about')
    for (const id of ids) {
      await page.evaluate((address) => (location.hash = address), `#/settings/${id}`)
      await expect(page.getByTestId(`settings-${id}`), id).toBeVisible()
      await page.screenshot({ path: `e2e/artifacts/electron-settings-${id}.png` })
    }
  })

  test('About shows the log file, in the OS log folder', async () => {
    await page.evaluate(() => (location.hash = '#/settings/about'))
    const logFile = await app.evaluate(({ app }) => app.getPath('logs'))
    await expect(page.getByTestId('about-log-file')).toContainText('aura.log')
    await expect(page.getByTestId('about-log-file')).toContainText(logFile)
  })
})
