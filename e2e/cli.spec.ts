import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud } from '../src/main/services/testing/fakeCloud'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS } from '../src/main/services/testing/testHub'
import { encodeTinyLlama, writeDamagedGguf, writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, test } from './support/aura'

/** The built `aura` command, run as a user runs it, with its own data folder. */
const bin = resolve(import.meta.dirname, '../bin/aura.js')
let dataDir: string
/** The CLI follows the terminal's language (docs/languages.md): these checks read its English. */
const ENGLISH = { LC_ALL: 'en_US.UTF-8' }
const aura = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...ENGLISH, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 })
/** Without blocking this process, which serves the test Hub. */
function auraWith(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return auraInput(env, null, ...args)
}
function auraInput(env: Record<string, string>, stdin: string | null, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...ENGLISH, AURA_KEYRING: 'off', ...env, AURA_DATA_DIR: dataDir } })
    child.stdin.end(stdin ?? undefined)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'aura-cli-'))
  mkdirSync(join(dataDir, 'models'))
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ threads: 1 }))
  await writeTinyLlama(join(dataDir, 'models', 'tiny.gguf'), { eosBias: -8 })
  await writeDamagedGguf(join(dataDir, 'models', 'cut-short.gguf'), 'truncated')
})
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test('aura run streams an answer to stdout and exits 0', () => {
  const result = aura('run', '--model', 'tiny', '--threads', '1', '--max-tokens', '24', 'Once upon a time')
  expect(result.status, result.stderr).toBe(0)
  expect(result.stdout.trim().length).toBeGreaterThan(10)
  expect(result.stderr).toMatch(/^24 tokens \(\d+ read\) · [\d.]+ tokens\/s/m)
  expect(result.stderr).toMatch(/^Answered by Aura Tiny Llama on this computer\.$/m)
})

test('aura run also takes a path to a .gguf file', () => {
  const result = aura('run', '--model', join(dataDir, 'models', 'tiny.gguf'), '--max-tokens', '8', 'Hello')
  expect(result.status, result.stderr).toBe(0)
})

test('a bad path or a damaged file exits non-zero with one clear line', () => {
  for (const model of [join(dataDir, 'nowhere.gguf'), 'no-such-model', 'cut-short']) {
    const result = aura('run', '--model', model, 'Hello')
    expect(result.status, model).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trim().split('\n')
    expect(lines, result.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(/^aura: .*(not installed|no model|incomplete|damaged)/i)
  }
})

test('aura says its errors in the terminal’s language (LC_ALL, LC_MESSAGES, LANG)', async () => {
  const spanish = await auraWith({ LC_ALL: '', LANG: 'es_ES.UTF-8' }, 'run', '--model', 'no-such-model', 'Hola')
  expect(spanish.status).toBe(1)
  expect(spanish.stderr.trim()).toBe('aura: El modelo «no-such-model» no está instalado. Elige otro modelo, o descárgalo en Ajustes → Modelos de IA.')
  const chinese = await auraWith({ LC_ALL: 'zh_CN.UTF-8' }, 'run', '--model', 'no-such-model', '你好')
  expect(chinese.stderr.trim()).toBe('aura: 模型“no-such-model”没有安装。请选择另一个模型，或在“设置 → AI 模型”中下载它。')
  // The command's own refusals too (aura pull words them itself).
  const pull = await auraWith({ LC_ALL: 'es_ES.UTF-8' }, 'pull', 'no-such-entry')
  expect(pull.stderr.trim()).toBe('aura: «no-such-entry» no está en el catálogo de Aura. Consulta la lista con: aura catalog')
})

test('aura models lists installed models, as a table and as JSON', () => {
  const table = aura('models')
  expect(table.status).toBe(0)
  expect(table.stdout).toMatch(/^ID\s+ARCHITECTURE\s+PARAMETERS\s+QUANT\s+CONTEXT\s+SIZE\s+FIT\s+FILE/)
  expect(table.stdout).toMatch(/^tiny\s+llama\s+\S+\s+F32\s+2048\s+\S+ KiB\s+Runs well\s/m)

  const json = aura('models', '--json')
  expect(json.status).toBe(0)
  const models = JSON.parse(json.stdout) as { id: string; architecture: string | null; problem: string | null; quantization: string | null }[]
  expect(models.map((model) => model.id).sort()).toEqual(['cut-short', 'tiny'])
  expect(models.find((model) => model.id === 'tiny')).toMatchObject({ architecture: 'llama', quantization: 'F32', problem: null, fit: { label: 'runs_well' } })
  expect(models.find((model) => model.id === 'cut-short')!.problem).toMatch(/incomplete/)
})

test('usage errors explain themselves', () => {
  const result = aura('run', 'Hello')
  expect(result.status).toBe(2)
  expect(result.stderr).toMatch(/--model/)
})

test('aura route --dry-run explains a decision without running a model, as text and as JSON', () => {
  const complex = aura('route', '--dry-run', '--json', 'Refactor the billing module across these five files to use dependency injection, and update the tests')
  expect(complex.status, complex.stderr).toBe(0)
  const decision = JSON.parse(complex.stdout)
  expect(decision).toMatchObject({ complexity: 'complex', taskType: 'coding', tier: 'cloud', model: expect.stringContaining(':'), reason: expect.stringMatching(/^Cloud · /) })
  expect(decision.candidates.length).toBeGreaterThanOrEqual(3)

  const privateRun = JSON.parse(aura('route', '--dry-run', '--json', '--privacy', 'Refactor the billing module across these five files to use dependency injection, and update the tests').stdout)
  expect(privateRun).toMatchObject({ mode: 'local_only', tier: 'local-quality', reason: expect.stringMatching(/Local only/) })
  expect(privateRun.candidates.filter((c: { tier: string; skipped: string | null }) => c.tier === 'cloud').every((c: { skipped: string | null }) => c.skipped !== null)).toBe(true)

  const offline = aura('route', '--dry-run', '--offline', 'hi there')
  expect(offline.status).toBe(0)
  expect(offline.stdout).toMatch(/^Local · .*offline/m)
  expect(offline.stdout).toMatch(/You seem to be offline/)

  expect(aura('route', '--privacy', 'hi').status).toBe(2)
})

test('aura run --model auto picks a model, and every run lands in aura usage and its export', () => {
  const run = aura('run', '--model', 'auto', '--max-tokens', '8', 'Hello there')
  expect(run.status, run.stderr).toBe(0)
  expect(run.stderr).toMatch(/^Local · /m)
  const summary = JSON.parse(aura('usage', '--json').stdout)
  expect(summary.today.requests).toBeGreaterThanOrEqual(1)
  expect(summary.today.localTokens).toBeGreaterThan(0)
  expect(summary.days).toHaveLength(30)
  const table = aura('usage')
  expect(table.stdout).toMatch(/^Today\s+\$0\.00 of \$1\.00/m)

  for (const format of ['jsonl', 'csv']) {
    const out = join(dataDir, `usage.${format}`)
    const exported = aura('usage', 'export', '--format', format, '--out', out)
    expect(exported.status, exported.stderr).toBe(0)
    const lines = readFileSync(out, 'utf8').trim().split('\n')
    expect(lines.length - (format === 'csv' ? 1 : 0)).toBe(summary.today.requests)
  }
  const records = readFileSync(join(dataDir, 'usage.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line))
  // Eight tokens of a model that never stops: the answer check calls it weak, as in the app.
  expect(records.at(-1)).toMatchObject({ provider: 'local', mode: 'auto', tier: 'local-fast', costUsd: 0, outcome: 'low_quality' })
  expect(aura('usage', 'export', '--format', 'xml', '--out', join(dataDir, 'x')).status).toBe(2)
})

test('aura hardware describes this computer in plain words', () => {
  const text = aura('hardware')
  expect(text.status).toBe(0)
  expect(text.stdout).toMatch(/^Aura found .+ memory/)
  const profile = JSON.parse(aura('hardware', '--json').stdout) as { tier: string; ramTotalBytes: number; cpu: { cores: number } }
  expect(profile.ramTotalBytes).toBeGreaterThan(0)
  expect(profile.cpu.cores).toBeGreaterThan(0)
  expect(['laptop', 'gaming_pc', 'enthusiast', 'workstation', 'cpu_only']).toContain(profile.tier)
})

test('aura catalog lists models with their fit, and marks the suggestion', () => {
  const result = aura('catalog')
  expect(result.status).toBe(0)
  expect(result.stdout).toMatch(/^stories260k\s+Stories 260K.*Runs well/m)
  expect(result.stdout).toMatch(/Suggested for this computer: /)
  const { items, recommendation } = JSON.parse(aura('catalog', '--json').stdout) as { items: { id: string }[]; recommendation: { entryId: string } }
  expect(items.map((item) => item.id)).toContain(recommendation.entryId)
})

test('aura pull downloads from the Hub, resumes an interrupted pull, and fails clearly', async () => {
  const hub = await startTestHub()
  try {
    const env = { AURA_HF_ENDPOINT: hub.url }
    hub.setFaults({ drop: { afterBytes: 100_000, times: 2 } })
    const pulled = await auraWith(env, 'pull', 'stories260k')
    expect(pulled.status, pulled.stderr).toBe(0)
    expect(pulled.stdout).toMatch(/^Downloaded stories260K\.gguf/)
    expect(aura('models').stdout).toMatch(/^stories260K\s/m)

    // Interrupted (Ctrl+C) halfway, then pulled again: it goes on from where it stopped.
    const [repo, file] = [TEST_HUB_REPOS.tiny, TEST_HUB_FILES.tiny]
    const size = hub.file(repo, file)!.size
    hub.setFaults({ throttleBytesPerSecond: Math.ceil(size / 4) })
    const interrupted = spawn(process.execPath, [bin, 'pull', repo, '--quant', 'F32'], { env: { ...process.env, ...env, AURA_DATA_DIR: dataDir } })
    await expect.poll(() => hub.bytesServed(file), { timeout: 20_000 }).toBeGreaterThan(size / 3)
    interrupted.kill('SIGINT')
    expect(await new Promise((resolve) => interrupted.on('close', resolve))).toBe(130)
    hub.setFaults({})
    hub.clearRequests()
    const resumed = await auraWith(env, 'pull', repo, '--quant', 'F32')
    expect(resumed.status, resumed.stderr).toBe(0)
    const ranges = hub.requests.filter((request) => request.server === 'cdn' && request.file === file).map((request) => request.range)
    expect(ranges[0]).toMatch(/^bytes=[1-9]\d*-/)
    expect(aura('models').stdout).toMatch(/^aura-tiny-llama-F32\s/m)

    // Killed outright (SIGKILL, as by a crash or the task manager): the journal still lets it resume.
    // (Big enough that a checkpoint reaches the disk before the kill: a file is synced every 2 s.)
    const big = { repo: 'aura-test/bigger-GGUF', file: 'bigger-F32.gguf' }
    const bigSize = (await hub.addFile(big.repo, big.file, encodeTinyLlama({ embedding: 512 }))).size
    hub.setFaults({ throttleBytesPerSecond: Math.ceil(bigSize / 5), files: [big.file] })
    const killed = spawn(process.execPath, [bin, 'pull', `${big.repo}/${big.file}`], { env: { ...process.env, ...env, AURA_DATA_DIR: dataDir } })
    await expect.poll(() => hub.bytesServed(big.file), { timeout: 20_000 }).toBeGreaterThan(bigSize * 0.6)
    killed.kill('SIGKILL')
    await new Promise((resolve) => killed.on('close', resolve))
    hub.setFaults({})
    hub.clearRequests()
    const afterKill = await auraWith(env, 'pull', `${big.repo}/${big.file}`)
    expect(afterKill.status, afterKill.stderr).toBe(0)
    const firstRange = hub.requests.find((request) => request.server === 'cdn' && request.method === 'GET' && request.file === big.file)?.range
    expect(firstRange).toMatch(/^bytes=[1-9]\d*-/)
    expect(hub.bytesServed(big.file)).toBeLessThan(bigSize * 0.8)

    // A file that is not a model is refused, naming the ones to choose from; nothing is downloaded.
    hub.clearRequests()
    const readme = await auraWith(env, 'pull', `${TEST_HUB_REPOS.tiny}/README.md`)
    expect(readme.status).toBe(1)
    expect(readme.stderr.trim().split('\n').at(-1)).toBe(
      `aura: README.md is not a model file: Aura downloads GGUF models, whose names end in .gguf. Choose one of the .gguf files in ${TEST_HUB_REPOS.tiny}: ${TEST_HUB_FILES.tiny}.`,
    )
    expect(hub.requests.filter((request) => request.url.includes('/resolve/'))).toEqual([])
    expect(readdirSync(join(dataDir, 'models'))).not.toContain('README.md')

    const missing = await auraWith(env, 'pull', 'nobody/nothing-GGUF')
    expect(missing.status).toBe(1)
    expect(missing.stderr.trim().split('\n').at(-1)).toMatch(/^aura: .*no model called nobody\/nothing-GGUF/)
    const offline = await auraWith({ AURA_HF_ENDPOINT: 'http://127.0.0.1:9' }, 'pull', 'aura-test/tiny-llama-GGUF')
    expect(offline.status).toBe(1)
    expect(offline.stderr).toMatch(/could not reach Hugging Face/i)
    // Offline, a file that is not a model is still refused as such (without the list of choices).
    const offlineReadme = await auraWith({ AURA_HF_ENDPOINT: 'http://127.0.0.1:9' }, 'pull', 'aura-test/tiny-llama-GGUF/README.md')
    expect(offlineReadme.status).toBe(1)
    expect(offlineReadme.stderr.trim().split('\n').at(-1)).toBe(
      'aura: README.md is not a model file: Aura downloads GGUF models, whose names end in .gguf. Choose one of the .gguf files in aura-test/tiny-llama-GGUF.',
    )
  } finally {
    await hub.close()
  }
})

test('aura run --model auto falls back like the app: the cloud fails, the local model answers, and stderr says so in plain words', async () => {
  const fake = await startFakeCloud()
  try {
    fake.set({ serverError: true }, { provider: 'anthropic' })
    const env = { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY }
    const prompt = 'Design the architecture for a multi-tenant billing system with event sourcing: compare three options, weigh the trade-offs and justify your choice step by step.'
    const run = await auraWith(env, 'run', '--model', 'auto', '--threads', '1', '--max-tokens', '8', prompt)
    expect(run.status, run.stderr).toBe(0)
    expect(fake.requestsFor('anthropic', { chatOnly: true }).length).toBeGreaterThanOrEqual(1)
    expect(run.stdout.trim().length).toBeGreaterThan(0)
    const lines = run.stderr.trim().split('\n')
    expect(lines[0]).toMatch(/^Cloud · /)
    expect(lines[1]).toBe('Claude Opus 5.5 is not answering right now — answered by Aura Tiny Llama on this computer')
    expect(lines).toContain('Answered by Aura Tiny Llama on this computer.')
    // Eight tokens of a model that never stops: cut off, and said so.
    expect(lines).toContain('Aura isn’t confident in this answer (the answer looked cut off by the length limit). Try a stronger model for a better one.')
    expect(lines.at(-1)).toMatch(/^8 tokens/)
    // Both requests are in the ledger, as the app writes them.
    const out = join(dataDir, 'fallback.jsonl')
    expect((await auraWith(env, 'usage', 'export', '--format', 'jsonl', '--out', out)).status).toBe(0)
    const records = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { provider: string; outcome: string; fallbacks: string[] })
    expect(records.filter((r) => r.provider === 'anthropic').map((r) => r.outcome)).toEqual(['failed'])
    // The local models that followed (one or two, after aura pull) each say what came before them.
    const followed = records.filter((r) => r.fallbacks[0] === 'Claude Opus 5.5 is not answering right now')
    expect(followed.length).toBeGreaterThanOrEqual(1)
    expect(followed.every((r) => r.provider === 'local' && r.outcome === 'low_quality')).toBe(true)
  } finally {
    await fake.close()
  }
})

test('aura keys: a key from stdin, kept encrypted, tested, used by aura run, and removed', async () => {
  const fake = await startFakeCloud()
  try {
    const env = { AURA_OPENAI_BASE_URL: fake.baseUrls.openai }
    const saved = await auraInput(env, `${FAKE_CLOUD_VALID_KEY}\n`, 'keys', 'set', 'openai')
    expect(saved.status, saved.stderr).toBe(0)
    expect(saved.stdout).toMatch(/ending in alid/)
    expect(saved.stdout + saved.stderr).not.toContain(FAKE_CLOUD_VALID_KEY)

    const listed = await auraWith(env, 'keys', 'list')
    expect(listed.stdout).toMatch(/^openai\s+OpenAI\s+••••alid\s+saved, not tested yet/m)
    expect(listed.stdout).not.toContain(FAKE_CLOUD_VALID_KEY)
    const tested = await auraWith(env, 'keys', 'test', 'openai')
    expect(tested.status, tested.stdout + tested.stderr).toBe(0)
    expect(tested.stdout).toMatch(/^openai: works/)

    const answered = await auraWith(env, 'run', '--model', 'openai:gpt-6.1-terra', 'hello there')
    expect(answered.status, answered.stderr).toBe(0)
    expect(answered.stdout).toMatch(/^You said: hello there\./)
    expect(answered.stderr).toMatch(/4 tokens \(2 read\).*cost \$0\.0000/)

    for (const name of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
      const file = join(dataDir, name)
      if (statSync(file).isFile()) expect(readFileSync(file).includes(Buffer.from(FAKE_CLOUD_VALID_KEY)), name).toBe(false)
    }

    expect((await auraWith(env, 'keys', 'remove', 'openai')).status).toBe(0)
    const gone = await auraWith(env, 'run', '--model', 'openai:gpt-6.1-terra', 'hello')
    expect(gone.status).toBe(1)
    expect(gone.stderr.trim().split('\n')).toHaveLength(1)
    expect(gone.stderr).toMatch(/^aura: .*key/i)
  } finally {
    await fake.close()
  }
})

test('no system keychain: commands that use no keys say nothing of it, the key commands say it once in a sentence', async () => {
  test.skip(process.platform !== 'linux', 'a keychain that cannot be reached is made here by pointing D-Bus nowhere')
  // The keyring is really tried (no AURA_KEYRING=off) and fails as on a machine without a Secret Service.
  const noKeychain = { AURA_KEYRING: '', DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dataDir, 'no-bus')}` }
  for (const args of [['hardware'], ['models'], ['usage']]) {
    const result = await auraWith(noKeychain, ...args)
    expect(result.status, result.stderr).toBe(0)
    expect(result.stderr, args.join(' ')).toBe('')
  }
  for (const args of [['keys', 'list'], ['keys', 'remove', 'openai']]) {
    const result = await auraWith(noKeychain, ...args)
    expect(result.status, result.stderr).toBe(0)
    const lines = result.stderr.trim().split('\n')
    expect(lines, result.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(/^Aura keeps your keys encrypted with a key file in .*no system keychain was reachable.*\.$/)
    expect(result.stderr).not.toMatch(/[{}]|DBus|reason:/)
  }
})

test('aura api: a key made once on stdout, the API served on 127.0.0.1 for the OpenAI SDK, the key listed and revoked', async () => {
  const made = await auraWith({}, 'api', 'keys', 'create', 'my script', '--daily-budget', '2', '--local-only')
  expect(made.status, made.stderr).toBe(0)
  const key = made.stdout.trim()
  expect(key).toMatch(/^aura-[\w-]{43}$/)
  expect(made.stderr).toMatch(/cannot show it again/)
  expect(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')).not.toContain(key)
  const listed = await auraWith({}, 'api', 'keys', 'list')
  expect(listed.stdout).toMatch(new RegExp(`^my script\\s+aura-…${key.slice(-4).replace(/[-]/g, '\\-')}\\s+\\$2\\.00\\s+yes`, 'm'))
  expect(listed.stdout).not.toContain(key)
  // A key limited to some models lists them.
  expect((await auraWith({}, 'api', 'keys', 'create', 'notes', '--models', 'tiny, openai:gpt-6.1-terra')).status).toBe(0)
  expect((await auraWith({}, 'api', 'keys', 'list')).stdout).toMatch(/^notes\s+aura-….{4}\s+your budget\s+no\s+tiny, openai:gpt-6\.1-terra\s/m)

  const server = spawn(process.execPath, [bin, 'api', 'serve', '--port', '0'], { env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir } })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const found = /^Aura API is running at (http:\/\/127\.0\.0\.1:\d+\/v1)$/m.exec(out)
        if (found) resolve(found[1]!)
      })
      server.on('close', () => reject(new Error(`aura api serve exited: ${out}`)))
    })
    const { default: OpenAI } = await import('openai')
    const client = new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 })
    const reply = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 8 })
    expect(reply.choices[0]!.message.content!.length).toBeGreaterThan(0)
    expect(reply.model).toBe('tiny')

    expect((await auraWith({}, 'api', 'keys', 'revoke', 'my script')).status).toBe(0)
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
  } finally {
    server.kill('SIGTERM')
  }
})

test('aura docs adds, lists, searches and removes documents, and names a file it cannot read', () => {
  const notes = join(dataDir, 'notes')
  mkdirSync(notes, { recursive: true })
  writeFileSync(join(notes, 'boiler.md'), '# Boiler care\n\n## Monthly\n\nDescale the boiler with citric acid every month.\n')
  writeFileSync(join(notes, 'photo.jpg'), 'not a document')
  const added = aura('docs', 'add', join(notes, 'boiler.md'), join(notes, 'photo.jpg'), '--collection', 'Notes')
  expect(added.status, added.stderr).toBe(0)
  expect(added.stdout).toMatch(/Indexed 1 of 2 files in “Notes”/)
  expect(added.stdout).toMatch(/Not indexed: .*photo\.jpg\n\s+Aura can't read “photo\.jpg”/)

  expect(aura('docs', 'list').stdout).toMatch(/^Notes\s+2\s+1\s+\d+\s+—/m)
  const found = aura('docs', 'search', 'how often to descale the boiler')
  expect(found.stdout).toMatch(/^1\. Boiler care › Monthly\n\s+.*boiler\.md\n\s+.*Descale the boiler/m)
  expect(found.stderr).toMatch(/no model for documents is installed/)
  const json = JSON.parse(aura('docs', 'search', 'descale', '--json').stdout) as { passages: { heading: string }[]; retrieval: string }
  expect(json).toMatchObject({ retrieval: 'keyword', passages: [{ heading: 'Boiler care › Monthly' }] })

  expect(aura('docs', 'remove', 'Notes').stdout).toMatch(/Removed the collection “Notes”/)
  expect(aura('docs', 'remove', 'Notes').status).toBe(1)
})
