import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AuraError } from '../../../shared/api'
import { fileStamp, makePrivateDir, PRIVATE_FILE_MODE, withLockSync } from '../files'
import type { SecretStore } from '../vault'
import { words } from '../../../shared/i18n'

const ToolSettingsSchema = z.object({ enabled: z.boolean().optional(), permission: z.enum(['ask', 'always']).optional() })

/** A server as kept on disk: how to reach it, and the user's choices for its tools. Never its env or header values. */
const ServerConfigSchema = z.object({
  name: z.string().min(1),
  command: z.string().nullable(),
  args: z.array(z.string()),
  url: z.string().nullable(),
  enabled: z.boolean(),
  galleryId: z.string().nullable(),
  /** Per tool (by its name on the server): only what differs from on / ask. */
  tools: z.record(z.string(), ToolSettingsSchema),
})
export type ServerConfig = z.infer<typeof ServerConfigSchema>

const FileSchema = z.object({ servers: z.array(ServerConfigSchema) })

/** What is sealed of a server: its environment and header values (API tokens live there). */
export interface ServerSecrets {
  env: Record<string, string>
  headers: Record<string, string>
}

/**
 * The user's MCP servers in `<data dir>/mcp.json` (0600), shared by every process on the data folder
 * (the app, `aura mcp …`): changes are read-change-write under the file's lock, reads cached until it
 * changes. Environment and header values are sealed in the keys file (secrets.json), as keys are.
 */
export class McpStore {
  private cached: { stamp: string; servers: ServerConfig[]; unreadable: boolean } | null = null

  constructor(
    private readonly file: string,
    private readonly secrets: Pick<SecretStore, 'get' | 'set'>,
  ) {}

  list(): ServerConfig[] {
    return this.read().servers
  }

  private read(): { servers: ServerConfig[]; unreadable: boolean } {
    const stamp = fileStamp(this.file)
    if (this.cached?.stamp !== stamp) {
      let servers: ServerConfig[] = []
      let unreadable = false
      try {
        servers = FileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))).servers
      } catch {
        // Missing: no servers yet. Unreadable: none either, and never written over (see change()).
        unreadable = existsSync(this.file)
      }
      this.cached = { stamp, servers, unreadable }
    }
    return this.cached
  }

  find(name: string): ServerConfig | undefined {
    return this.list().find((server) => sameName(server.name, name))
  }

  get(name: string): ServerConfig {
    const server = this.find(name)
    if (!server) throw new AuraError('not_found', words('mcp.noServer', { name }))
    return server
  }

  secretsOf(name: string): ServerSecrets {
    try {
      const opened = JSON.parse(this.secrets.get(secretName(name)) ?? '{}') as Partial<ServerSecrets>
      return { env: opened.env ?? {}, headers: opened.headers ?? {} }
    } catch {
      return { env: {}, headers: {} }
    }
  }

  add(server: ServerConfig, secrets: ServerSecrets): void {
    this.change((servers) => {
      if (servers.some((s) => sameName(s.name, server.name))) throw new AuraError('invalid_input', words('mcp.nameTaken', { name: server.name }))
      return [...servers, server]
    })
    this.seal(server.name, secrets)
  }

  /** Changes one server; `secrets` replaces its sealed values when given. */
  update(name: string, change: (server: ServerConfig) => ServerConfig, secrets?: ServerSecrets): ServerConfig {
    this.get(name)
    this.change((servers) => servers.map((s) => (sameName(s.name, name) ? change(s) : s)))
    if (secrets) this.seal(name, secrets)
    return this.get(name)
  }

  remove(name: string): void {
    this.get(name)
    this.change((servers) => servers.filter((s) => !sameName(s.name, name)))
    this.secrets.set(secretName(name), null)
  }

  private seal(name: string, secrets: ServerSecrets) {
    const empty = Object.keys(secrets.env).length === 0 && Object.keys(secrets.headers).length === 0
    this.secrets.set(secretName(name), empty ? null : JSON.stringify(secrets))
  }

  private change(update: (servers: ServerConfig[]) => ServerConfig[]): void {
    makePrivateDir(dirname(this.file))
    withLockSync(this.file, 'files.whatToolServers', () => {
      this.cached = null
      const current = this.read()
      if (current.unreadable) throw new AuraError('internal', words('mcp.fileUnreadable', { file: this.file }))
      const next = update(current.servers)
      const temp = `${this.file}.${process.pid}.tmp`
      writeFileSync(temp, `${JSON.stringify({ servers: next }, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
      renameSync(temp, this.file)
    })
    this.cached = null
  }
}

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

/** The name a server's sealed values are kept under in the keys file. */
const secretName = (server: string) => `mcp:${server.trim().toLowerCase()}`
