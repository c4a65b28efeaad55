import { spawn } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchSection } from '../harness'
import { median, round } from '../harness'
import { connectHost } from '../lib/hostClient'

/** Resident memory of a process in MiB (ps counts KiB; it works on Linux and macOS); null where it cannot be read. */
function rssMib(pid: number): number | null {
  try {
    const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim())
    return Number.isFinite(kib) && kib > 0 ? kib / 1024 : null
  } catch {
    return null
  }
}

/** One start of the built `aura serve` with a fresh data folder: until the page could talk to it. */
async function startOnce(root: string, dataDir: string): Promise<{ urlMs: number; readyMs: number; rssMib: number | null }> {
  const started = performance.now()
  const child = spawn(process.execPath, [join(root, 'bin/aura.js'), 'serve', '--port', '0'], {
    env: { ...process.env, AURA_DATA_DIR: dataDir, AURA_KEYRING: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /Aura is running at (\S+)/.exec(out)
        if (match) resolve(match[1]!)
      })
      child.once('exit', (code) => reject(new Error(`aura serve exited (${code}) before it was ready`)))
    })
    const urlMs = performance.now() - started
    const client = await connectHost(url)
    const answer = await client.request('app.info', {})
    const readyMs = performance.now() - started
    client.close()
    if (!answer.ok) throw new Error(`app.info failed: ${answer.error.message}`)
    // Let start-up work that runs after the first answer settle before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 500))
    return { urlMs, readyMs, rssMib: rssMib(child.pid!) }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

/** `aura serve`: from start to the first WebSocket answer, and the host's memory once started. */
export const section: BenchSection = {
  name: 'startup',
  async run(ctx) {
    const runs = ctx.smoke ? 1 : 5
    const results = []
    for (let i = 0; i < runs; i++) {
      results.push(await startOnce(ctx.root, mkdtempSync(join(ctx.workDir, 'data-'))))
      ctx.log(`startup: run ${i + 1}/${runs}: ready after ${Math.round(results.at(-1)!.readyMs)} ms`)
    }
    const rss = results.flatMap((r) => (r.rssMib === null ? [] : [r.rssMib]))
    return {
      ready_ms: round(median(results.map((r) => r.readyMs))),
      url_printed_ms: round(median(results.map((r) => r.urlMs))),
      rss_mib: rss.length ? round(median(rss)) : null,
      runs,
    }
  },
}
