/**
 * The renderer section's host and browser: `aura serve` (the built CLI) on its own data folder, and
 * Debian's Chromium driven by Playwright, with the flags the e2e suite uses.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Browser, BrowserType } from 'playwright'

// Loaded by Node's own require: jiti (which runs `npm run bench`) cannot transform playwright-core's bundle.
const { chromium } = createRequire(import.meta.url)('playwright') as { chromium: BrowserType }

export interface BenchHost {
  url: string
  dataDir: string
  stop(): Promise<void>
}

/** Starts `node bin/aura.js serve` on `dataDir` (settings written first) and resolves once it prints its URL. */
export async function startHost(root: string, dataDir: string, settings: Record<string, unknown>): Promise<BenchHost> {
  mkdirSync(join(dataDir, 'models'), { recursive: true })
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings))
  const child = spawn(process.execPath, [join(root, 'bin/aura.js'), 'serve', '--port', '0'], {
    env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /^Aura is running at (http:\/\/\S+)$/.exec(line)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`aura serve exited with ${code}: ${stderr}`)))
  })
  child.stdout!.resume()
  return { url, dataDir, stop: () => stopProcess(child) }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    child.once('exit', () => done())
    child.kill('SIGTERM')
  })
}

/** Debian's Chromium (or CHROMIUM_PATH), headless, as the e2e suite launches it. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}
