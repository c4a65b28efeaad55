import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { logLine, type Logger } from './ports'

/** A log file stops growing here: it moves to `<file>.old` (one kept) and starts again. */
const MAX_LOG_BYTES = 2 * 1024 * 1024

/**
 * Every line `logger` gets, also appended to `file` with its time and level: where a person (or
 * support) finds why something failed when Aura was started from the Start menu or Finder, with
 * no terminal for stderr. Wrap the result in the redacting logger like any other. A log that
 * cannot be written never stops Aura.
 */
export function alsoToFile(logger: Logger, file: string, now: () => Date = () => new Date()): Logger {
  let broken = false
  const write = (level: string, message: string, data?: Record<string, unknown>) => {
    if (broken) return
    try {
      mkdirSync(dirname(file), { recursive: true })
      if (sizeOf(file) > MAX_LOG_BYTES) renameSync(file, `${file}.old`)
      appendFileSync(file, `${now().toISOString()} ${level} ${logLine(message, data)}\n`, { mode: 0o600 })
    } catch {
      broken = true // a read-only or full disk: stderr still has it
    }
  }
  return {
    info: (message, data) => {
      logger.info(message, data)
      write('info', message, data)
    },
    warn: (message, data) => {
      logger.warn(message, data)
      write('warn', message, data)
    },
    error: (message, data) => {
      logger.error(message, data)
      write('error', message, data)
    },
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}
