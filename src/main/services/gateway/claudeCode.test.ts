import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { readLedger } from '../testing/usageRecords'
import { writeTinyLlama } from '../testing/tinyLlama'
import { startGateway, type GatewayServer } from './server'

const CLAUDE = resolve('node_modules/.bin/claude')
const present = existsSync(CLAUDE)
/** Claude Code's request with a short system prompt and one tool is ~5 kB. */
const CONTEXT = 16_384

/** What `claude -p --output-format json` prints last. */
interface ClaudeResult {
  type: 'result'
  subtype: string
  is_error: boolean
  result: string
  num_turns: number
  api_error_status?: number | null
}

/**
 * Claude Code itself (`claude -p`) against Aura's real listener on 127.0.0.1, with nothing else on the
 * network: answered by llama.cpp on a generated tiny model (one thread), by the fake cloud, and a tool
 * call the fake cloud asks for, Claude Code runs and sends back. Few and slow (each run starts Claude
 * Code, ~1 s, and sends its ~50 kB prompt).
 */
describe.skipIf(!present)('Claude Code against the API (skipped when node_modules/.bin/claude is not installed)', () => {
  let dir: string
  let home: string
  let work: string
  let fake: FakeCloud
  let services: Services
  let server: GatewayServer
  let key: string

  /** `claude -p <prompt> --output-format json` in the temp working folder, its HOME and config there too. */
  const claude = (prompt: string, args: string[] = []): Promise<{ result: ClaudeResult | null; stdout: string; stderr: string }> =>
    new Promise((done) => {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: home,
        CLAUDE_CONFIG_DIR: join(home, '.claude'),
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${server.port}`,
        ANTHROPIC_AUTH_TOKEN: key,
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
      }
      const child = execFile(CLAUDE, ['-p', prompt, '--output-format', 'json', ...args], { cwd: work, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout, stderr) => {
        let result: ClaudeResult | null = null
        try {
          result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ClaudeResult
        } catch {
          // Printed something else: the test shows stdout and stderr.
        }
        done({ result, stdout, stderr })
      })
      // Nothing on stdin (else it waits 3 s for some).
      child.stdin?.end()
    })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-claude-code-'))
    home = join(dir, 'home')
    work = join(dir, 'work')
    mkdirSync(home)
    mkdirSync(work)
    fake = await startFakeCloud()
    await writeTinyLlama(join(dir, 'models', 'tiny.gguf'), { chatTemplate: true, eosBias: 2, contextLength: CONTEXT })
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: join(dir, 'data') },
      settingsStore: memoryStore({ threads: 1, contextSize: CONTEXT, preferQuality: true, maxTokens: 32, modelsDir: join(dir, 'models'), dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
    })
    server = await startGateway({ gateway: services.gateway, port: 0, logger: services.logger })
    key = services.apiKeys.create('Claude Code').key
  }, 60_000)
  beforeEach(() => fake.reset())
  afterAll(async () => {
    await server?.close()
    await services?.dispose()
    await fake?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** The ledger's records of this run (the app is the key's name). */
  const booked = (since: number) => readLedger(join(dir, 'data')).filter((r) => r.at >= since && r.app === 'Claude Code')

  it('a haiku call (its background model) is answered by the local model, though Auto would pick the cloud', async () => {
    const since = Date.now()
    // Claude Code's own request, its prompt cut down (--system-prompt, one tool) so the tiny model reads it in seconds.
    const run = await claude('Say hello', ['--model', 'claude-haiku-4-5', '--system-prompt', 'Answer in one line.', '--tools', 'Read'])
    expect(run.result, run.stdout + run.stderr).toMatchObject({ is_error: false })
    expect(booked(since).map((r) => [r.provider, r.modelId, r.outcome])).toEqual([['local', 'tiny', expect.anything()]])
    expect(fake.requestsFor('anthropic', { chatOnly: true })).toEqual([])
  }, 180_000)

  it('a haiku call the local model cannot read after all (longer in its tokens than estimated) is answered by Auto', async () => {
    const since = Date.now()
    // The whole prompt: ~22k tokens by Aura's estimate, more than the tiny model's window in its own tokens.
    const run = await claude('Say hello', ['--model', 'claude-haiku-4-5'])
    expect(run.result, run.stdout + run.stderr).toMatchObject({ is_error: false })
    expect(booked(since).map((r) => [r.provider, r.outcome])).toEqual([
      ['local', 'failed'],
      ['anthropic', 'ok'],
    ])
  }, 180_000)

  it('its own model name goes to Auto, which answers from the cloud (the whole prompt: system blocks, a system turn, twelve tools, thinking, metadata)', async () => {
    const since = Date.now()
    const run = await claude('Say hello')
    expect(run.result, run.stdout + run.stderr).toMatchObject({ is_error: false })
    expect(run.result!.result).toMatch(/^You said: .*Say hello\.$/s)
    const sent = fake.requestsFor('anthropic', { chatOnly: true }).at(-1)!.body as { model: string; tools: unknown[] }
    expect(sent.tools.length).toBeGreaterThan(5)
    expect(booked(since).at(-1)).toMatchObject({ provider: 'anthropic', outcome: expect.anything() })
  }, 180_000)

  it('runs the tool the cloud model asks for (Read) and sends its result back, which the answer uses', async () => {
    writeFileSync(join(work, 'notes.txt'), 'The secret word is marmalade.\n')
    fake.set({ toolCall: { name: 'Read', arguments: { file_path: join(work, 'notes.txt') } } })
    // A rule of the user's model names sends Claude Code's default model to a cloud model.
    const settings = services.settings.get()
    services.settings.update({ api: { ...settings.api, modelNames: [{ pattern: 'claude-opus-*', target: 'anthropic:claude-sonnet-5-5' }, ...settings.api.modelNames] } })
    const run = await claude('What is the secret word in notes.txt?', ['--allowedTools', 'Read'])
    expect(run.result, run.stdout + run.stderr).toMatchObject({ is_error: false, num_turns: 2 })
    expect(run.result!.result).toMatch(/^The tool said: .*The secret word is marmalade\./s)
    const chats = fake.requestsFor('anthropic', { chatOnly: true })
    expect(chats.map((r) => (r.body as { model: string }).model)).toEqual(['claude-sonnet-5-5', 'claude-sonnet-5-5'])
    // The second request carried the call and Claude Code's result as tool_use and tool_result blocks.
    const messages = (chats[1]!.body as { messages: { role: string; content: { type: string }[] }[] }).messages
    expect(messages.at(-2)!.content).toEqual([expect.objectContaining({ type: 'tool_use', name: 'Read' })])
    expect(messages.at(-1)!.content).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'tool_result' })]))
  }, 180_000)
})
