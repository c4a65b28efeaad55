import { join } from 'node:path'
import { app, dialog, session, type BrowserWindow, type Session } from 'electron'
import { say } from '../../shared/i18n'
import type { Services } from '../services/createServices'
import { stderrLogger, type Logger } from '../services/ports'
import { rendererSource } from './appUrl'
import { resolveDataDir } from './adapters'
import { registerIpcBridge } from './ipc'
import { registerAppScheme, serveRenderer } from './protocol'
import { applyDevContentSecurityPolicy, denyPermissions, hardenAllWebContents, keepSpellcheckOffline } from './security'
import { createMainWindow } from './window'

/** The running Electron shell around the services: protocol, security policy, bridge, window. */
export interface Shell {
  /** Focus the window, or open it again (macOS keeps the app running with no window). */
  showWindow(): void
  /** Stop the bridge and the protocol (the services are disposed by their owner). */
  dispose(): void
}

/**
 * Everything that must happen before the app is ready: the sandbox for every renderer, the
 * aura:// scheme's privileges, the data folder. Returns the data folder.
 */
export function prepareShell(): string {
  // Every renderer sandboxed. enableSandbox() would also strip an explicit --no-sandbox, which
  // makes Chromium abort where its OS sandbox cannot work (root in a container, some Linux
  // setups for an unpackaged Electron; Playwright passes --no-sandbox on Linux): respect it
  // there. Windows are created with `sandbox: true` either way.
  if (app.commandLine.hasSwitch('no-sandbox')) stderrLogger.warn('Started with --no-sandbox: the OS sandbox is off')
  else app.enableSandbox()
  registerAppScheme()
  return resolveDataDir()
}

/**
 * Once the app is ready: the aura:// protocol, the security policy, the IPC bridge to `services`.
 * `mainDir` is the folder of the built main entry (`out/main`); the preload and renderer sit next to it.
 */
export function startShell({ services, mainDir, logger }: { services: Services; mainDir: string; logger: Logger }): Shell {
  const source = rendererSource(process.env.ELECTRON_RENDERER_URL, app.isPackaged)

  hardenAllWebContents(logger, source)
  denyPermissions(session.defaultSession, source)
  // Aura uses only the default session; any other one (a partition, a future sign-in window) gets
  // the same refusals the moment it exists (Electron's security checklist, item 5: all sessions).
  const hardenSession = (ses: Session) => denyPermissions(ses, source)
  app.on('session-created', hardenSession)
  keepSpellcheckOffline(session.defaultSession)
  applyDevContentSecurityPolicy(session.defaultSession, source)
  const stopServing = serveRenderer(join(mainDir, '../renderer'), logger)
  const stopBridge = registerIpcBridge(services, source, logger)

  let window: BrowserWindow | null = null
  const showWindow = () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
      return
    }
    window = createMainWindow({
      preload: join(mainDir, '../preload/index.cjs'),
      icon: join(mainDir, '../../resources/icon.png'),
      source,
      logger,
    })
    window.once('closed', () => {
      window = null
    })
  }

  let disposed = false
  return {
    showWindow,
    dispose: () => {
      if (disposed) return
      disposed = true
      app.off('session-created', hardenSession)
      stopBridge()
      stopServing()
    },
  }
}

/** For a failure before there is a window: tell the person, in words, then give up. */
export function showFatalError(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error)
  stderrLogger.error('Aura could not start', { error: error instanceof Error ? (error.stack ?? detail) : detail })
  dialog.showErrorBox(say('shell.cannotStart'), say('shell.cannotStartDetail', { detail }))
}
