import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startHttpMcpServer, writeTestMcpServer } from '../src/main/services/testing/mcpServers'
import { expect, test } from './support/aura'

/** `aura mcp …` end to end: the built `aura` command, run as a user runs it, with its own data folder. */
const bin = resolve(import.meta.dirname, '../bin/aura.js')
const everything = resolve(import.meta.dirname, '../node_modules/.bin/mcp-server-everything')
const filesystem = resolve(import.meta.dirname, '../node_modules/.bin/mcp-server-filesystem')
let dataDir: string
let folder: string

/** Runs `aura` without blocking this process (it serves the HTTP test server). */
function aura(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir, OPENAI_API_KEY: 'sk-never-to-a-server' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (status) => done({ status, stdout, stderr }))
  })
}

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'aura-mcp-cli-'))
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'aura-mcp-cli-files-')))
  writeFileSync(join(folder, 'notes.txt'), 'Buy milk')
})
test.afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(folder, { recursive: true, force: true })
})

test('aura mcp: add servers by command and by address, list them, see their tools, call one, remove one', async () => {
  expect((await aura('mcp', 'list')).stdout).toMatch(/^No tools servers yet/)

  const added = await aura('mcp', 'add', 'files', '--', filesystem, folder)
  expect(added.status, added.stderr).toBe(0)
  expect(added.stdout).toMatch(/^Added the tools server “files”/)
  expect((await aura('mcp', 'add', 'everything', '--env', 'GREETING=hello-from-env', '--', everything, 'stdio')).status).toBe(0)
  const http = await startHttpMcpServer('cli-token')
  try {
    expect((await aura('mcp', 'add', 'calc', '--url', http.url, '--header', 'Authorization: Bearer cli-token')).status).toBe(0)

    const list = await aura('mcp', 'list')
    expect(list.stdout).toMatch(/^NAME\s+ON\s+STARTS WITH \/ ADDRESS\s+ENV \/ HEADERS/)
    expect(list.stdout).toMatch(new RegExp(`^files\\s+on\\s+${filesystem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${folder}`, 'm'))
    expect(list.stdout).toMatch(/^everything\s+on\s+.*stdio\s+GREETING$/m)
    expect(list.stdout).toMatch(/^calc\s+on\s+http:\/\/127\.0\.0\.1:\d+\/mcp\s+Authorization$/m)
    // Env and header values are sealed: never in the list, nor in the data folder's plain files.
    expect(list.stdout).not.toMatch(/hello-from-env|cli-token/)
    for (const file of ['mcp.json', 'secrets.json']) expect(readFileSync(join(dataDir, file), 'utf8')).not.toMatch(/hello-from-env|cli-token/)

    const tools = await aura('mcp', 'tools', 'files')
    expect(tools.status, tools.stderr).toBe(0)
    expect(tools.stdout).toMatch(/^TOOL\s+MODELS CALL IT\s+ON\s+PERMISSION\s+WHAT IT DOES/)
    expect(tools.stdout).toMatch(/^read_text_file\s+files__read_text_file\s+on\s+ask\s+\S/m)
    const json = JSON.parse((await aura('mcp', 'tools', 'calc', '--json')).stdout) as { name: string; callName: string }[]
    expect(json.map((t) => [t.name, t.callName])).toEqual([['add', 'calc__add']])

    const read = await aura('mcp', 'call', 'files', 'read_text_file', JSON.stringify({ path: join(folder, 'notes.txt') }))
    expect(read).toMatchObject({ status: 0, stdout: 'Buy milk\n' })
    expect((await aura('mcp', 'call', 'calc', 'add', '{"a": 2, "b": 40}')).stdout).toBe('42\n')
    // The server sees its own variable, never Aura's keys.
    const env = JSON.parse((await aura('mcp', 'call', 'everything', 'get-env')).stdout) as Record<string, string>
    expect(env.GREETING).toBe('hello-from-env')
    expect(env.OPENAI_API_KEY).toBeUndefined()
    expect(env.AURA_DATA_DIR).toBeUndefined()

    const refused = await aura('mcp', 'call', 'files', 'read_text_file', '{"path": "/etc/hostname"}')
    expect(refused.status).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(/outside allowed directories|Access denied/i)
  } finally {
    await http.close()
  }

  const removed = await aura('mcp', 'remove', 'calc')
  expect(removed.stdout).toBe('Removed the tools server “calc”.\n')
  expect((await aura('mcp', 'list')).stdout).not.toMatch(/^calc/m)
})

test('aura mcp: what went wrong, in plain words', async () => {
  const server = writeTestMcpServer()
  expect((await aura('mcp', 'add', 'broken', '--', server.command, ...server.args('crash-at-start'))).status).toBe(0)
  const broken = await aura('mcp', 'tools', 'broken')
  expect(broken.status).toBe(1)
  expect(broken.stderr.trim()).toBe('aura: The server “broken” stopped as it started. It said: Error: the config file is missing')

  const missing = await aura('mcp', 'add', 'nothing', '--', 'no-such-program-here')
  expect(missing.status).toBe(0)
  expect((await aura('mcp', 'tools', 'nothing')).stderr).toMatch(/^aura: Aura could not find the program “no-such-program-here” on this computer/)

  expect((await aura('mcp', 'add', 'both', '--url', 'http://127.0.0.1:9/mcp', '--', 'node')).status).toBe(2)
  expect((await aura('mcp', 'call', 'nothing', 'x', 'not json')).stderr).toMatch(/must be JSON/)
  expect((await aura('mcp', 'remove', 'nobody')).stderr.trim()).toBe('aura: There is no tools server named “nobody”. See them with: aura mcp list')
})
