import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
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
  /** The models this app may use (ids as GET /v1/models lists them); empty: all of them. Files from before it have none. */
  allowedModels: z.array(z.string().min(1)).default([]),
})
export type AppKey = z.infer<typeof AppKeySchema>

/** What the user may change of a key after it is made (never its name or the key itself). */
export type AppKeyLimits = Pick<AppKey, 'dailyBudgetUsd' | 'localOnly' | 'allowedModels'>

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
  /** Keys of this process only (the page's Test button), never written: they end with the process. */
  private readonly session: { key: string; app: AppKey }[] = []

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
  create(name: string, options: Partial<AppKeyLimits> = {}): { key: string; app: AppKey } {
    const trimmed = name.trim()
    if (!trimmed || trimmed.length > 80) throw new AuraError('invalid_input', words('apps.name'))
    const { key, app } = this.make(trimmed, options)
    this.change((keys) => {
      if (keys.some((k) => sameName(k.name, trimmed))) {
        throw new AuraError('invalid_input', words('apps.taken', { name: trimmed }))
      }
      return [...keys, app]
    })
    return { key, app }
  }

  /** Changes what the app of `name` may do, from its next request on. */
  update(name: string, limits: Partial<AppKeyLimits>): AppKey {
    this.change((keys) => {
      if (!keys.some((k) => sameName(k.name, name))) throw new AuraError('not_found', words('apps.noKey', { name }))
      return keys.map((k) => (sameName(k.name, name) ? { ...k, ...limits, ...(limits.allowedModels && { allowedModels: unique(limits.allowedModels) }) } : k))
    })
    return this.list().find((k) => sameName(k.name, name))!
  }

  /**
   * A key that lives only in this process's memory, for `name` (made on first use): Aura's own
   * requests to its listener (the Test button) pass the same key check as any app, and nothing is
   * written, listed or left behind.
   */
  sessionKey(name: string): string {
    let made = this.session.find((s) => s.app.name === name)
    if (!made) {
      made = this.make(name, {})
      this.session.push(made)
    }
    return made.key
  }

  /** Revokes the key of `name`: the app is refused from its next request. */
  revoke(name: string): void {
    this.change((keys) => {
      const left = keys.filter((k) => !sameName(k.name, name))
      if (left.length === keys.length) throw new AuraError('not_found', words('apps.noKey', { name }))
      return left
    })
  }

  /** The app a presented key belongs to, or null; every stored hash is compared in constant time. */
  verify(key: string): AppKey | null {
    const presented = Buffer.from(sha256(key), 'hex')
    let found: AppKey | null = null
    for (const app of [...this.list(), ...this.session.map((s) => s.app)]) {
      if (timingSafeEqual(presented, Buffer.from(app.hash, 'hex'))) found = app
    }
    return found
  }

  private make(name: string, options: Partial<AppKeyLimits>): { key: string; app: AppKey } {
    const key = PREFIX + randomBytes(32).toString('base64url')
    const app: AppKey = {
      name,
      hash: sha256(key),
      last4: key.slice(-4),
      createdAt: this.clock.now(),
      dailyBudgetUsd: options.dailyBudgetUsd ?? null,
      localOnly: options.localOnly ?? false,
      allowedModels: unique(options.allowedModels ?? []),
    }
    return { key, app }
  }

  private change(update: (keys: AppKey[]) => AppKey[]): void {
    makePrivateDir(dirname(this.file))
    withLockSync(this.file, 'files.whatApiKeys', () => {
      this.cached = null
      const next = update(this.list())
      const temp = `${this.file}.${process.pid}.tmp`
      writeFileSync(temp, `${JSON.stringify({ keys: next }, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
      renameSync(temp, this.file)
    })
    this.cached = null
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()).filter(Boolean))]
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
