import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { z } from 'zod'

const require = createRequire(import.meta.url)

/**
 * A small stdio MCP server written to a temp file, for what the published servers never do:
 * `tools` (default) serves `echo`, `env` (its whole environment, as JSON), `huge` (a 200 000-character
 * text and an image), `sleep` (never answers) and `crash` (says why on stderr, then exits);
 * `crash-at-start` exits before answering anything; `hang` reads and never answers.
 */
export function writeTestMcpServer(): { command: string; args: (mode?: 'tools' | 'crash-at-start' | 'hang') => string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'aura-mcp-server-')), 'server.cjs')
  const sdk = (path: string) => JSON.stringify(require.resolve(`@modelcontextprotocol/sdk/${path}`))
  writeFileSync(
    file,
    `const { Server } = require(${sdk('server/index.js')})
const { StdioServerTransport } = require(${sdk('server/stdio.js')})
const { CallToolRequestSchema, ListToolsRequestSchema } = require(${sdk('types.js')})
const mode = process.argv[2] || 'tools'
if (mode === 'crash-at-start') {
  process.stderr.write('Error: the config file is missing\\n')
  process.exit(1)
}
if (mode === 'hang') {
  process.stdin.on('data', () => {})
} else {
  const server = new Server({ name: 'aura-test', version: '1.0.0' }, { capabilities: { tools: {} } })
  const tool = (name, description) => ({ name, description, inputSchema: { type: 'object', properties: { text: { type: 'string' } } } })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [tool('echo', 'Says the text back'), tool('env', 'Its environment'), tool('huge', 'A very long answer'), tool('sleep', 'Never answers'), tool('crash', 'Exits'), tool('pid', 'Its process id')],
  }))
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    switch (request.params.name) {
      case 'echo':
        return { content: [{ type: 'text', text: String(request.params.arguments?.text ?? '') }] }
      case 'env':
        return { content: [{ type: 'text', text: JSON.stringify(process.env) }] }
      case 'huge':
        return { content: [{ type: 'text', text: 'x'.repeat(200000) }, { type: 'image', data: Buffer.alloc(12288).toString('base64'), mimeType: 'image/png' }] }
      case 'sleep':
        return new Promise(() => {})
      case 'pid':
        return { content: [{ type: 'text', text: String(process.pid) }] }
      case 'crash':
        process.stderr.write('boom: the disk is on fire\\n')
        process.exit(3)
    }
    return { content: [{ type: 'text', text: 'no such tool' }], isError: true }
  })
  server.connect(new StdioServerTransport())
}
`,
  )
  return { command: process.execPath, args: (mode = 'tools') => [file, mode] }
}

/**
 * A Streamable HTTP MCP server built with the SDK on 127.0.0.1 (any free port), stateless, that refuses
 * (401) every request without `Authorization: Bearer <token>`. Its one tool `add` sums two numbers.
 */
export async function startHttpMcpServer(token: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized' }))
      return
    }
    const mcp = new McpServer({ name: 'aura-http-test', version: '1.0.0' })
    mcp.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }))
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })
    res.on('close', () => void transport.close())
    await mcp.connect(transport)
    await transport.handleRequest(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        // A client's kept-alive connection would hold the server open.
        server.closeAllConnections()
      }),
  }
}
