import { BrowserWindow, nativeTheme } from 'electron'
import type { Logger } from '../services/ports'
import type { RendererSource } from './appUrl'

/** Behind the page while it loads, so the window never flashes the wrong colour. */
const background = () => (nativeTheme.shouldUseDarkColors ? '#0f1115' : '#ffffff')

export interface MainWindowOptions {
  /** The built preload: `out/preload/index.cjs`. */
  preload: string
  /** The window icon (used on Linux and Windows; macOS takes the bundle's icon). */
  icon?: string
  source: RendererSource
  logger: Logger
}

export function createMainWindow({ preload, icon, source, logger }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Aura',
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 500,
    show: false,
    backgroundColor: background(),
    ...(icon && process.platform !== 'darwin' ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  })

  window.once('ready-to-show', () => window.show())

  const followTheme = () => {
    if (!window.isDestroyed()) window.setBackgroundColor(background())
  }
  nativeTheme.on('updated', followTheme)
  window.once('closed', () => nativeTheme.off('updated', followTheme))

  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame) return
    logger.error('The window could not load Aura', { code, description, url })
    // Show the window anyway, so a failure is visible rather than an app that never appears.
    if (!window.isDestroyed() && !window.isVisible()) window.show()
  })
  let lastCrash = 0
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('The window stopped unexpectedly', { reason: details.reason, exitCode: details.exitCode })
    // Bring the page back once; a page that keeps crashing is left alone rather than looped.
    const now = Date.now()
    if (details.reason !== 'clean-exit' && now - lastCrash > 30_000 && !window.isDestroyed()) {
      lastCrash = now
      window.webContents.reload()
    }
  })

  window.loadURL(source.url).catch((error: unknown) => {
    logger.error('Could not load the page', { url: source.url, error: String(error) })
  })
  return window
}
