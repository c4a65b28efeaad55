import { existsSync, readFileSync, renameSync } from 'node:fs'

/**
 * If `file` exists but is not valid JSON (garbled, truncated, empty), move it aside next to itself
 * as `<file>.damaged-<timestamp>` — content untouched, so nothing the user had is lost — and say
 * where it went. A valid file, or no file at all, is left alone (`null`).
 *
 * Call it before handing the file to a store (`conf` / electron-store throw on invalid JSON), then
 * tell the user. Errors other than "missing" (permissions, a directory in the way) are thrown.
 * `fits` says whether valid JSON has the file's shape (e.g. an object of strings); what does not is damaged too.
 */
export function quarantineDamagedJson(file: string, now: number, fits: (parsed: unknown) => boolean = () => true): { movedTo: string } | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }

  try {
    // The same check the stores make: UTF-8 text that JSON.parse accepts (a BOM is damage too).
    if (fits(JSON.parse(text))) return null
  } catch {
    // damaged: set it aside below
  }

  const base = `${file}.damaged-${timestamp(now)}`
  let movedTo = base
  for (let n = 1; existsSync(movedTo); n++) movedTo = `${base}-${n}`
  renameSync(file, movedTo)
  return { movedTo }
}

/** `2025-11-21T23-56-00-000Z`: sortable, readable, and valid in file names on every OS. */
function timestamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-')
}
