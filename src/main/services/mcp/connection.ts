import { homedir } from 'node:os'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { ErrorCode, McpError, ToolListChangedNotificationSchema, type Tool } from '@modelcontextprotocol/sdk/types.js'
import type { McpServerState } from '../../../shared/api'
import { findCommand, minimalEnv, missingCommandMessage } from './environment'
import { resultText } from './results'
import { say, type MessageKey, type Vars } from '../../../shared/i18n'

/** How a server is reached, with its sealed values opened. */
export interface ServerSpec {
  name: string
  command: string | null
  args: string[]
  env: Record<string, string>
  url: string | null
  headers: Record<string, string>
}

export interface ConnectionOptions {
  /** Aura's version, told to the server. */
  version: string
  /** How long a server may take to start and list its tools. */
  startTimeoutMs: number
  /** How long one tool call may take. */
  callTimeoutMs: number
  /** For servers at an address. */
  fetch: typeof fetch
  /** The environment servers' minimal one is taken from (process.env). */
  env: Record<string, string | undefined>
  /** The state or the tools changed. */
  onChange(): void
}

/** A call's outcome before it is timed (see Toolbox's ToolOutcome). */
export interface CallOutcome {
  ok: boolean
  text: string
  truncated: boolean
}

/** The last lines a server wrote to stderr are kept, to say why it stopped. */
const STDERR_TAIL = 2_000

/**
 * One running (or failing) MCP server: starts it, lists its tools, runs a call, stops it. Every wait has
 * a deadline, and a server that stops by itself is reported as failed with the reason in plain words.
 */
export class McpConnection {
  state: McpServerState = 'stopped'
  problem: string | null = null
  tools: Tool[] = []
  /** When it last failed (ms since the epoch), for retrying later; 0 if never. */
  failedAt = 0
  private client: Client | null = null
  /** The client of a start under way: a stop closes it too (its process must not outlive Aura). */
  private opening: Client | null = null
  private starting: Promise<void> | null = null
  /** Counts starts and stops: what an older start finishes after a stop is thrown away. */
  private generation = 0
  private stderr = ''

  constructor(
    readonly spec: ServerSpec,
    private readonly options: ConnectionOptions,
  ) {}

  /** Starts the server unless it runs; resolves when it runs or has failed (never rejects). */
  start(): Promise<void> {
    if (this.state === 'running') return Promise.resolve()
    this.starting ??= this.open().finally(() => (this.starting = null))
    return this.starting
  }

  async stop(): Promise<void> {
    this.generation++
    const clients = [this.client, this.opening]
    this.client = null
    this.opening = null
    this.tools = []
    if (this.state !== 'stopped') this.set('stopped', null)
    await Promise.all(clients.map((client) => client?.close().catch(() => {})))
  }

  /** Runs one tool; stops waiting at the call deadline or when `signal` aborts. Never throws. */
  async call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallOutcome> {
    const client = this.client
    if (!client) return failure(this.problem ?? `The server “${this.spec.name}” is not running.`)
    // A signal of its own per call: the SDK leaves its listener on the signal it is given, and a reply's signal sees many calls.
    const own = new AbortController()
    const abort = () => own.abort(signal.reason)
    if (signal.aborted) abort()
    else signal.addEventListener('abort', abort, { once: true })
    try {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { signal: own.signal, timeout: this.options.callTimeoutMs })
      const { text, truncated } = resultText(result)
      return { ok: result.isError !== true, text, truncated }
    } catch (error) {
      if (signal.aborted) return failure(`The tool “${tool}” was stopped.`)
      if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
        return failure(`The tool “${tool}” of “${this.spec.name}” did not answer within ${seconds(this.options.callTimeoutMs)}, so Aura stopped waiting for it.`)
      }
      if (this.state === 'failed' || (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)) {
        return failure(this.problem ?? `The server “${this.spec.name}” stopped while it ran the tool “${tool}”.`)
      }
      return failure(`The tool “${tool}” failed: ${messageOf(error)}`)
    } finally {
      signal.removeEventListener('abort', abort)
    }
  }

  private async open(): Promise<void> {
    const generation = ++this.generation
    this.stderr = ''
    this.set('starting', null)
    const fail = (problem: string) => {
      if (generation !== this.generation) return
      this.failedAt = Date.now()
      this.tools = []
      this.set('failed', problem)
    }
    const transport = this.transport()
    if (typeof transport === 'string') return fail(transport)
    const client = new Client({ name: 'Aura', version: this.options.version }, { capabilities: {} })
    // Stopped by itself (a crash, the address gone): reported, and its calls end with the reason.
    client.onclose = () => {
      if (this.client !== client) return
      this.client = null
      fail(this.stoppedProblem('mcp.stoppedUnexpectedly'))
    }
    // The deadline holds for the whole start, whatever part of it hangs.
    const startedAt = Date.now()
    this.opening = client
    const timer = setTimeout(() => void client.close().catch(() => {}), this.options.startTimeoutMs)
    try {
      await client.connect(transport, { timeout: this.options.startTimeoutMs })
      const tools = await listTools(client, this.options.startTimeoutMs)
      if (generation !== this.generation) return void (await client.close().catch(() => {}))
      this.client = client
      this.tools = tools
      this.set('running', null)
      client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
        const changed = await listTools(client, this.options.startTimeoutMs).catch(() => null)
        if (changed && this.client === client) {
          this.tools = changed
          this.options.onChange()
        }
      })
    } catch (error) {
      await client.close().catch(() => {})
      const late = Date.now() - startedAt >= this.options.startTimeoutMs
      fail(late ? this.stoppedProblem('mcp.tooSlowToStart', { seconds: Math.round(this.options.startTimeoutMs / 1000) }) : this.startProblem(error))
    } finally {
      clearTimeout(timer)
      if (this.opening === client) this.opening = null
    }
  }

  /** The transport to the server, or why there can be none. */
  private transport(): StdioClientTransport | StreamableHTTPClientTransport | string {
    const { spec } = this
    if (spec.url) {
      return new StreamableHTTPClientTransport(new URL(spec.url), { requestInit: { headers: spec.headers }, fetch: this.options.fetch })
    }
    const env = minimalEnv(spec.env, this.options.env)
    const command = findCommand(spec.command ?? '', env)
    if (!command) return missingCommandMessage(spec.command ?? '')
    const transport = new StdioClientTransport({ command, args: spec.args, env, stderr: 'pipe', cwd: homedir() })
    transport.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL)))
    return transport
  }

  private startProblem(error: unknown): string {
    const { spec } = this
    if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) return this.stoppedProblem('mcp.stoppedAsStarted')
    if (error instanceof StreamableHTTPError && (error.code === 401 || error.code === 403)) {
      return say('mcp.refused', { url: spec.url ?? '', code: error.code })
    }
    if (error instanceof StreamableHTTPError && error.code !== undefined) return say('mcp.httpError', { url: spec.url ?? '', code: error.code })
    if (spec.url && /fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/i.test(messageOf(error))) return say('mcp.unreachable', { url: spec.url })
    if (/closed/i.test(messageOf(error)) && this.stderr) return this.stoppedProblem('mcp.stoppedAsStarted')
    return say('mcp.couldNotStart', { name: spec.name, detail: messageOf(error) })
  }

  /** "The server “x” <what>", with the last thing it wrote to stderr when it wrote something. */
  private stoppedProblem(key: MessageKey, vars: Vars = {}): string {
    const said = this.stderr.trim().split('\n').filter(Boolean).at(-1)?.trim().slice(0, 300)
    const problem = say(key, { ...vars, name: this.spec.name })
    return said ? say('mcp.itSaid', { problem, said }) : problem
  }

  private set(state: McpServerState, problem: string | null) {
    this.state = state
    this.problem = problem
    this.options.onChange()
  }
}

/** Every tool, page after page (a server may page its list). */
async function listTools(client: Client, timeout: number): Promise<Tool[]> {
  const tools: Tool[] = []
  let cursor: string | undefined
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, { timeout })
    tools.push(...page.tools)
    cursor = page.nextCursor
  } while (cursor && tools.length < 1_000)
  return tools
}

const failure = (text: string): CallOutcome => ({ ok: false, text, truncated: false })

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
