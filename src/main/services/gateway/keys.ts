import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AuraError } from '../../../shared/api'
import { fileStamp, makePrivateDir, PRIVATE_FILE_MODE, withLockSync } from '../files'
import type { Clock } from '../ports'

/** What Aura keeps of an app's key: never the key, only its SHA-256. */
const AppKeySchema = z.object({
  name: z.string().min(1).max(80),
  /** Hex SHA-256 of the key. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The key's last 4 characters, to tell keys apart in a list. */
  last4: z.string(),
  createdAt: z.number(),
  /** Cloud spending this app may do per day (USD); null: only the user's own budgets apply. */
  dailyBudgetUsd: z.number().min(0).nullable(),
  /** Nothing this app sends leaves the computer. */
  localOnly: z.boolean(),
})
export type AppKey = z.infer<typeof AppKeySchema>

const FileSchema = z.object({ keys: z.array(AppKeySchema) })

/** Keys look like `aura-` and 43 base64url characters (256 random bits). */
const PREFIX = 'aura-'

/**
 * The keys other apps use to reach Aura's API, one per app, in `<data dir>/api-keys.json` (0600),
 * shared by every process on the data folder (the app, `aura api serve`, `aura api keys`): changes
 * are read-modify-write under the file's lock; reads are cached until the file changes.
 */
export class AppKeys {
  private cached: { stamp: string; keys: AppKey[] } | null = null

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {}

  list(): AppKey[] {
    const stamp = fileStamp(this.file)
    if (this.cached?.stamp !== stamp) {
      let keys: AppKey[] = []
      try {
        keys = FileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))).keys
      } catch {
        // Missing or unreadable: no app may use the API until a key is made.
      }
      this.cached = { stamp, keys }
    }
    return this.cached.keys
  }

  /** Makes a key for `name`; the key itself is returned this once and never kept. */
  create(name: string, options: { dailyBudgetUsd?: number | null; localOnly?: boolean } = {}): { key: string; app: AppKey } {
    const trimmed = name.trim()
    if (!trimmed || trimmed.length > 80) throw new AuraError('invalid_input', 'Give the app a name of 1 to 80 characters, such as "Claude Code" or "my script".')
    const key = PREFIX + randomBytes(32).toString('base64url')
    const app: AppKey = {
      name: trimmed,
      hash: sha256(key),
      last4: key.slice(-4),
      createdAt: this.clock.now(),
      dailyBudgetUsd: options.dailyBudgetUsd ?? null,
      localOnly: options.localOnly ?? false,
    }
    this.change((keys) => {
      if (keys.some((k) => k.name.toLowerCase() === trimmed.toLowerCase())) {
        throw new AuraError('invalid_input', `There is already a key for "${trimmed}". Revoke it first, or choose another name.`)
      }
      return [...keys, app]
    })
    return { key, app }
  }

  /** Revokes the key of `name`: the app is refused from its next request. */
  revoke(name: string): void {
    this.change((keys) => {
      const left = keys.filter((k) => k.name.toLowerCase() !== name.trim().toLowerCase())
      if (left.length === keys.length) throw new AuraError('not_found', `There is no key for "${name}". See the keys with: aura api keys list`)
      return left
    })
  }

  /** The app a presented key belongs to, or null; every stored hash is compared in constant time. */
  verify(key: string): AppKey | null {
    const presented = Buffer.from(sha256(key), 'hex')
    let found: AppKey | null = null
    for (const app of this.list()) {
      if (timingSafeEqual(presented, Buffer.from(app.hash, 'hex'))) found = app
    }
    return found
  }

  private change(update: (keys: AppKey[]) => AppKey[]): void {
    makePrivateDir(dirname(this.file))
    withLockSync(this.file, 'the API keys', () => {
      this.cached = null
      const next = update(this.list())
      const temp = `${this.file}.${process.pid}.tmp`
      writeFileSync(temp, `${JSON.stringify({ keys: next }, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
      renameSync(temp, this.file)
    })
    this.cached = null
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
