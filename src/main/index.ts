/**
 * Aura's Electron entry: app lifecycle only. The window, its security and the IPC bridge live in
 * ./electron; everything Aura does lives in ./services (plain Node, shared with the host and CLI).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app } from 'electron'
import { createServices, type Services } from './services/createServices'
import { alsoToFile } from './services/logFile'
import { stderrLogger } from './services/ports'
import { logUncaughtErrors } from './services/processErrors'
import { redactingLogger } from './services/vault'
import { createElectronPorts } from './electron/adapters'
import { answerRelaunch, type AppPhase, type RelaunchTrigger } from './electron/lifecycle'
import { prepareShell, showFatalError, startShell, type Shell } from './electron/shell'

/** A model that will not unload must not keep Aura from quitting. */
const DISPOSE_TIMEOUT_MS = 10_000

const mainDir = dirname(fileURLToPath(import.meta.url))
const dataDir = prepareShell()
// Also in a file in the OS's log folder (after prepareShell: AURA_DATA_DIR moves it too), for
// when Aura was started from the Start menu or Finder and stderr goes nowhere; About shows where.
const logFile = join(app.getPath('logs'), 'aura.log')
const logger = alsoToFile(stderrLogger, logFile)
// Errors nobody handled are logged, redacted (the services' logger knows the keys), and Aura keeps running.
let services: Services | null = null
const beforeServices = redactingLogger(logger, () => [])
logUncaughtErrors(() => services?.logger ?? beforeServices)

if (!app.requestSingleInstanceLock()) {
  // Aura is already running with this data folder: it gets focus (see 'second-instance').
  app.quit()
} else {
  let shell: Shell | null = null
  let phase: AppPhase = 'starting'
  let relaunchAfterQuit = false
  const relaunched = (trigger: RelaunchTrigger) => {
    const answer = answerRelaunch(phase, trigger)
    if (answer === 'show-window') shell?.showWindow()
    else if (answer === 'relaunch-after-quit') relaunchAfterQuit = true
  }

  app.on('second-instance', () => relaunched('second-instance'))
  app.on('activate', () => relaunched('activate'))
  app.on('before-quit', () => {
    phase = 'quitting'
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app
    .whenReady()
    .then(async () => {
      if (process.platform === 'win32') app.setAppUserModelId('app.aura.desktop')
      services = createServices(await createElectronPorts({ dataDir, logFile }, logger))
      // From here on the shell logs through the services' logger, which redacts keys.
      shell = startShell({ services, mainDir, logger: services.logger })
      // Other apps reach Aura too while "Let other apps use Aura" is on (docs/api.md).
      void services.serveApi()
      // Documents: indexing left unfinished resumes, collections' folders are followed (docs/documents.md).
      services.documents.start()
      if (phase === 'starting') phase = 'running'
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
    phase = 'quitting'
    event.preventDefault()
    cleanup ??= (async () => {
      shell?.dispose()
      if (services) await withTimeout(services.dispose(), DISPOSE_TIMEOUT_MS)
    })()
      .catch((error: unknown) => logger.error('Aura did not shut down cleanly', { error: String(error) }))
      .finally(() => {
        cleanedUp = true
        if (relaunchAfterQuit) app.relaunch()
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
