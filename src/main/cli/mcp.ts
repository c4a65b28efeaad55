import { parseArgs } from 'node:util'
import { AuraError, type McpServer } from '../../shared/api'
import type { Services } from '../services/createServices'
import { call, UsageError } from './common'
import { table } from './format'

const USE = `Use: aura mcp add <name> [--env K=V]… -- <command> [args…]
     aura mcp add <name> --url <address> [--header 'K: V']…
     aura mcp list [--json] | tools <name> [--json] | call <name> <tool> '<json>' | remove <name>`

/** `aura mcp …`: the tools servers (MCP) the app's chats may use, without the page. */
export async function mcp(services: Services, args: string[]): Promise<number> {
  const [action, ...rest] = args
  switch (action) {
    case 'add':
      return add(services, rest)
    case 'list':
      return list(services, rest)
    case 'tools':
      return tools(services, rest)
    case 'call':
      return callTool(services, rest)
    case 'remove': {
      const name = rest.join(' ').trim()
      if (!name) throw new UsageError('Say which server to remove, e.g.: aura mcp remove files')
      await call(services, 'mcp.remove', { name })
      console.log(`Removed the tools server “${name}”.`)
      return 0
    }
    default:
      throw new UsageError(USE)
  }
}

async function add(services: Services, args: string[]): Promise<number> {
  // Everything after `--` is the server's command line, its own flags included.
  const split = args.indexOf('--')
  const [ours, commandLine] = split === -1 ? [args, []] : [args.slice(0, split), args.slice(split + 1)]
  const { values, positionals } = parseArgs({
    args: ours,
    allowPositionals: true,
    options: { url: { type: 'string' }, env: { type: 'string', multiple: true }, header: { type: 'string', multiple: true } },
  })
  const name = positionals.join(' ').trim()
  if (!name) throw new UsageError(USE)
  const [command, ...commandArgs] = commandLine
  if (Boolean(command) === Boolean(values.url)) throw new UsageError(`Give the server either a command (after --) or an address (--url), e.g.:\n${USE}`)
  if (values.url && values.env) throw new UsageError('--env is for a server Aura starts; a server at an address takes --header.')
  if (command && values.header) throw new UsageError('--header is for a server at an address; a server Aura starts takes --env.')
  const env = pairs(values.env ?? [], '=', '--env', 'K=V')
  const headers = pairs(values.header ?? [], ':', '--header', "'K: V'")
  const server = await call(services, 'mcp.add', command ? { name, command, args: commandArgs, env } : { name, url: values.url, headers })
  console.log(`Added the tools server “${server.name}”. It starts when a chat first needs it; see its tools with: aura mcp tools ${quoted(server.name)}`)
  return 0
}

async function list(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const servers = await call(services, 'mcp.servers', {})
  if (values.json) console.log(JSON.stringify(servers, null, 2))
  else if (servers.length === 0) console.log('No tools servers yet. Add one with: aura mcp add <name> -- <command> [args…]')
  else {
    const rows = servers.map((s) => [s.name, s.enabled ? 'on' : 'off', s.url ?? [s.command ?? '', ...s.args].join(' '), [...s.envNames, ...s.headerNames].join(', ') || '—'])
    console.log(table(['NAME', 'ON', 'STARTS WITH / ADDRESS', 'ENV / HEADERS (values kept sealed)'], rows))
  }
  return 0
}

async function tools(services: Services, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } })
  const name = positionals.join(' ').trim()
  if (!name) throw new UsageError('Say which server, e.g.: aura mcp tools files')
  const server = running(await call(services, 'mcp.start', { name }))
  if (values.json) console.log(JSON.stringify(server.tools, null, 2))
  else if (server.tools.length === 0) console.log(`“${server.name}” has no tools.`)
  else {
    const rows = server.tools.map((t) => [t.name, t.callName, t.enabled ? 'on' : 'off', t.permission === 'always' ? 'always allow' : 'ask', firstLine(t.title ?? t.description)])
    console.log(table(['TOOL', 'MODELS CALL IT', 'ON', 'PERMISSION', 'WHAT IT DOES'], rows))
  }
  return 0
}

async function callTool(services: Services, args: string[]): Promise<number> {
  const [name, tool, json = '{}', ...extra] = args
  if (!name || !tool || extra.length > 0) throw new UsageError(`Use: aura mcp call <name> <tool> '<json arguments>', e.g.: aura mcp call files list_directory '{"path": "/home/me"}'`)
  let input: unknown
  try {
    input = JSON.parse(json)
  } catch {
    throw new UsageError(`The arguments must be JSON, such as '{"path": "/home/me"}'.`)
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new UsageError(`The arguments must be a JSON object, such as '{"path": "/home/me"}'.`)
  const outcome = await call(services, 'mcp.call', { server: name, tool, args: input as Record<string, unknown> })
  // The result alone on stdout (scripts read it); a failure's words on stderr.
  if (!outcome.ok) {
    console.error(outcome.text)
    return 1
  }
  console.log(outcome.text)
  if (outcome.truncated) console.error('The result was cut to the size Aura passes on to a model.')
  return 0
}

/** The server, once it runs; its problem as the command's error otherwise. */
function running(server: McpServer): McpServer {
  if (server.state !== 'running') throw new AuraError('unavailable', server.problem ?? `The tools server “${server.name}” is not running.`)
  return server
}

/** `K=V` / `K: V` flags as an object. */
function pairs(items: string[], separator: string, flag: string, shape: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const item of items) {
    const at = item.indexOf(separator)
    if (at <= 0) throw new UsageError(`${flag} takes ${shape}, e.g. ${flag === '--env' ? '--env API_TOKEN=abc' : "--header 'Authorization: Bearer abc'"}.`)
    result[item.slice(0, at).trim()] = item.slice(at + 1).trim()
  }
  return result
}

const firstLine = (text: string) => {
  const line = text.split('\n')[0]!.trim()
  return line.length > 70 ? `${line.slice(0, 69)}…` : line
}

const quoted = (name: string) => (/^[\w.-]+$/.test(name) ? name : `"${name}"`)
