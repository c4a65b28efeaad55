/**
 * A real Aura process for tests that need more than one on the same data folder (the desktop app,
 * `aura serve` and the CLI side by side): a child Node process building the host's ports and
 * services on `dataDir`, answering procedures sent as JSON lines on its stdin, and writing each
 * answer and every event as a JSON line on its stdout. TypeScript runs through jiti, unbuilt.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createInterface } from 'node:readline'
import type { Envelope } from '../../../shared/api'

type Line = { answer: number; envelope: Envelope<unknown> } | { event: string; payload: unknown }

export interface AuraProcess {
  pid: number
  call<T>(procedure: string, input: unknown): Promise<T>
  /** Resolves with the payload of the first event (from now or already seen) that `match` accepts. */
  event<T>(name: string, match: (payload: T) => boolean): Promise<T>
  stop(): Promise<void>
}

export function startAuraProcess(dataDir: string): AuraProcess {
  const require = createRequire(import.meta.url)
  const self = new URL(import.meta.url).pathname
  const code = `const { createJiti } = require(${JSON.stringify(require.resolve('jiti'))}); createJiti(${JSON.stringify(self)}).import(${JSON.stringify(self)}).then((m) => m.serveOnStdio(process.argv[1])).catch((e) => { console.error(e); process.exit(2) })`
  const child = spawn(process.execPath, ['-e', code, dataDir], {
    env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const answers = new Map<number, (envelope: Envelope<unknown>) => void>()
  const events: { event: string; payload: unknown }[] = []
  const waiters = new Set<() => void>()
  createInterface({ input: child.stdout }).on('line', (text) => {
    if (!text.startsWith('{')) return
    const line = JSON.parse(text) as Line
    if ('answer' in line) answers.get(line.answer)?.(line.envelope)
    else {
      events.push(line)
      for (const wake of waiters) wake()
    }
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const died = exited.then(() => {
    throw new Error(`The Aura process ${child.pid} exited: ${stderr.slice(-2000)}`)
  })
  died.catch(() => {})
  let next = 0
  return {
    pid: child.pid!,
    async call<T>(procedure: string, input: unknown) {
      const id = next++
      const answer = new Promise<Envelope<unknown>>((resolve) => answers.set(id, resolve))
      child.stdin.write(`${JSON.stringify({ id, procedure, input })}\n`)
      const envelope = await Promise.race([answer, died])
      if (!envelope.ok) throw new Error(`${procedure}: ${envelope.error.code}: ${envelope.error.message}`)
      return envelope.data as T
    },
    event<T>(name: string, match: (payload: T) => boolean) {
      return Promise.race([
        died,
        new Promise<T>((resolve) => {
          const look = () => {
            const found = events.find((entry) => entry.event === name && match(entry.payload as T))
            if (!found) return
            waiters.delete(look)
            resolve(found.payload as T)
          }
          waiters.add(look)
          look()
        }),
      ])
    },
    async stop() {
      child.stdin.end()
      await exited
    },
  }
}

/** The child's side: Aura's services on `dataDir`, driven over stdio until stdin closes. */
export async function serveOnStdio(dataDir: string): Promise<void> {
  const { createHostPorts } = await import('../../host/ports')
  const { createServices } = await import('../createServices')
  const services = createServices(await createHostPorts(dataDir, '0.0.0-test'))
  const write = (line: Line) => void process.stdout.write(`${JSON.stringify(line)}\n`)
  services.onEvent((event, payload) => write({ event, payload }))
  const pending: Promise<void>[] = []
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (text) => {
    const { id, procedure, input } = JSON.parse(text) as { id: number; procedure: string; input: unknown }
    pending.push(services.dispatch(procedure, input).then((envelope) => write({ answer: id, envelope })))
  })
  await new Promise((resolve) => lines.once('close', resolve))
  await Promise.all(pending)
  await services.dispose()
  process.exit(0)
}
