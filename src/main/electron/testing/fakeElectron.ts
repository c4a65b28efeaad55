/**
 * A stand-in for the 'electron' module, for unit tests of the shell's wiring: the real package
 * must never be loaded in tests (Electron downloads its binary on first require, and cannot run on
 * the build machines). Only what src/main/electron and src/main/index.ts use, recorded for asserts.
 */
import { EventEmitter } from 'node:events'

type Handler = (...args: never[]) => unknown
type Listener = (...args: any[]) => unknown // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeEvent {
  defaultPrevented = false
  constructor(readonly url = '') {}
  preventDefault() {
    this.defaultPrevented = true
  }
}

export class FakeFrame {
  detached = false
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
  isDestroyed() {
    return false
  }
}

export class FakeWebContents extends EventEmitter {
  url = ''
  destroyed = false
  sent: unknown[][] = []
  reloads = 0
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly mainFrame = new FakeFrame('')
  getURL() {
    return this.url
  }
  isDestroyed() {
    return this.destroyed
  }
  isCrashed() {
    return false
  }
  send(...args: unknown[]) {
    this.sent.push(args)
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  reload() {
    this.reloads++
  }
}

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false })

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  paths: new Map<string, string>([['userData', '/tmp/aura-fake-user-data']]),
  calls: [] as string[],
  gotLock: true,
  commandLine: {
    switches: new Set<string>(),
    hasSwitch(name: string) {
      return app.commandLine.switches.has(name)
    },
  },
  enableSandbox() {
    app.calls.push('enableSandbox')
  },
  getPath(name: string) {
    return app.paths.get(name) ?? `/tmp/aura-fake-${name}`
  },
  setPath(name: string, value: string) {
    app.paths.set(name, value)
  },
  preferredLanguages: ['en-US'] as string[],
  getPreferredSystemLanguages() {
    return app.preferredLanguages
  },
  getVersion() {
    return '9.9.9'
  },
  requestSingleInstanceLock() {
    app.calls.push('requestSingleInstanceLock')
    return app.gotLock
  },
  whenReady() {
    app.calls.push('whenReady')
    return Promise.resolve()
  },
  setAppUserModelId() {},
  quit() {
    app.calls.push('quit')
  },
  exit(code: number) {
    app.calls.push(`exit:${code}`)
  },
  relaunch() {
    app.calls.push('relaunch')
  },
})

export class BrowserWindow extends EventEmitter {
  static windows: BrowserWindow[] = []
  static getAllWindows() {
    return BrowserWindow.windows.filter((window) => !window.destroyed)
  }
  static fromWebContents(contents: FakeWebContents) {
    return BrowserWindow.windows.find((window) => window.webContents === contents) ?? null
  }

  readonly webContents = new FakeWebContents()
  destroyed = false
  visible = false
  minimized = false
  focused = 0
  background: string
  constructor(readonly options: Record<string, unknown> & { backgroundColor: string }) {
    super()
    this.background = options.backgroundColor
    BrowserWindow.windows.push(this)
    app.emit('web-contents-created', new FakeEvent(), this.webContents)
  }
  loadURL(url: string) {
    this.webContents.url = url
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  show() {
    this.visible = true
  }
  isVisible() {
    return this.visible
  }
  focus() {
    this.focused++
  }
  isMinimized() {
    return this.minimized
  }
  restore() {
    this.minimized = false
  }
  isDestroyed() {
    return this.destroyed
  }
  setBackgroundColor(color: string) {
    this.background = color
  }
  /** Test helper: the user closes the window. */
  close() {
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, Listener>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocol.privileged.push(...schemes)
  },
  handle(scheme: string, handler: Listener) {
    protocol.handlers.set(scheme, handler)
  },
  unhandle(scheme: string) {
    protocol.handlers.delete(scheme)
  },
}

export const ipcMain = Object.assign(new EventEmitter(), {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener) {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    ipcMain.handlers.set(channel, handler)
  },
  removeHandler(channel: string) {
    ipcMain.handlers.delete(channel)
  },
})

export const session = {
  defaultSession: {
    handlers: {} as Record<string, Handler | null>,
    headerListeners: [] as { filter: { urls: string[] }; listener: Listener }[],
    setPermissionRequestHandler(handler: Handler) {
      session.defaultSession.handlers.request = handler
    },
    setPermissionCheckHandler(handler: Handler) {
      session.defaultSession.handlers.check = handler
    },
    setDevicePermissionHandler(handler: Handler) {
      session.defaultSession.handlers.device = handler
    },
    setDisplayMediaRequestHandler(handler: Handler) {
      session.defaultSession.handlers.displayMedia = handler
    },
    dictionaryUrl: null as string | null,
    setSpellCheckerDictionaryDownloadURL(url: string) {
      session.defaultSession.dictionaryUrl = url
    },
    webRequest: {
      onHeadersReceived(filter: { urls: string[] }, listener: Listener) {
        session.defaultSession.headerListeners.push({ filter, listener })
      },
    },
  },
}

export const shell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  openExternal(url: string) {
    shell.opened.push(url)
    return Promise.resolve()
  },
  /** Like Electron: resolves with an error string, '' on success. */
  openPath(path: string) {
    shell.openedPaths.push(path)
    return Promise.resolve('')
  },
}

/** Like a desktop whose keychain is locked away: the services use their key file. */
export const safeStorage = {
  isAsyncEncryptionAvailable: () => Promise.resolve(false),
  getSelectedStorageBackend: () => 'basic_text',
  encryptStringAsync: (plain: string) => Promise.resolve(Buffer.from(plain)),
  decryptStringAsync: (sealed: Buffer) => Promise.resolve({ result: sealed.toString(), shouldReEncrypt: false }),
}

export const dialog = {
  errors: [] as string[][],
  showErrorBox(title: string, content: string) {
    dialog.errors.push([title, content])
  },
}

export default { app, BrowserWindow, dialog, ipcMain, nativeTheme, protocol, safeStorage, session, shell }
