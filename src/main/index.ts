/**
 * Aura's Electron entry: app lifecycle only. The window, its security and the IPC bridge live in
 * ./electron; everything Aura does lives in ./services (plain Node, shared with the host and CLI).
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app } from 'electron'
import { createServices, type Services } from './services/createServices'
import { stderrLogger } from './services/ports'
import { logUncaughtErrors } from './services/processErrors'
import { redactingLogger } from './services/vault'
import { createElectronPorts } from './electron/adapters'
import { prepareShell, showFatalError, startShell, type Shell } from './electron/shell'

/** A model that will not unload must not keep Aura from quitting. */
const DISPOSE_TIMEOUT_MS = 10_000

const mainDir = dirname(fileURLToPath(import.meta.url))
const logger = stderrLogger
const dataDir = prepareShell()
// Errors nobody handled are logged, redacted (the services' logger knows the keys), and Aura keeps running.
let services: Services | null = null
const beforeServices = redactingLogger(logger, () => [])
logUncaughtErrors(() => services?.logger ?? beforeServices)

if (!app.requestSingleInstanceLock()) {
  // Aura is already running with this data folder: it gets focus (see 'second-instance').
  app.quit()
} else {
  let shell: Shell | null = null

  app.on('second-instance', () => shell?.showWindow())
  app.on('activate', () => shell?.showWindow())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app
    .whenReady()
    .then(() => {
      if (process.platform === 'win32') app.setAppUserModelId('app.aura.desktop')
      services = createServices(createElectronPorts(dataDir, logger))
      // From here on the shell logs through the services' logger, which redacts keys.
      shell = startShell({ services, mainDir, logger: services.logger })
      // Other apps reach Aura too while "Let other apps use Aura" is on (docs/api.md).
      void services.serveApi()
      // Documents: indexing left unfinished resumes, collections' folders are followed (docs/documents.md).
      services.documents.start()
      shell.showWindow()
    })
    .catch((error: unknown) => {
      showFatalError(error)
      app.exit(1)
    })

  // Quitting waits once for the services to stop (unload models, finish writes), then goes on.
  let cleanup: Promise<void> | null = null
  let cleanedUp = false
  app.on('will-quit', (event) => {
    if (cleanedUp) return
    event.preventDefault()
    cleanup ??= (async () => {
      shell?.dispose()
      if (services) await withTimeout(services.dispose(), DISPOSE_TIMEOUT_MS)
    })()
      .catch((error: unknown) => logger.error('Aura did not shut down cleanly', { error: String(error) }))
      .finally(() => {
        cleanedUp = true
        app.quit()
      })
  })

  // Ctrl+C / kill in a terminal (e.g. `npm start`) quits the same careful way; a second one is final.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit())
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms`)), ms)
    promise.then(resolve, reject).finally(() => clearTimeout(timer))
  })
}
