/** The download's files and the Hub's description of them: pure helpers for the manager. */
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { AuraError, type AuraErrorShape } from '../../../shared/api'
import { say, words } from '../../../shared/i18n'
import type { HubFileSource } from '../hub/types'
import { errorCode } from './http'
import { PART_SUFFIX, type JournalPart } from './journal'

/** A failure nobody planned for (the file system, mostly), in words the user can act on. */
export function unexpectedFailure(entry: { file: string; dir: string }, error: unknown): AuraErrorShape {
  const code = errorCode(error)
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return { code: 'disk_full', message: say('downloads.diskFull', { file: entry.file }) }
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return {
      code: 'download_failed',
      message: say('downloads.notAllowed', { dir: entry.dir }),
    }
  }
  // The raw reason ("EIO: i/o error, write") is for a maintainer (the manager logs it), not the row.
  return {
    code: 'download_failed',
    message: say('downloads.stopped', { file: entry.file }),
  }
}

/**
 * The refusal of a file that is not a model (a README.md, a config): only GGUF files are, and one
 * named otherwise would be installed as a model that cannot load. `models`, when known, are the choices.
 */
export function notAModel(input: { repo: string; file: string }, models: string[] = []): AuraError {
  return new AuraError(
    'invalid_input',
    models.length > 0 ? words('downloads.notAModelChoose', { file: input.file, repo: input.repo, models: models.join(', ') }) : words('downloads.notAModel', { file: input.file, repo: input.repo }),
    { repo: input.repo, file: input.file },
  )
}

/** Stable across restarts, so the page keeps its row for a resumed download. */
export function idFor(file: string): string {
  return createHash('sha256').update(file).digest('hex').slice(0, 16)
}

export function partPath(dir: string, file: string): string {
  return join(dir, file + PART_SUFFIX)
}

export function partFrom(source: HubFileSource): JournalPart {
  return { file: source.file, url: source.url, sizeBytes: source.sizeBytes, sha256: source.sha256, confirmedBytes: 0, verified: false }
}

export function remaining(parts: JournalPart[]): number {
  return parts.reduce((sum, part) => sum + (part.verified ? 0 : Math.max(0, part.sizeBytes - part.confirmedBytes)), 0)
}

/** What of a journal's part is really on disk: a shorter `.part` wins, a verified part must be whole. */
export async function partOnDisk(dir: string, part: JournalPart): Promise<JournalPart> {
  let size = 0
  try {
    size = (await stat(partPath(dir, part.file))).size
  } catch {
    // gone: start the part over
  }
  const verified = part.verified && size === part.sizeBytes
  return { ...part, verified, confirmedBytes: verified ? size : Math.min(part.confirmedBytes, size) }
}

export async function allInstalled(dir: string, parts: { file: string; sizeBytes: number }[]): Promise<boolean> {
  for (const part of parts) {
    try {
      if ((await stat(join(dir, part.file))).size !== part.sizeBytes) return false
    } catch {
      return false
    }
  }
  return true
}

export function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, resolve(dir, file))
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** The Hub's answer, checked: at least one part, sizes known, every path inside the models folder. */
export function checkSources(dir: string, input: { repo: string; file: string }, sources: HubFileSource[]): HubFileSource[] {
  if (sources.length === 0) throw new AuraError('not_found', words('downloads.notFound', { file: input.file, repo: input.repo }))
  for (const source of sources) {
    if (!isInside(dir, source.file)) throw new AuraError('download_failed', words('downloads.outside', { file: source.file }))
    if (!Number.isSafeInteger(source.sizeBytes) || source.sizeBytes < 0) {
      throw new AuraError('download_failed', words('downloads.noSize', { file: source.file }))
    }
  }
  return sources.map((source) => ({ ...source, sha256: source.sha256?.toLowerCase() ?? null }))
}
