import type { Dirent } from 'node:fs'
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { PRIVATE_FILE_MODE } from '../files'

/**
 * A download's journal: `<models>/<file>.part.json`, beside the (first) `.part` file. It holds what
 * the Hub said at start (sizes, SHA-256, URLs) and how many bytes of each part are safely on disk,
 * so Aura can resume after a restart without asking the user anything.
 */
export const JOURNAL_SUFFIX = '.part.json'
export const PART_SUFFIX = '.part'

const PartSchema = z.object({
  /** Path in the repo, and below the models folder. */
  file: z.string().min(1),
  url: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().nullable(),
  /** Bytes at the start of the `.part` that were written and synced before this journal was. */
  confirmedBytes: z.number().int().nonnegative(),
  /** The whole part is on disk and its SHA-256 matched; it waits for the other parts. */
  verified: z.boolean(),
})
export type JournalPart = z.infer<typeof PartSchema>

const JournalSchema = z.object({
  version: z.literal(1),
  repo: z.string().min(1),
  /** The file asked for (the first part of a split model). */
  file: z.string().min(1),
  modelId: z.string().min(1),
  startedAt: z.number(),
  parts: z.array(PartSchema).min(1),
})
export type Journal = z.infer<typeof JournalSchema>

export function journalPath(modelsDir: string, file: string): string {
  return join(modelsDir, file + JOURNAL_SUFFIX)
}

/** The journal, or null when there is none or it cannot be used (a damaged journal only costs a fresh start). */
export async function readJournal(path: string): Promise<Journal | null> {
  try {
    const parsed = JournalSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Written beside and renamed over, so a crash mid-write leaves the previous journal whole. */
export async function writeJournal(path: string, journal: Journal): Promise<void> {
  const temp = `${path}.tmp`
  // Which models the user fetches is theirs alone; the model files themselves are not private.
  await writeFile(temp, JSON.stringify(journal), { mode: PRIVATE_FILE_MODE })
  await rename(temp, path)
}

export async function removeJournal(path: string): Promise<void> {
  await rm(path, { force: true })
  await rm(`${path}.tmp`, { force: true })
}

/** Every journal below the models folder (the files a previous run left unfinished). */
export async function findJournals(modelsDir: string, maxDepth = 8): Promise<string[]> {
  const found: string[] = []
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory() && !entry.name.startsWith('.') && depth < maxDepth) await walk(path, depth + 1)
      else if (entry.isFile() && entry.name.endsWith(JOURNAL_SUFFIX)) found.push(path)
    }
  }
  await walk(modelsDir, 1)
  return found.sort()
}
