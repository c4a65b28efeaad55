import { randomUUID } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AssistantSchema, AuraError, type Assistant } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { fileStamp, makePrivateDir, PRIVATE_FILE_MODE, withLockSync } from '../files'
import { BUILT_IN_ASSISTANTS } from './builtIns'

/** What the user gives for an assistant of their own. */
export type AssistantFields = Pick<Assistant, 'name' | 'description' | 'instructions' | 'modelId' | 'temperature'>

const StoredSchema = z.object({ assistants: z.array(AssistantSchema.omit({ builtIn: true })) })

/**
 * Assistants ("presets" for new chats): Aura's built-ins and the user's own, the latter in
 * `<data dir>/assistants.json` (0600). Shared by every process on the data folder: each change is
 * read-modify-write under the file's lock and replaces the file atomically.
 */
export class AssistantStore {
  private cached: { stamp: string; own: Assistant[] } | null = null

  constructor(private readonly file: string) {}

  /** The built-ins first, then the user's own in the order made. */
  list(): Assistant[] {
    return [...BUILT_IN_ASSISTANTS, ...this.own()]
  }

  get(id: string): Assistant {
    const assistant = this.list().find((candidate) => candidate.id === id)
    if (!assistant) throw new AuraError('not_found', words('assistants.gone'))
    return assistant
  }

  /** Creates one (no `id`) or changes one of the user's own. */
  save(fields: AssistantFields & { id?: string }): Assistant {
    if (fields.id && BUILT_IN_ASSISTANTS.some((builtIn) => builtIn.id === fields.id)) {
      throw new AuraError('invalid_input', words('assistants.builtInChange'))
    }
    const saved: Assistant = { ...fields, id: fields.id ?? randomUUID(), name: fields.name.trim(), builtIn: false }
    this.change((own) => {
      const at = own.findIndex((candidate) => candidate.id === saved.id)
      if (fields.id && at === -1) throw new AuraError('not_found', words('assistants.gone'))
      return at === -1 ? [...own, saved] : own.map((candidate, i) => (i === at ? saved : candidate))
    })
    return saved
  }

  delete(id: string): void {
    if (BUILT_IN_ASSISTANTS.some((builtIn) => builtIn.id === id)) throw new AuraError('invalid_input', words('assistants.builtInDelete'))
    this.change((own) => own.filter((candidate) => candidate.id !== id))
  }

  private own(): Assistant[] {
    const stamp = fileStamp(this.file)
    if (this.cached?.stamp !== stamp) {
      let own: Assistant[] = []
      try {
        const parsed = StoredSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')))
        if (parsed.success) own = parsed.data.assistants.map((assistant) => ({ ...assistant, builtIn: false }))
      } catch {
        // Missing or unreadable: none of the user's own.
      }
      this.cached = { stamp, own }
    }
    return this.cached.own
  }

  private change(update: (own: Assistant[]) => Assistant[]): void {
    makePrivateDir(dirname(this.file))
    withLockSync(this.file, 'files.whatAssistants', () => {
      this.cached = null
      const next = update(this.own()).map(({ builtIn: _, ...rest }) => rest)
      const temp = `${this.file}.${process.pid}.tmp`
      writeFileSync(temp, `${JSON.stringify({ assistants: next }, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
      renameSync(temp, this.file)
    })
    this.cached = null
  }
}
