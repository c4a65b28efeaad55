import type { HandlersOf } from '../dispatch'
import type { McpService } from './mcpService'

/** Settings → Tools and `aura mcp`: the user's MCP servers, their tools and the gallery. */
export function mcpHandlers(mcp: McpService): HandlersOf<'mcp'> {
  return {
    'mcp.servers': ({ start }) => mcp.servers({ start }),
    'mcp.add': (input) => mcp.add(input),
    'mcp.update': (input) => mcp.update(input),
    'mcp.remove': async ({ name }) => {
      await mcp.remove(name)
      return {}
    },
    'mcp.start': ({ name, restart }) => mcp.start(name, { restart }),
    'mcp.setTool': (input) => mcp.setTool(input),
    'mcp.call': ({ server, tool, args }) => mcp.callTool(server, tool, args),
    'mcp.gallery': () => mcp.gallery(),
    'mcp.addFromGallery': (input) => mcp.addFromGallery(input),
  }
}
