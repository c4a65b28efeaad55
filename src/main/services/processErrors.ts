import type { Logger } from './ports'

/**
 * Process-wide handlers for errors nothing else caught, for the desktop app's main process and
 * `aura serve` / the CLI. Each is logged through `logger()` — the services' redacting logger once
 * they exist — so a key inside an error never reaches stderr in the clear (Electron's default would
 * show it in a dialog; Node's default would print it and end the process).
 *
 * Both kinds keep the process running: a rejected promise nobody awaited has already stopped its
 * own work, and an exception thrown from a callback ends only that callback. What the services
 * keep on disk is written whole (temporary file, then rename), so nothing is left half-written;
 * what runs in memory is per request. Ending the app would lose the user's other work in flight.
 * Returns a function that removes the handlers.
 */
export function logUncaughtErrors(logger: () => Logger): () => void {
  const rejection = (reason: unknown): void => {
    logger().error('An error went unhandled; Aura keeps running', { kind: 'unhandledRejection', error: reason })
  }
  const exception = (error: Error, origin: string): void => {
    logger().error('An error went unhandled; Aura keeps running', { kind: origin, error })
  }
  process.on('unhandledRejection', rejection)
  process.on('uncaughtException', exception)
  return () => {
    process.off('unhandledRejection', rejection)
    process.off('uncaughtException', exception)
  }
}
