/**
 * The Electron shell's wiring, run against a stand-in 'electron' module (the real one cannot run
 * here, and must not be loaded): lifecycle, window options, IPC sender checks, event forwarding,
 * navigation / window.open / permission policy, the aura:// protocol, the settings adapter.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import type { Ports } from '../services/ports'
import { silentLogger } from '../services/ports'
import * as fake from './testing/fakeElectron'

vi.mock('electron', () => import('./testing/fakeElectron'))
vi.mock('electron-store', async () => {
  // electron-store is conf plus Electron's default paths; the shell always passes an absolute cwd.
  const { default: Conf } = await import('conf')
  class Store extends Conf<Record<string, unknown>> {
    constructor(options: { cwd: string; name: string; clearInvalidConfig?: boolean }) {
      super({ cwd: options.cwd, configName: options.name, clearInvalidConfig: options.clearInvalidConfig, projectName: 'aura-test' })
    }
  }
  return { default: Store }
})

const services = vi.hoisted(() => {
  const state = {
    ports: null as unknown,
    requests: [] as [string, unknown][],
    listeners: [] as ((event: string, payload: unknown) => void)[],
    disposed: 0,
    apiServed: 0,
  }
  const instance = {
    dispatch: async (procedure: string, input: unknown) => {
      state.requests.push([procedure, input])
      return { ok: true as const, data: { procedure } }
    },
    onEvent: (listener: (event: string, payload: unknown) => void) => {
      state.listeners.push(listener)
      return () => {
        state.listeners = state.listeners.filter((l) => l !== listener)
      }
    },
    dispose: async () => {
      state.disposed++
    },
    serveApi: async () => {
      state.apiServed++
    },
    // Documents resume their indexing and follow folders once the window's services exist.
    documents: { start: () => {} },
    logger: { info() {}, warn() {}, error() {} },
  }
  return { state, instance }
})
vi.mock('../services/createServices', () => ({
  createServices: (ports: unknown) => {
    services.state.ports = ports
    return services.instance
  },
}))

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
const request = (event: unknown, procedure: unknown, input: unknown) =>
  fake.ipcMain.handlers.get('aura:request')!(event, procedure, input) as Promise<unknown>

describe('the Electron app (src/main/index.ts)', () => {
  let dataDir: string
  let window: fake.BrowserWindow

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-shell-'))
    writeFileSync(join(dataDir, 'settings.json'), '{"threads": 2, "temperat')
    process.env.AURA_DATA_DIR = dataDir
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await import('../index')
    await flush()
    window = fake.BrowserWindow.windows[0]!
  })
  afterAll(() => {
    delete process.env.AURA_DATA_DIR
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('prepares the sandbox, the aura:// scheme and the data folder before asking for the lock', () => {
    expect(fake.app.calls.slice(0, 3)).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'whenReady'])
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'aura', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ])
    expect(fake.app.getPath('userData')).toBe(dataDir)
  })

  it('keeps the spellchecker from downloading dictionaries', () => {
    expect(fake.session.defaultSession.dictionaryUrl).toMatch(/^aura:\/\/app\//)
  })

  it('creates the services with the Electron ports, setting a damaged settings file aside', () => {
    const ports = services.state.ports as Ports
    expect(ports.shell).toBe('electron')
    expect(ports.version).toBe('9.9.9')
    expect(ports.paths.dataDir).toBe(dataDir)
    // The log file is in the OS's log folder (Electron's 'logs' path), and About shows it.
    expect(ports.paths.logFile).toBe(join(fake.app.getPath('logs'), 'aura.log'))
    expect(ports.startupNotices).toHaveLength(1)
    expect(ports.startupNotices![0]!.message).toMatch(
      /^Your settings file was damaged\. Aura set it aside \(.*settings\.json\.damaged-.*\) and started with default settings\.$/,
    )
    const moved = readdirSync(dataDir).find((name) => name.startsWith('settings.json.damaged-'))!
    expect(readFileSync(join(dataDir, moved), 'utf8')).toBe('{"threads": 2, "temperat')

    expect(ports.settingsStore.read()).toEqual({})
    ports.settingsStore.write({ threads: 1 })
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ threads: 1 })
    expect(ports.settingsStore.read()).toEqual({ threads: 1 })
    // The API for other apps follows its setting from the start (docs/api.md).
    expect(services.state.apiServed).toBe(1)
  })

  it('respects an explicit --no-sandbox instead of stripping it (Chromium would abort)', async () => {
    const { prepareShell } = await import('./shell')
    fake.app.calls.length = 0
    fake.app.commandLine.switches.add('no-sandbox')
    try {
      prepareShell()
      expect(fake.app.calls).not.toContain('enableSandbox')
    } finally {
      fake.app.commandLine.switches.delete('no-sandbox')
    }
  })

  it('opens one locked-down window on the aura:// page, shown when ready', () => {
    expect(fake.BrowserWindow.windows).toHaveLength(1)
    const { webPreferences, ...options } = window.options as unknown as Record<string, unknown> & { webPreferences: Record<string, unknown> }
    expect(options).toMatchObject({ title: 'Aura', show: false, backgroundColor: '#ffffff' })
    expect(options.minWidth).toBeGreaterThan(0)
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(String(webPreferences.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/)
    expect(window.webContents.getURL()).toBe('aura://app/index.html')
    expect(fake.protocol.handlers.has('aura')).toBe(true)

    expect(window.isVisible()).toBe(false)
    window.emit('ready-to-show')
    expect(window.isVisible()).toBe(true)

    fake.nativeTheme.shouldUseDarkColors = true
    fake.nativeTheme.emit('updated')
    expect(window.background).not.toBe('#ffffff')
    fake.nativeTheme.shouldUseDarkColors = false
  })

  it('answers requests only from the top frame of its own page', async () => {
    const trusted = { sender: window.webContents, senderFrame: new fake.FakeFrame('aura://app/index.html') }
    await expect(request(trusted, 'app.info', {})).resolves.toEqual({ ok: true, data: { procedure: 'app.info' } })
    expect(services.state.requests).toEqual([['app.info', {}]])

    const refused = [
      { sender: window.webContents, senderFrame: new fake.FakeFrame('https://evil.example/') },
      { sender: window.webContents, senderFrame: new fake.FakeFrame('file:///tmp/x.html') },
      { sender: window.webContents, senderFrame: new fake.FakeFrame('aura://app/', new fake.FakeFrame('aura://app/')) },
      { sender: window.webContents, senderFrame: null },
      { sender: new fake.FakeWebContents(), senderFrame: new fake.FakeFrame('aura://app/index.html') },
    ]
    for (const event of refused) {
      await expect(request(event, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    }
    await expect(request(trusted, 42, {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(services.state.requests).toHaveLength(1)
  })

  it('forwards service events to the page', () => {
    for (const listener of services.state.listeners) listener('app.notice', { level: 'info', message: 'hi' })
    expect(window.webContents.sent).toEqual([['aura:event', 'app.notice', { level: 'info', message: 'hi' }]])
  })

  it('blocks navigation, redirects and webviews', () => {
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = new fake.FakeEvent('https://evil.example/')
      window.webContents.emit(name, event)
      expect(event.defaultPrevented, name).toBe(true)
    }
  })

  it('never opens a window; only http(s) links go to the system browser', () => {
    const open = window.webContents.windowOpenHandler!
    for (const url of ['https://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'aura://app/index.html', 'ms-settings:']) {
      expect(open({ url })).toEqual({ action: 'deny' })
    }
    expect(fake.shell.opened).toEqual(['https://example.com/'])
  })

  it('refuses every permission except clipboard writes from its own page', () => {
    const { request: onRequest, check } = fake.session.defaultSession.handlers as Record<string, (...args: unknown[]) => unknown>
    const answers: [string, string, boolean][] = []
    const ask = (permission: string, url: string) => {
      const contents = new fake.FakeWebContents()
      contents.url = url
      onRequest!(contents, permission, (granted: boolean) => answers.push([permission, url, granted]), { requestingUrl: url })
    }
    ask('media', 'aura://app/index.html')
    ask('notifications', 'aura://app/index.html')
    ask('clipboard-read', 'aura://app/index.html')
    ask('clipboard-sanitized-write', 'aura://app/index.html')
    ask('clipboard-sanitized-write', 'https://evil.example/')
    expect(answers.map(([, , granted]) => granted)).toEqual([false, false, false, true, false])

    expect(check!(null, 'geolocation', 'aura://app', {})).toBe(false)
    expect(check!(null, 'clipboard-sanitized-write', 'aura://app', {})).toBe(true)
    expect(check!(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false)
    expect((fake.session.defaultSession.handlers.device as () => boolean)()).toBe(false)
  })

  it('gives a session created later the same refusals', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const later = {
      setPermissionRequestHandler: (handler: (...args: never[]) => unknown) => void (handlers.request = handler),
      setPermissionCheckHandler: (handler: (...args: never[]) => unknown) => void (handlers.check = handler),
      setDevicePermissionHandler: (handler: (...args: never[]) => unknown) => void (handlers.device = handler),
      setDisplayMediaRequestHandler: (handler: (...args: never[]) => unknown) => void (handlers.displayMedia = handler),
    }
    fake.app.emit('session-created', later)
    expect(Object.keys(handlers).sort()).toEqual(['check', 'device', 'displayMedia', 'request'])

    const request = handlers.request as unknown as (...args: unknown[]) => void
    const granted: boolean[] = []
    const contents = new fake.FakeWebContents()
    contents.url = 'https://evil.example/'
    request(contents, 'media', (answer: boolean) => granted.push(answer), { requestingUrl: contents.url })
    request(contents, 'clipboard-sanitized-write', (answer: boolean) => granted.push(answer), { requestingUrl: contents.url })
    expect(granted).toEqual([false, false])
    expect((handlers.check as unknown as (...args: unknown[]) => boolean)(null, 'notifications', 'aura://app', {})).toBe(false)
    expect((handlers.device as unknown as () => boolean)()).toBe(false)
  })

  it('focuses the window for a second instance, and reopens it after it was closed', () => {
    fake.BrowserWindow.windows[0]!.minimized = true
    fake.app.emit('second-instance')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(1)

    window.close()
    fake.app.emit('activate')
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1)
    expect(fake.BrowserWindow.getAllWindows()[0]).not.toBe(window)
  })

  it('quits when the last window closes (not on macOS), disposing the services first', async () => {
    fake.app.calls.length = 0
    fake.app.emit('window-all-closed')
    expect(fake.app.calls).toEqual(process.platform === 'darwin' ? [] : ['quit'])

    fake.app.emit('before-quit', new fake.FakeEvent())
    const first = new fake.FakeEvent()
    fake.app.emit('will-quit', first)
    expect(first.defaultPrevented).toBe(true)
    fake.app.emit('will-quit', new fake.FakeEvent()) // a second quit while waiting: no second dispose
    // Launched again while shutting down: no (dead) window now, Aura starts again once it has quit.
    for (const open of fake.BrowserWindow.getAllWindows()) open.close()
    fake.app.emit('second-instance')
    fake.app.emit('activate')
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(0)
    await flush()
    expect(services.state.disposed).toBe(1)
    expect(fake.ipcMain.handlers.has('aura:request')).toBe(false)
    expect(fake.protocol.handlers.has('aura')).toBe(false)
    expect(fake.app.calls.slice(-2)).toEqual(['relaunch', 'quit'])

    const final = new fake.FakeEvent()
    fake.app.emit('will-quit', final)
    expect(final.defaultPrevented).toBe(false)
  })
})

describe('the aura:// protocol', () => {
  let dir: string
  let handle: (request: { method: string; url: string }) => Promise<Response>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-renderer-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Aura</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir, '..', 'aura-secret.txt'), 'secret')
    const { serveRenderer } = await import('./protocol')
    serveRenderer(dir, silentLogger)
    handle = fake.protocol.handlers.get('aura') as typeof handle
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
    rmSync(join(dir, '..', 'aura-secret.txt'), { force: true })
  })

  it('serves the built files with the strict CSP', async () => {
    const index = await handle({ method: 'GET', url: 'aura://app/index.html' })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await index.text()).toContain('<title>Aura</title>')

    const script = await handle({ method: 'GET', url: 'aura://app/assets/app.js' })
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log(1)')

    const route = await handle({ method: 'GET', url: 'aura://app/settings' })
    expect(await route.text()).toContain('<title>Aura</title>')

    const head = await handle({ method: 'HEAD', url: 'aura://app/' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('refuses traversal, other hosts, missing assets and writes — still with the CSP', async () => {
    for (const url of [
      'aura://app/..%2faura-secret.txt',
      'aura://app/assets/..%2f..%2faura-secret.txt',
      'aura://app/..%5caura-secret.txt',
      'aura://other/index.html',
      'aura://app/assets/missing.js',
    ]) {
      const response = await handle({ method: 'GET', url })
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('secret')
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    }
    expect((await handle({ method: 'POST', url: 'aura://app/index.html' })).status).toBe(405)
  })
})

describe('development against the Vite dev server', () => {
  it('loads the dev server and gives it a CSP that allows HMR', async () => {
    const { rendererSource } = await import('./appUrl')
    const { applyDevContentSecurityPolicy } = await import('./security')
    const source = rendererSource('http://localhost:5173', false)
    applyDevContentSecurityPolicy(fake.session.defaultSession as never, source)
    const { filter, listener } = fake.session.defaultSession.headerListeners.at(-1)!
    expect(filter).toEqual({ urls: ['http://localhost:5173/*'] })

    let result: { responseHeaders: Record<string, string[]> } | undefined
    listener({ responseHeaders: { 'content-security-policy': ['x'], 'Content-Type': ['text/html'] } }, (r: typeof result) => (result = r))
    expect(result!.responseHeaders['content-security-policy']).toBeUndefined()
    expect(result!.responseHeaders['Content-Type']).toEqual(['text/html'])
    expect(result!.responseHeaders['Content-Security-Policy']![0]).toContain('connect-src \'self\' ws://localhost:5173')
  })
})

describe('the settings adapter', () => {
  it('keeps running on defaults, in memory, when the settings file cannot be opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-ports-'))
    mkdirSync(join(dir, 'settings.json')) // a folder where the file should be
    try {
      const { createElectronPorts } = await import('./adapters')
      const ports = await createElectronPorts({ dataDir: dir }, silentLogger)
      expect(ports.startupNotices).toEqual([expect.objectContaining({ level: 'error' })])
      expect(ports.settingsStore.read()).toEqual({})
      ports.settingsStore.write({ threads: 3 })
      expect(ports.settingsStore.read()).toEqual({ threads: 3 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('opens a valid settings file as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-ports-'))
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ threads: 4, temperature: 0.1 }))
    try {
      const { createElectronPorts } = await import('./adapters')
      const ports = await createElectronPorts({ dataDir: dir }, silentLogger)
      expect(ports.startupNotices).toEqual([])
      expect(ports.settingsStore.read()).toEqual({ threads: 4, temperature: 0.1 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
