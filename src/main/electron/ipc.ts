import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { fail, type Envelope } from '../../shared/api'
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../shared/channels'
import type { Logger } from '../services/ports'
import type { Services } from '../services/createServices'
import { isAppUrl, type RendererSource } from './appUrl'

/**
 * The whole bridge: one request channel in, one event channel out. Main validates the sender of
 * every request; the services validate the procedure and its input (zod) and never throw.
 */
export function registerIpcBridge(services: Services, source: RendererSource, logger: Logger): () => void {
  ipcMain.handle(REQUEST_CHANNEL, async (event, procedure: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, source)) {
      logger.warn('Refused a request from an unknown sender', { url: event.senderFrame?.url ?? null })
      return fail({ code: 'unauthorized', message: 'This page is not allowed to talk to Aura.' })
    }
    if (typeof procedure !== 'string') {
      return fail({ code: 'invalid_input', message: 'A request needs a procedure name.' })
    }
    try {
      return await services.dispatch(procedure, input)
    } catch (error) {
      // dispatch() never throws by contract; this is only a last line of defence.
      logger.error('A request failed unexpectedly', { procedure, error: String(error) })
      return fail({ code: 'internal', message: 'Something went wrong inside Aura.' })
    }
  })

  const stopForwarding = services.onEvent((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (window.isDestroyed()) continue
      const contents = window.webContents
      if (contents.isDestroyed() || contents.isCrashed() || !isAppUrl(contents.getURL(), source)) continue
      contents.send(EVENT_CHANNEL, name, payload)
    }
  })

  return () => {
    stopForwarding()
    ipcMain.removeHandler(REQUEST_CHANNEL)
  }
}

/**
 * A request is ours when it comes from the top frame of one of our windows, showing our page
 * (`aura://app` in production, the dev server in development).
 */
export function isTrustedSender(event: IpcMainInvokeEvent, source: RendererSource): boolean {
  const frame = event.senderFrame
  if (!frame || frame.isDestroyed() || frame.detached || frame.parent !== null) return false
  if (!BrowserWindow.fromWebContents(event.sender)) return false
  return isAppUrl(frame.url, source)
}
