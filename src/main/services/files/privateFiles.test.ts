import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Conversation, Download, Envelope, Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { ThreadCalibrationCache } from '../engine/threadCache'
import { createHostPorts } from '../../host/ports'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS } from '../testing/testHub'
import { writeTinyLlama } from '../testing/tinyLlama'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const modeOf = (path: string) => statSync(path).mode & 0o777

/** Every file and folder under `dir` with its mode, except models and the models folder (not private data). */
function modes(dir: string): Record<string, number> {
  const found: Record<string, number> = {}
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.name.endsWith('.gguf') || entry.name.endsWith('.part')) continue
      if (relative(dir, path) !== 'models') found[relative(dir, path)] = modeOf(path)
      if (entry.isDirectory()) walk(path)
    }
  }
  walk(dir)
  return found
}

async function call<T>(services: Services, procedure: string, input: unknown): Promise<T> {
  const envelope = (await services.dispatch(procedure, input)) as Envelope<T>
  if (!envelope.ok) throw new Error(`${procedure}: ${envelope.error.message}`)
  return envelope.data
}

describe.skipIf(process.platform === 'win32')('private files', () => {
  it('after real use (settings, a chat, usage, a key, thread cache, a paused download) every file is 0600 and every folder 0700', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'aura-private-'))
    dirs.push(parent)
    // The control: this umask makes files others can read.
    writeFileSync(join(parent, 'control'), '')
    expect(modeOf(join(parent, 'control')) & 0o044).not.toBe(0)

    const dataDir = join(parent, 'Aura')
    const hub = await startTestHub({ faults: { throttleBytesPerSecond: 64 * 1024 } })
    const services = createServices(await createHostPorts(dataDir, '0.0.0-test', { AURA_KEYRING: 'off', AURA_HF_ENDPOINT: hub.url }))
    try {
      await writeTinyLlama(join(dataDir, 'models', 'chatty.gguf'), { chatTemplate: true, eosBias: 2 })
      await call(services, 'settings.update', { threads: 1, maxTokens: 16 })
      const { id } = await call<Conversation>(services, 'conversations.create', {})
      const done = new Promise<void>((resolve) => services.onEvent((event) => event === 'chat.done' && resolve()))
      await call<{ assistantMessage: Message }>(services, 'chat.send', { conversationId: id, text: 'Hello', modelId: 'chatty' })
      await done
      await call(services, 'hub.setToken', { token: 'hf_private0123456789' })
      await new ThreadCalibrationCache(join(dataDir, 'cache')).set(
        { machine: { cpu: 'x', cores: 2, memoryBytes: 1, platform: 'linux', arch: 'x64', engine: 'e', gpu: 'cpu' }, model: { path: 'm', sizeBytes: 1, mtimeMs: 1 }, candidates: [1] },
        { threads: 1, msPerToken: { 1: 1 }, tookMs: 1 },
      )
      const download = await call<Download>(services, 'downloads.start', { repo: TEST_HUB_REPOS.tiny, file: TEST_HUB_FILES.tiny })
      await new Promise<void>((resolve) => services.onEvent((event, payload) => event === 'downloads.progress' && (payload as Download).receivedBytes > 0 && resolve()))
      await call(services, 'downloads.pause', { id: download.id })
    } finally {
      await services.dispose()
      await hub.close()
    }

    const found = modes(dataDir)
    for (const name of ['settings.json', 'secrets.json', 'secret.key', 'conversations', 'usage', 'cache/thread-calibration.json', `models/${TEST_HUB_FILES.tiny}.part.json`]) {
      expect(Object.keys(found).some((path) => path.startsWith(name)), name).toBe(true)
    }
    const loose = Object.entries(found).filter(([path, mode]) => mode !== (statSync(join(dataDir, path)).isDirectory() ? 0o700 : 0o600))
    expect(loose).toEqual([])
    expect(modeOf(dataDir)).toBe(0o700)
  }, 60_000)

  it('tightens what an older version left readable, and leaves model files as they are', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aura-private-'))
    dirs.push(dataDir)
    for (const folder of ['conversations', 'usage', 'cache', 'models']) mkdirSync(join(dataDir, folder), { mode: 0o755 })
    const files = ['settings.json', 'secrets.json', 'conversations/a.jsonl', 'usage/usage-2025-01.jsonl', 'cache/thread-calibration.json', 'models/m.gguf']
    for (const file of files) writeFileSync(join(dataDir, file), file.endsWith('.json') ? '{}\n' : '', { mode: 0o644 })
    chmodSync(dataDir, 0o755)

    const services = createServices(await createHostPorts(dataDir, '0.0.0-test', { AURA_KEYRING: 'off' }))
    await services.dispose()

    expect(modeOf(dataDir)).toBe(0o700)
    for (const folder of ['conversations', 'usage', 'cache']) expect(modeOf(join(dataDir, folder)), folder).toBe(0o700)
    for (const file of files.slice(0, -1)) expect(modeOf(join(dataDir, file)), file).toBe(0o600)
    expect(modeOf(join(dataDir, 'models/m.gguf'))).toBe(0o644)
  })
})
