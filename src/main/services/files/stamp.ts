import { statSync, type Stats } from 'node:fs'

/** What changes whenever a file is written, appended to, replaced or removed (by any process). */
export function stampOf(stat: Stats | null): string {
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : 'absent'
}

/** The file's stamp now; 'absent' when it does not exist (or cannot be read). */
export function fileStamp(file: string): string {
  try {
    return stampOf(statSync(file))
  } catch {
    return stampOf(null)
  }
}
