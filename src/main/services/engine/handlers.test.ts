import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../createServices'
import { memoryStore } from '../testing/memoryStore'
import { caller } from '../testing/procedures'
import { rejection } from '../testing/rejection'
import { writeTinyLlama } from '../testing/tinyLlama'

describe('engine.embed', () => {
  let dir: string
  let services: Services
  const call = caller(() => services)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-embed-procedure-'))
    await writeTinyLlama(join(dir, 'models', 'embedder.gguf'), { seed: 31, pooling: 'mean' })
    await writeTinyLlama(join(dir, 'models', 'chat.gguf'), { seed: 32 })
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: dir }, settingsStore: memoryStore({ threads: 1 }) })
  })
  afterAll(async () => {
    await services.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('gives an installed model for documents’ vectors for texts', async () => {
    const result = await call('engine.embed', { modelId: 'embedder', texts: ['one text', 'another text'] })
    expect(result).toMatchObject({ dimensions: 64, vectors: [expect.any(Array), expect.any(Array)] })
    expect(result.vectors[0]).toHaveLength(64)
  })

  it('says plainly when the model is not installed, or is a chat model', async () => {
    expect(await rejection(call('engine.embed', { modelId: 'nope', texts: ['a'] }))).toMatchObject({ code: 'model_not_found', message: expect.stringMatching(/not installed/) })
    expect(await rejection(call('engine.embed', { modelId: 'chat', texts: ['a'] }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/is a chat model/) })
  })
})
