import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import type { GenerateRequest } from '../engine/inferenceEngine'
import { LlamaEngine } from '../engine/llamaEngine'
import { memoryStore } from '../testing/memoryStore'
import { recordingEngine } from '../testing/recordingEngine'
import { caller } from '../testing/procedures'
import { writeTinyLlama } from '../testing/tinyLlama'

/**
 * A model's own defaults (Settings' `modelDefaults`) through the real services and the real engine
 * on a generated model (one thread), with what the engine was asked noted on the way in.
 */
describe('per-model defaults', () => {
  let dataDir: string
  let services: Services
  const asked: GenerateRequest[] = []
  const done: Message[] = []
  const call = caller(() => services)

  const reply = async (conversationId: string, modelId: string) => {
    const sent = await call('chat.send', { conversationId, text: 'Tell me a story', modelId })
    await expect.poll(() => done.some((message) => message.id === sent.assistantMessage.id), { timeout: 30_000 }).toBe(true)
    return asked.at(-1)!
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-model-defaults-'))
    await writeTinyLlama(join(dataDir, 'models', 'chatty.gguf'), { chatTemplate: true, eosBias: 2 })
    await writeTinyLlama(join(dataDir, 'models', 'other.gguf'), { chatTemplate: true, eosBias: 2, seed: 3 })
    const engine = recordingEngine(new LlamaEngine({ cacheDir: join(dataDir, 'cache') }), asked)
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir },
      engine,
      settingsStore: memoryStore({ threads: 1, maxTokens: 8, temperature: 0.7, contextSize: 1024, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
  })
  afterAll(async () => {
    await services.dispose()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('a model’s own temperature and context size reach the engine; a chat’s own temperature still comes first', async () => {
    await call('settings.update', { modelDefaults: { chatty: { temperature: 0.3, contextSize: 512 } } })
    const plain = await call('conversations.create', {})
    expect(await reply(plain.id, 'chatty')).toMatchObject({ temperature: 0.3, contextSize: 512 })
    // Another model keeps the settings' own.
    expect(await reply(plain.id, 'other')).toMatchObject({ temperature: 0.7, contextSize: 1024 })
    // A chat from an assistant keeps the assistant's temperature, with the model's context size.
    const coding = await call('conversations.create', { assistantId: 'builtin-coding', modelId: 'chatty' })
    expect(await reply(coding.id, 'chatty')).toMatchObject({ temperature: 0.2, contextSize: 512 })
  })
})
