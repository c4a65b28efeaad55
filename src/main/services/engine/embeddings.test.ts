import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getLlama } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AuraError } from '../../../shared/api'
import { rejection } from '../testing/rejection'
import { writeDamagedGguf, writeTinyLlama } from '../testing/tinyLlama'
import { normalise } from './embeddings'
import type { ModelRef } from './inferenceEngine'
import { LlamaEngine } from './llamaEngine'

const GiB = 1024 ** 3
const TEXTS = ['the little world and the sun', 'a cat sat on the mat', 'what is the weather like today', 'the']

let dir: string
let embedder: ModelRef // a tiny llama that declares mean pooling: an embedding model
let chat: ModelRef // the same shape without pooling: a chat model
let shortWindow: ModelRef // an embedding model that reads at most 63 tokens
let engine: LlamaEngine

const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-embed-'))
  embedder = { id: 'embedder', file: await writeTinyLlama(join(dir, 'embedder.gguf'), { seed: 21, pooling: 'mean' }) }
  chat = { id: 'chat', file: await writeTinyLlama(join(dir, 'chat.gguf'), { seed: 22 }) }
  shortWindow = { id: 'short', file: await writeTinyLlama(join(dir, 'short.gguf'), { seed: 23, pooling: 'mean', contextLength: 64 }) }
  engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
})

afterAll(async () => {
  await engine?.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('embeddings', () => {
  it('gives one unit-length vector per text, the same every time', async () => {
    const first = await engine.embed({ model: embedder, texts: TEXTS, threads: 1 })
    expect(first.dimensions).toBe(64)
    expect(first.vectors).toHaveLength(TEXTS.length)
    for (const vector of first.vectors) {
      expect(vector).toHaveLength(64)
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 6)
    }
    expect(first.tokens).toBeGreaterThan(TEXTS.length)
    // Different texts, different vectors; the same texts, the same vectors (after a reload too).
    expect(dot(first.vectors[0]!, first.vectors[1]!)).toBeLessThan(0.999)
    expect((await engine.embed({ model: embedder, texts: TEXTS, threads: 1 })).vectors).toEqual(first.vectors)
    await engine.unload()
    expect((await engine.embed({ model: embedder, texts: TEXTS, threads: 1 })).vectors).toEqual(first.vectors)
  })

  it('gives a batch of texts the vectors each gets alone, and node-llama-cpp its own loop gives', async () => {
    const batch = await engine.embed({ model: embedder, texts: TEXTS, threads: 1 })
    for (const [index, text] of TEXTS.entries()) {
      expect((await engine.embed({ model: embedder, texts: [text], threads: 1 })).vectors[0]).toEqual(batch.vectors[index])
    }
    const llama = await getLlama({ build: 'never', gpu: false })
    const model = await llama.loadModel({ modelPath: embedder.file })
    const context = await model.createEmbeddingContext({ threads: 1, contextSize: 2048 })
    try {
      for (const [index, text] of TEXTS.entries()) {
        const reference = normalise((await context.getEmbeddingFor(text)).vector)
        reference.forEach((value, i) => expect(batch.vectors[index]![i]).toBeCloseTo(value, 5))
      }
    } finally {
      await context.dispose()
      await model.dispose()
    }
  })

  it('stops between texts when cancelled, and works again afterwards', async () => {
    const before = new AbortController()
    before.abort()
    await expect(engine.embed({ model: embedder, texts: TEXTS, threads: 1, signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' })

    const controller = new AbortController()
    const many = Array.from({ length: 200 }, (_, i) => `${TEXTS[i % TEXTS.length]} ${i}`)
    const pending = engine.embed({ model: embedder, texts: many, threads: 1, signal: controller.signal })
    setTimeout(() => controller.abort(), 30)
    const started = performance.now()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(performance.now() - started).toBeLessThan(2_000)
    expect((await engine.embed({ model: embedder, texts: ['again'], threads: 1 })).vectors).toHaveLength(1)
  })

  it('refuses a chat model in plain words', async () => {
    const error = await rejection(engine.embed({ model: chat, texts: ['hello'], threads: 1 }))
    expect(error).toBeInstanceOf(AuraError)
    expect(error).toMatchObject({ code: 'invalid_input' })
    expect((error as Error).message).toMatch(/is a chat model: it cannot turn texts into embeddings.*Choose an embedding model/)
  })

  it('refuses a damaged file in plain words', async () => {
    const file = await writeDamagedGguf(join(dir, 'damaged.gguf'), 'truncated', { pooling: 'mean' })
    const error = await rejection(engine.embed({ model: { id: 'damaged', file }, texts: ['a'], threads: 1 }))
    expect(error).toMatchObject({ code: 'model_invalid', message: expect.stringMatching(/download/i) })
  })

  it('refuses to chat with a model for documents', async () => {
    const error = await rejection(engine.generate({ model: embedder, messages: [{ role: 'user', content: 'Hi' }], maxTokens: 4, temperature: 0, threads: 1, contextSize: 512 }))
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/is a model for documents: it cannot chat\. Choose a chat model\./) })
  })

  it('refuses a text longer than the model reads at once, naming which one', async () => {
    const long = Array.from({ length: 100 }, () => 'the').join(' ')
    const error = await rejection(engine.embed({ model: shortWindow, texts: ['short', long], threads: 1 }))
    expect(error).toMatchObject({ code: 'invalid_input', data: { index: 1, maxTokens: 63 } })
    expect((error as Error).message).toMatch(/^Text 2 of 2 is too long for ".*": it is \d+ tokens, and the model reads at most 63 at a time\. Split it/)
    expect((await engine.embed({ model: shortWindow, texts: ['short'], threads: 1 })).vectors).toHaveLength(1)
  })

  it('embeds while the chat model writes a reply, both loaded at once', async () => {
    const [reply, embedded] = await Promise.all([
      engine.generate({ model: chat, messages: [{ role: 'user', content: 'Hello' }], maxTokens: 24, temperature: 0, threads: 1, contextSize: 512 }),
      engine.embed({ model: embedder, texts: TEXTS, threads: 1 }),
    ])
    expect(reply.stats.tokens).toBe(24)
    expect(embedded.vectors).toHaveLength(TEXTS.length)
    expect(engine.loadedModels().map((m) => m.key)).toEqual(expect.arrayContaining(['chat', `embedding:${embedder.file}`]))
  })

  it('unloads an idle embedding model after a while', async () => {
    const idle = new LlamaEngine({ gpu: false, idleUnloadMs: 100 })
    try {
      await idle.embed({ model: embedder, texts: ['a'], threads: 1 })
      expect(idle.loadedModels()).toHaveLength(1)
      await vi.waitFor(() => expect(idle.loadedModels()).toHaveLength(0), { timeout: 5_000 })
    } finally {
      await idle.dispose()
    }
  })
})

describe('several models in one memory budget', () => {
  let chatBytes: number
  let embedderBytes: number

  beforeAll(async () => {
    await engine.unload()
    await engine.load(chat, { threads: 1, contextSize: 512 })
    await engine.embed({ model: embedder, texts: ['a'], threads: 1 })
    const loaded = new Map(engine.loadedModels().map((m) => [m.key, m.bytes]))
    chatBytes = loaded.get('chat') ?? 0
    embedderBytes = loaded.get(`embedding:${embedder.file}`) ?? 0
    expect(chatBytes).toBeGreaterThan(0)
    expect(embedderBytes).toBeGreaterThan(0)
    await engine.unload()
  })

  /** An engine on a computer with room for either model but not both (2 GiB is kept for the system). */
  const tight = () => new LlamaEngine({ gpu: false, idleUnloadMs: null, memoryBytes: 2 * GiB + Math.max(chatBytes, embedderBytes) + Math.min(chatBytes, embedderBytes) / 2 })

  it('unloads the least recently used idle model to make room', async () => {
    const small = tight()
    try {
      await small.load(chat, { threads: 1, contextSize: 512 })
      expect(small.status().state).toBe('ready')
      await small.embed({ model: embedder, texts: ['a'], threads: 1 })
      expect(small.loadedModels().map((m) => m.key)).toEqual([`embedding:${embedder.file}`])
      expect(small.status().state).toBe('idle')
      // And back: the chat model makes the embedding model go.
      await small.generate({ model: chat, messages: [{ role: 'user', content: 'Hi' }], maxTokens: 4, temperature: 0, threads: 1, contextSize: 512 })
      expect(small.loadedModels().map((m) => m.key)).toEqual(['chat'])
    } finally {
      await small.dispose()
    }
  })

  it('never unloads a model in use, and says so', async () => {
    const small = tight()
    try {
      const controller = new AbortController()
      const reply = small.generate({
        model: chat,
        messages: [{ role: 'user', content: 'Hi' }],
        maxTokens: 100_000,
        temperature: 0,
        threads: 1,
        contextSize: 512,
        signal: controller.signal,
      })
      await vi.waitFor(() => expect(small.status().state).toBe('generating'), { timeout: 20_000 })
      const error = await rejection(small.embed({ model: embedder, texts: ['a'], threads: 1 }))
      expect(error).toMatchObject({ code: 'busy' })
      expect((error as Error).message).toMatch(/needs about .* of memory, and while "Aura Tiny Llama" is in use this computer can spare only .* more\. Wait for it to finish/)
      expect(small.status().state).toBe('generating')
      controller.abort()
      expect((await reply).stopReason).toBe('aborted')
      // Idle now: it makes room.
      expect((await small.embed({ model: embedder, texts: ['a'], threads: 1 })).vectors).toHaveLength(1)
    } finally {
      await small.dispose()
    }
  })
})

/** A real embedding model (bge-small / nomic-embed GGUF) in the shared folder beside the repository, when there is one. */
const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/models/', import.meta.url))
const real = existsSync(FIXTURES) ? readdirSync(FIXTURES).find((name) => /^(bge-small|nomic-embed).*\.gguf$/i.test(name)) : undefined

describe('a real embedding model', () => {
  it('puts similar texts closer than unrelated ones', async (ctx) => {
    ctx.skip(!real, `needs bge-small-en-v1.5-q8_0.gguf or a nomic-embed-text GGUF in ${FIXTURES} (the shared folder beside the repository)`)
    const model = { id: 'real', file: join(FIXTURES, real ?? '') }
    const { vectors } = await engine.embed({
      model,
      texts: ['How do I bake bread at home?', 'A simple recipe for homemade bread.', 'The stock market fell sharply today.'],
      threads: 1,
    })
    const [question, recipe, market] = vectors as [number[], number[], number[]]
    expect(dot(question, recipe)).toBeGreaterThan(dot(question, market) + 0.1)
  })
})
