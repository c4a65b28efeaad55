import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { AuraError, type McpGalleryEntry, type McpServer, type McpTool, type ProcedureInput } from '../../../shared/api'
import type { Confirmer, FolderPicker, Logger } from '../ports'
import { McpConnection, type ServerSpec } from './connection'
import { findCommand, minimalEnv, missingCommandMessage } from './environment'
import { GALLERY } from './gallery'
import { callName, serverPrefixes } from './names'
import { sameName, type McpStore, type ServerConfig } from './store'
import type { ToolEntry, ToolOutcome, Toolbox } from './toolbox'
import { words } from '../../../shared/i18n'

export interface McpServiceOptions {
  store: McpStore
  version: string
  logger: Logger
  /** Every server as it is now, after any change. */
  onChange(servers: McpServer[]): void
  /** Where Aura keeps the memory server's notebook. */
  memoryFile: string
  /** Where there is one, the files server's folder is only one picked in it (the page cannot name one). */
  folderPicker?: FolderPicker
  /** Where there is one, a command (with its arguments and environment) runs only once the user said yes in it. */
  confirmer?: Confirmer
  /** Default 60 s: a gallery server's first start fetches it. */
  startTimeoutMs?: number
  /** Default 60 s. */
  callTimeoutMs?: number
  /** How long `tools()` waits for servers still starting (default 10 s): slower ones join later replies. */
  toolsWaitMs?: number
  /** A server that failed is tried again on the next need after this long (default 60 s); Restart tries at once. */
  retryAfterMs?: number
  fetch?: typeof fetch
  env?: Record<string, string | undefined>
}

/**
 * The user's MCP servers: kept in the data folder, started when first needed (or when the page asks),
 * their tools offered to replies ({@link Toolbox}) and managed from Settings → Tools and `aura mcp`.
 */
export class McpService implements Toolbox {
  private readonly connections = new Map<string, McpConnection>()

  constructor(private readonly options: McpServiceOptions) {}

  // --- Toolbox: what a reply's tool loop uses ---

  async tools(): Promise<ToolEntry[]> {
    // A reply waits a little for servers starting (a gallery server's first start fetches it), never a whole start deadline.
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.startEnabled(), new Promise((resolve) => (timer = setTimeout(resolve, this.options.toolsWaitMs ?? 10_000)))])
    clearTimeout(timer)
    return this.servers().flatMap((server) =>
      server.state !== 'running'
        ? []
        : server.tools
            .filter((tool) => tool.enabled)
            .map((tool) => ({ name: tool.callName, server: server.name, tool: tool.name, description: describe(tool), inputSchema: tool.inputSchema, permission: tool.permission })),
    )
  }

  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutcome> {
    const started = Date.now()
    const found = this.byCallName(name)
    const outcome =
      !found || !found.tool.enabled
        ? { ok: false, text: `There is no tool named “${name}” (it may have been turned off or its server removed).`, truncated: false }
        : await this.connection(found.server.name).call(found.tool.name, args, signal)
    return { ...outcome, ms: Date.now() - started }
  }

  async setPermission(name: string, permission: 'ask' | 'always'): Promise<void> {
    const found = this.byCallName(name)
    if (!found) throw new AuraError('not_found', words('mcp.noTool', { name }))
    this.setTool({ server: found.server.name, tool: found.tool.name, permission })
  }

  // --- Management: Settings → Tools and `aura mcp` ---

  /** Every server with its state and tools; `start` also starts the enabled ones in the background. */
  servers(options: { start?: boolean } = {}): McpServer[] {
    if (options.start) void this.startEnabled()
    const configs = this.options.store.list()
    const prefixes = serverPrefixes(configs.map((config) => config.name))
    const taken = new Set<string>()
    return configs.map((config, i) => this.info(config, prefixes[i]!, taken))
  }

  async add(input: ProcedureInput<'mcp.add'>, galleryId: string | null = null): Promise<McpServer> {
    if (input.command && galleryId === null) await this.consent(input.name, input.command, input.args ?? [], Object.keys(input.env ?? {}))
    this.options.store.add(
      { name: input.name.trim(), command: input.command ?? null, args: input.args ?? [], url: input.url ?? null, enabled: true, galleryId, tools: {} },
      { env: input.env ?? {}, headers: input.headers ?? {} },
    )
    return this.changed(input.name)
  }

  async update(input: ProcedureInput<'mcp.update'>): Promise<McpServer> {
    const { store } = this.options
    const before = store.get(input.name)
    if (input.command !== undefined && input.url !== undefined) throw new AuraError('invalid_input', words('mcp.commandOrUrl'))
    const secrets = store.secretsOf(input.name)
    // A new program, new arguments or new variable values (NODE_OPTIONS can load any code) are the user's to allow; the Edit form saved as it was is not.
    const command = input.command ?? before.command
    const args = input.args ?? before.args
    const newVars = Object.entries(input.env ?? {}).flatMap(([name, value]) => (value !== null && secrets.env[name] !== value ? [name] : []))
    if (command && (command !== before.command || JSON.stringify(args) !== JSON.stringify(before.args) || newVars.length > 0)) await this.consent(input.name, command, args, newVars)
    const patched = { env: patch(secrets.env, input.env), headers: patch(secrets.headers, input.headers) }
    store.update(
      input.name,
      (server) => ({
        ...server,
        enabled: input.enabled ?? server.enabled,
        // A command replaces an address and the other way round.
        command: input.url !== undefined ? null : (input.command ?? server.command),
        url: input.command !== undefined ? null : (input.url ?? server.url),
        args: input.url !== undefined ? [] : (input.args ?? server.args),
      }),
      input.env || input.headers ? patched : undefined,
    )
    const after = store.get(input.name)
    const running = this.connections.get(key(input.name))
    // An edit of how it starts restarts a server in use, even when nothing differs (Save tries a failed one again); one not started yet starts with it later.
    const edited = [input.command, input.args, input.url, input.env, input.headers].some((given) => given !== undefined)
    if (!after.enabled) await this.forget(input.name)
    else if (running && running.state !== 'stopped' && (!before.enabled || edited || this.specChanged(running.spec, after))) await this.start(input.name, { restart: true })
    return this.changed(input.name)
  }

  async remove(name: string): Promise<void> {
    this.options.store.get(name)
    await this.forget(name)
    this.options.store.remove(name)
    this.emit()
  }

  /** Starts a server (restarting it when asked) and waits until it runs or fails. */
  async start(name: string, options: { restart?: boolean } = {}): Promise<McpServer> {
    const config = this.options.store.get(name)
    if (!config.enabled) throw new AuraError('invalid_input', words('mcp.turnedOff', { name: config.name }))
    const connection = this.connection(config.name)
    if (options.restart) await connection.stop()
    await connection.start()
    return this.changed(config.name)
  }

  setTool(input: ProcedureInput<'mcp.setTool'>): McpServer {
    this.options.store.update(input.server, (server) => {
      const current = server.tools[input.tool] ?? {}
      const next = { ...current, ...(input.enabled !== undefined && { enabled: input.enabled }), ...(input.permission && { permission: input.permission }) }
      // Only what differs from the defaults (on, ask) is kept.
      const kept = { ...(next.enabled === false && { enabled: false }), ...(next.permission === 'always' && { permission: 'always' as const }) }
      const tools = { ...server.tools }
      if (Object.keys(kept).length > 0) tools[input.tool] = kept
      else delete tools[input.tool]
      return { ...server, tools }
    })
    return this.changed(input.server)
  }

  /** Runs one tool of one server, starting it when needed (`aura mcp call`). */
  async callTool(server: string, tool: string, args: Record<string, unknown>, signal: AbortSignal = new AbortController().signal): Promise<ToolOutcome> {
    const config = this.options.store.get(server)
    if (!config.enabled) throw new AuraError('invalid_input', words('mcp.turnedOff', { name: config.name }))
    const connection = this.connection(config.name)
    await connection.start()
    if (connection.state !== 'running') return { ok: false, text: connection.problem ?? `The server “${config.name}” is not running.`, truncated: false, ms: 0 }
    if (!connection.tools.some((t) => t.name === tool)) throw new AuraError('not_found', words('mcp.serverHasNoTool', { name: config.name, tool, quoted: quote(config.name) }))
    // Straight from the page, with no model asking and no chat to show it: the user says yes in the system's box.
    if (this.options.confirmer) {
      const allowed = await this.options.confirmer.confirm({
        message: `Run the tool “${tool}” of “${config.name}” now?`,
        detail: `With: ${JSON.stringify(args, null, 2).slice(0, 1_000)}`,
        action: 'Run',
      })
      if (!allowed) throw new AuraError('invalid_input', words('mcp.toolNotAllowed', { tool }))
    }
    const started = Date.now()
    return { ...(await connection.call(tool, args, signal)), ms: Date.now() - started }
  }

  gallery(): McpGalleryEntry[] {
    const env = minimalEnv({}, this.options.env ?? process.env)
    return GALLERY.map(({ id, name, description, needs, needsFolder, command }) => {
      const available = findCommand(command, env) !== null
      return { id, name, description, needs, needsFolder, available, problem: available ? null : missingCommandMessage(command) }
    })
  }

  async addFromGallery(input: ProcedureInput<'mcp.addFromGallery'>): Promise<McpServer> {
    const entry = GALLERY.find((candidate) => candidate.id === input.id)
    if (!entry) throw new AuraError('not_found', words('mcp.noGalleryServer', { id: input.id }))
    const args = [...entry.args]
    const env: Record<string, string> = {}
    if (entry.needsFolder) args.push(await this.folder(input.folder))
    if (entry.id === 'memory') env.MEMORY_FILE_PATH = this.options.memoryFile
    return await this.add({ name: input.name ?? entry.id, command: entry.command, args, env }, entry.id)
  }

  /** Stops every server (Aura is quitting). */
  async close(): Promise<void> {
    const all = [...this.connections.values()]
    this.connections.clear()
    await Promise.all(all.map((connection) => connection.stop()))
  }

  // --- inside ---

  /** Starts the enabled servers that are not running (a failed one again only after a while); waits for all. */
  private async startEnabled(): Promise<void> {
    const retryAfter = this.options.retryAfterMs ?? 60_000
    await Promise.all(
      this.options.store
        .list()
        .filter((config) => config.enabled)
        .map((config) => this.connection(config.name))
        .filter((c) => c.state === 'stopped' || c.state === 'starting' || (c.state === 'failed' && Date.now() - c.failedAt >= retryAfter))
        .map((c) => c.start()),
    )
  }

  /** The server's connection, made anew when how it starts changed since. */
  private connection(name: string): McpConnection {
    const config = this.options.store.get(name)
    const existing = this.connections.get(key(name))
    if (existing && !this.specChanged(existing.spec, config)) return existing
    void existing?.stop()
    const connection = new McpConnection(this.spec(config), {
      version: this.options.version,
      startTimeoutMs: this.options.startTimeoutMs ?? 60_000,
      callTimeoutMs: this.options.callTimeoutMs ?? 60_000,
      fetch: this.options.fetch ?? fetch,
      env: this.options.env ?? process.env,
      onChange: () => this.emit(),
    })
    this.connections.set(key(name), connection)
    return connection
  }

  private spec(config: ServerConfig): ServerSpec {
    const secrets = this.options.store.secretsOf(config.name)
    return { name: config.name, command: config.command, args: config.args, url: config.url, env: secrets.env, headers: secrets.headers }
  }

  private specChanged(spec: ServerSpec, config: ServerConfig): boolean {
    return JSON.stringify(spec) !== JSON.stringify(this.spec(config))
  }

  private async forget(name: string) {
    const connection = this.connections.get(key(name))
    this.connections.delete(key(name))
    await connection?.stop()
  }

  private info(config: ServerConfig, prefix: string, taken: Set<string>): McpServer {
    const connection = this.connections.get(key(config.name))
    const secrets = this.options.store.secretsOf(config.name)
    const tools: McpTool[] = (connection?.state === 'running' ? connection.tools : []).map((tool) => ({
      name: tool.name,
      callName: callName(prefix, tool.name, taken),
      title: tool.title ?? tool.annotations?.title ?? null,
      description: tool.description ?? '',
      inputSchema: tool.inputSchema as Record<string, unknown>,
      enabled: config.tools[tool.name]?.enabled ?? true,
      permission: config.tools[tool.name]?.permission ?? 'ask',
    }))
    return {
      name: config.name,
      transport: config.url ? 'http' : 'stdio',
      command: config.command,
      args: config.args,
      envNames: Object.keys(secrets.env),
      url: config.url,
      headerNames: Object.keys(secrets.headers),
      enabled: config.enabled,
      galleryId: config.galleryId,
      state: config.enabled ? (connection?.state ?? 'stopped') : 'stopped',
      problem: config.enabled ? (connection?.problem ?? null) : null,
      tools,
    }
  }

  private byCallName(name: string): { server: McpServer; tool: McpTool } | null {
    for (const server of this.servers()) {
      const tool = server.tools.find((candidate) => candidate.callName === name)
      if (tool && server.state === 'running') return { server, tool }
    }
    return null
  }

  /** Asks the user (where the shell can) before a command from the page is kept to be run. */
  private async consent(name: string, command: string, args: string[], envNames: string[]): Promise<void> {
    const { confirmer } = this.options
    if (!confirmer) return
    const line = [command, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part))).join(' ')
    const allowed = await confirmer.confirm({
      message: `Let Aura run this program for the tools server “${name}”?`,
      detail: `${line}${envNames.length > 0 ? `\n\nWith: ${envNames.join(', ')}` : ''}\n\nIt runs on this computer with your permissions whenever a chat uses its tools. Only allow programs you trust.`,
      action: 'Allow',
    })
    if (!allowed) throw new AuraError('invalid_input', words('mcp.lineNotAllowed', { line }))
  }

  /** The folder the files server may use: one the user picks where the shell can ask, else the one given (a real folder). */
  private async folder(given: string | undefined): Promise<string> {
    const picker = this.options.folderPicker
    const folder = picker ? await picker.pickFolder('Choose the folder the files server may use') : given
    if (folder === null) throw new AuraError('invalid_input', words('mcp.noFolderChosen'))
    if (folder === undefined) throw new AuraError('invalid_input', words('mcp.chooseFolder'))
    const path = resolve(folder)
    let isFolder = false
    try {
      isFolder = statSync(path).isDirectory()
    } catch {
      // Missing: said below.
    }
    if (!isFolder) throw new AuraError('invalid_input', words('mcp.notAFolder', { folder }))
    return path
  }

  private changed(name: string): McpServer {
    this.emit()
    return this.servers().find((server) => sameName(server.name, name))!
  }

  private emit() {
    try {
      this.options.onChange(this.servers())
    } catch (error) {
      this.options.logger.warn('Could not tell the page about the tools servers', { error: String(error) })
    }
  }
}

/** What a model reads of a tool: its title, then its description. */
function describe(tool: McpTool): string {
  return [tool.title, tool.description].filter(Boolean).join(': ')
}

/** Applies a patch: a value sets a name, null removes it, names left out stay. */
function patch(values: Record<string, string>, changes: Record<string, string | null> | undefined): Record<string, string> {
  const next = { ...values }
  for (const [name, value] of Object.entries(changes ?? {})) {
    if (value === null) delete next[name]
    else next[name] = value
  }
  return next
}

const key = (name: string) => name.trim().toLowerCase()

const quote = (name: string) => (/^[\w.-]+$/.test(name) ? name : `"${name}"`)
