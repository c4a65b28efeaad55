import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { FAKE_CLOUD_VALID_KEY } from '../../src/main/services/testing/fakeCloud'
import { writeTinyLlama } from '../../src/main/services/testing/tinyLlama'

const root = resolve(import.meta.dirname, '../..')
/** The real small model shared by the build machines; absent on other clones. */
export const storiesModel = resolve(root, '../shared/fixtures/models/stories260K.gguf')
export const screenshotsDir = join(root, 'e2e/artifacts')

export interface AuraServer {
  url: string
  dataDir: string
  modelsDir: string
  /** Stops Aura and removes its data folder. */
  stop(): Promise<void>
  /** Kills Aura at once (SIGKILL), as a crash or the task manager would; the data folder stays. */
  kill(): Promise<void>
  /** What Aura wrote to stdout and stderr so far (its logs). */
  output(): string
}

interface StartOptions {
  settings?: Record<string, unknown>
  prepare?: (modelsDir: string) => Promise<void> | void
  /** Start again on the data folder of an earlier run. */
  dataDir?: string
  /** More environment for `aura serve` (e.g. AURA_HF_ENDPOINT). */
  env?: Record<string, string>
  /** A fixed port (default: any free one); 'kept': no --port, so Aura takes the port of its last run. */
  port?: number | 'kept'
  /** More arguments for `aura serve` (e.g. --open). */
  args?: string[]
}

/** Starts `aura serve` (the built CLI, as a user runs it) with its own data folder. */
export async function startAura(options: StartOptions = {}): Promise<AuraServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aura-e2e-'))
  const modelsDir = join(dataDir, 'models')
  if (!options.dataDir) {
    mkdirSync(modelsDir, { recursive: true })
    // Tests run inference on one thread: more are many times slower on 2-core build machines.
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ threads: 1, ...options.settings }))
    await options.prepare?.(modelsDir)
  }

  const port = options.port === 'kept' ? [] : ['--port', String(options.port ?? 0)]
  const child = spawn(process.execPath, [join(root, 'bin/aura.js'), 'serve', ...port, ...(options.args ?? [])], {
    // AURA_KEYRING=off: a developer's real keychain stays out of the tests.
    env: { ...process.env, AURA_KEYRING: 'off', ...options.env, AURA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let output = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    output += chunk.toString()
  })
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /^Aura is running at (http:\/\/\S+)$/.exec(line)
      if (match) resolveUrl(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`aura serve exited with ${code}: ${stderr}`)))
  })
  return {
    url,
    dataDir,
    modelsDir,
    stop: () => stopProcess(child, 'SIGTERM').then(() => rmSync(dataDir, { recursive: true, force: true })),
    kill: () => stopProcess(child, 'SIGKILL'),
    output: () => output,
  }
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    child.once('exit', () => done())
    child.kill(signal)
  })
}

/** Puts a chat model in the folder: stories260K where the shared fixtures exist, else the generated tiny llama. */
export async function addStoryModel(modelsDir: string): Promise<string> {
  if (existsSync(storiesModel)) {
    copyFileSync(storiesModel, join(modelsDir, 'stories260K.gguf'))
    return 'stories260K'
  }
  await writeTinyLlama(join(modelsDir, 'aura-tiny.gguf'), { eosBias: 3 })
  return 'aura-tiny'
}

/** Settings → Cloud Keys: the fake OpenAI's key, pasted and tested (as a user does). */
export async function addOpenAiKey(page: Page): Promise<void> {
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-cloud-keys').click()
  const openai = page.locator('[data-testid="provider-card"][data-provider="openai"]')
  await openai.getByTestId('key-input').fill(FAKE_CLOUD_VALID_KEY)
  await openai.getByTestId('key-save').click()
  await openai.getByTestId('key-test').click()
  await expect(openai.getByTestId('key-status')).toHaveAttribute('data-status', 'valid')
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true })
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true })
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(', ')})`)).toEqual([])
}

export const test = base
export { expect }
