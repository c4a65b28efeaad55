import { create } from 'zustand'
import type { McpGalleryEntry, McpServer, ProcedureInput } from '../api'
import { call, errorMessage } from '../lib/client'

/**
 * Settings → Tools and the composer's tools indicator: the user's MCP servers as the services see
 * them (`mcp.servers`, then every `mcp.changed`), and the gallery. The only place the page calls
 * `mcp.*`. Each change resolves to a problem in plain words, or null.
 */
interface ToolsStore {
  /** Null until first loaded. */
  servers: McpServer[] | null
  gallery: McpGalleryEntry[] | null
  error: string | null
  /** `start`: also start the enabled servers (Settings → Tools opened), so their tools show. */
  load(options?: { start?: boolean }): Promise<void>
  loadGallery(): Promise<void>
  /** From `mcp.changed`: every server as it is now. */
  apply(servers: McpServer[]): void
  add(input: ProcedureInput<'mcp.add'>): Promise<string | null>
  addFromGallery(id: string, folder?: string): Promise<string | null>
  setEnabled(name: string, enabled: boolean): Promise<string | null>
  /** How it starts, edited (Settings → Tools → Edit): the services restart it when in use. */
  update(change: ProcedureInput<'mcp.update'>): Promise<string | null>
  restart(name: string): Promise<string | null>
  remove(name: string): Promise<string | null>
  setTool(server: string, tool: string, change: { enabled?: boolean; permission?: 'ask' | 'always' }): Promise<string | null>
}

async function attempt(work: () => Promise<unknown>): Promise<string | null> {
  try {
    await work()
    return null
  } catch (error) {
    return errorMessage(error)
  }
}

export const useTools = create<ToolsStore>((set, get) => {
  /** One server as a procedure answered it (an event may have said so already). */
  const put = (server: McpServer) =>
    set((s) => {
      const servers = s.servers ?? []
      const known = servers.some((other) => other.name === server.name)
      return { servers: known ? servers.map((other) => (other.name === server.name ? server : other)) : [...servers, server] }
    })

  /** A server just added, turned on or edited starts at once unless the services started it, so its tools (or its problem) show; `mcp.changed` tells how it went. */
  const startSoon = (server: McpServer) => {
    put(server)
    if (server.enabled && server.state === 'stopped') void call('mcp.start', { name: server.name }).then(put, () => undefined)
  }

  return {
    servers: null,
    gallery: null,
    error: null,

    async load(options = {}) {
      try {
        set({ servers: await call('mcp.servers', options.start ? { start: true } : {}), error: null })
      } catch (error) {
        set({ error: errorMessage(error) })
      }
    },

    async loadGallery() {
      try {
        set({ gallery: await call('mcp.gallery', {}) })
      } catch (error) {
        set({ error: errorMessage(error) })
      }
    },

    apply(servers) {
      set({ servers })
    },

    add: (input) => attempt(async () => startSoon(await call('mcp.add', input))),

    addFromGallery: (id, folder) => attempt(async () => startSoon(await call('mcp.addFromGallery', { id, ...(folder ? { folder } : {}) }))),

    setEnabled: (name, enabled) => attempt(async () => startSoon(await call('mcp.update', { name, enabled }))),

    update: (change) => attempt(async () => startSoon(await call('mcp.update', change))),

    restart: (name) => attempt(async () => put(await call('mcp.start', { name, restart: true }))),

    remove: (name) =>
      attempt(async () => {
        await call('mcp.remove', { name })
        set({ servers: (get().servers ?? []).filter((server) => server.name !== name) })
      }),

    setTool: (server, tool, change) => attempt(async () => put(await call('mcp.setTool', { server, tool, ...change }))),
  }
})

/** The tools a reply may use now: enabled tools of enabled running servers; and the enabled servers (their tools show once started). */
export function toolsOn(servers: McpServer[] | null): { tools: number; servers: number } {
  const on = (servers ?? []).filter((server) => server.enabled)
  return { servers: on.length, tools: on.reduce((sum, server) => sum + server.tools.filter((tool) => tool.enabled).length, 0) }
}
