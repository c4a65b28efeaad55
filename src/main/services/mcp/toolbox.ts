/**
 * What a reply's tool loop needs from the tools (the MCP servers the user added): the contract between
 * the chat (which offers tools to a model and runs its calls) and the MCP service (which starts servers,
 * lists and calls their tools). Kept apart so either side can change without the other.
 */

/** A tool a reply may offer: only enabled tools of servers that are running. */
export interface ToolEntry {
  /** The name the model sees and calls: `<server>__<tool>`, within OpenAI's rule [A-Za-z0-9_-]{1,64}. */
  name: string
  /** The server's name as the user gave it, and the tool's own name on that server. */
  server: string
  tool: string
  /** What the model reads: the tool's description (its title first where it has one). */
  description: string
  /** The tool's input as a JSON Schema object (MCP's `inputSchema`). */
  inputSchema: Record<string, unknown>
  /** Whether a call must be asked first: `ask` unless the user chose "Always allow" for this tool. */
  permission: 'ask' | 'always'
}

/** A call's outcome, ready to go back to the model; `ok: false` is the tool's (or the server's) error in words. */
export interface ToolOutcome {
  ok: boolean
  /** The result as text (MCP's text content joined; other content named, e.g. "[image: image/png, 12 KiB]"), size-capped. */
  text: string
  /** The text was cut to the cap. */
  truncated: boolean
  /** How long the call took, in milliseconds. */
  ms: number
}

export interface Toolbox {
  /** The tools a reply may offer now. */
  tools(): Promise<ToolEntry[]>
  /** Runs a tool by its model-facing name; stops it when the signal aborts; never throws (a failure is an outcome). */
  call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutcome>
  /** Remembers "Always allow" (or back to "Ask every time") for a tool, by its model-facing name. */
  setPermission(name: string, permission: 'ask' | 'always'): Promise<void>
}
