/**
 * Several requests on one loaded model (real node-llama-cpp, one thread, generated tiny llamas):
 * replies written at once, the queue beyond the slots, cancellation, prompt reuse across slots.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { estimateForModelFile } from '../fit'
import { writeTinyLlama } from '../testing/tinyLlama'
import type { ChatTurn, GenerateRequest, GenerateResult, ModelRef } from './inferenceEngine'
import { LlamaEngine } from './llamaEngine'

let dir: string
let base: ModelRef // no chat template, never stops by itself
const engines: LlamaEngine[] = []

function engineWith(maxSlots?: number): LlamaEngine {
  const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, maxSlots })
  engines.push(engine)
  return engine
}

function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model: base, messages: [{ role: 'user', content: 'Hello there, how are you?' }], maxTokens: 12, temperature: 0, threads: 1, contextSize: 2048, ...overrides }
}

const say = (content: string): ChatTurn[] => [{ role: 'user', content }]
const PROMPTS = ['The cat sat on the mat and', 'A big red dog ran to the park', 'Lily had a blue ball in', 'Once upon a time there was a tree']

/** Resolves once `predicate` holds, checking every few milliseconds. */
async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A long text whose tokens the tiny llama's vocabulary covers. */
function longText(words: number, seed: number): string {
  const vocabulary = ['the', 'cat', 'dog', 'ran', 'to', 'park', 'with', 'a', 'red', 'ball', 'and', 'saw', 'bird', 'in', 'tree', 'little', 'girl', 'blue', 'sun', 'day']
  return Array.from({ length: words }, (_, i) => vocabulary[(i * 7 + seed * 3 + ((i * i) % 5)) % vocabulary.length]).join(' ')
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-concurrency-'))
  base = { id: 'base', file: await writeTinyLlama(join(dir, 'base.gguf'), { seed: 21 }) }
})

afterAll(async () => {
  for (const engine of engines) await engine.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('several requests on one model', () => {
  it('writes four replies at once, each streamed to its own request, as each would be written alone', async () => {
    const engine = engineWith(4)
    const alone: string[] = []
    for (const prompt of PROMPTS) alone.push((await engine.generate(request({ messages: say(prompt) }))).text)

    const pieces: string[][] = PROMPTS.map(() => [])
    const together = await Promise.all(PROMPTS.map((prompt, i) => engine.generate(request({ messages: say(prompt), onText: (piece) => pieces[i]!.push(piece) }))))
    for (const [i, result] of together.entries()) {
      expect(result.stopReason).toBe('max_tokens')
      expect(result.stats.tokens).toBe(12)
      expect(pieces[i]!.join('')).toBe(result.text)
      expect(result.text).toBe(alone[i])
    }
    expect(new Set(together.map((r) => r.text)).size).toBe(4)
    expect(engine.status().state).toBe('ready')
  })

  it('queues requests beyond the slots and starts them first come, first served as slots free', async () => {
    const engine = engineWith(1)
    const events: string[] = []
    const run = (name: string, overrides: Partial<GenerateRequest>) =>
      engine.generate(request({ ...overrides, onText: () => events.at(-1) !== name && events.push(name) })).then((result) => {
        events.push(`${name} done`)
        return result
      })
    const first = new AbortController()
    const a = run('a', { maxTokens: 100_000, signal: first.signal })
    await until(() => events.includes('a'))
    const b = run('b', { messages: say(PROMPTS[1]!), maxTokens: 6 })
    const c = run('c', { messages: say(PROMPTS[2]!), maxTokens: 6 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(events).toEqual(['a']) // b and c wait: no `busy`
    first.abort()
    const results = await Promise.all([a, b, c])
    expect(results.map((r) => r.stopReason)).toEqual(['aborted', 'max_tokens', 'max_tokens'])
    expect(events.filter((e) => e !== 'a')).toEqual(['a done', 'b', 'b done', 'c', 'c done'])
  })

  it('cancels a queued request at once, leaving the others running', async () => {
    const engine = engineWith(1)
    const first = new AbortController()
    let written = 0
    const a = engine.generate(request({ maxTokens: 100_000, signal: first.signal, onText: () => written++ }))
    await until(() => written > 0)
    const queued = new AbortController()
    let queuedText = ''
    const b = engine.generate(request({ signal: queued.signal, onText: (piece) => (queuedText += piece) }))
    const abortedAt = performance.now()
    queued.abort()
    const result = await b
    expect(performance.now() - abortedAt).toBeLessThan(200)
    expect(result).toMatchObject({ text: '', stopReason: 'aborted', stats: { tokens: 0 } })
    expect(queuedText).toBe('')
    const before = written
    await until(() => written > before + 3) // a goes on
    first.abort()
    expect((await a).stopReason).toBe('aborted')
  })

  it('cancels a request while its prompt is read, and while it writes, without disturbing the other', async () => {
    // Wider than the tiny llama, so reading a long prompt takes a while.
    const wide: ModelRef = { id: 'wide', file: await writeTinyLlama(join(dir, 'wide.gguf'), { seed: 23, embedding: 256, heads: 4, kvHeads: 4, layers: 4, contextLength: 8192 }) }
    const engine = engineWith(2)
    const long = (seed: number) => request({ model: wide, messages: say(longText(1500, seed)), contextSize: 8192, maxTokens: 1 })
    const readTime = (await engine.generate(long(6))).stats.timeToFirstTokenMs

    let otherText = ''
    const other = engine.generate(request({ model: wide, contextSize: 8192, messages: say(PROMPTS[0]!), maxTokens: 60, onText: (piece) => (otherText += piece) }))
    const reading = new AbortController()
    const aborted = engine.generate({ ...long(7), maxTokens: 100_000, signal: reading.signal })
    await new Promise((resolve) => setTimeout(resolve, readTime / 4))
    const abortedAt = performance.now()
    reading.abort()
    expect((await aborted).stopReason).toBe('aborted')
    expect(performance.now() - abortedAt).toBeLessThan(readTime / 3)

    const writing = new AbortController()
    let count = 0
    const midway = await engine.generate(
      request({ model: wide, contextSize: 8192, messages: say(PROMPTS[3]!), maxTokens: 100_000, signal: writing.signal, onText: () => ++count === 5 && writing.abort() }),
    )
    expect(midway.stopReason).toBe('aborted')
    expect(midway.stats.tokens).toBeLessThan(20)
    const done = await other
    expect(done.stopReason).toBe('max_tokens')
    expect(done.text).toBe(otherText)
  })

  it('reads only the new tail of a prompt that starts like one already in a slot', async () => {
    const engine = engineWith(2)
    const prefix = longText(600, 2)
    const cold = await engine.generate(request({ messages: say(`${prefix} first question`), maxTokens: 4, cacheKey: 'agent-1' }))
    expect(cold.stats.inputTokens).toBeGreaterThan(600)
    expect(cold.stats.cacheReadTokens ?? 0).toBe(0)

    // Another client, same long start: it gets the slot holding that start, not the empty one.
    const warm = await engine.generate(request({ messages: say(`${prefix} second question`), maxTokens: 4, cacheKey: 'agent-2' }))
    expect(warm.stats.cacheReadTokens).toBeGreaterThan(600)
    expect(warm.stats.inputTokens! - warm.stats.cacheReadTokens!).toBeLessThan(10)
    expect(engine.diagnostics().lastInputTokens).toBeLessThan(20) // the tail and the fed-back tokens
  })

  it('keeps each conversation in its slot and evicts the least recently used', async () => {
    const engine = engineWith(2)
    const conversations = { a: longText(200, 3), b: longText(200, 4), c: longText(200, 5) }
    const ask = (key: keyof typeof conversations) =>
      engine.generate(request({ messages: say(conversations[key]), maxTokens: 2, cacheKey: key })).then((r) => r.stats.cacheReadTokens ?? 0)
    expect(await ask('a')).toBe(0)
    expect(await ask('b')).toBe(0)
    expect(await ask('a')).toBeGreaterThan(150) // still cached
    expect(await ask('c')).toBeLessThan(20) // takes b's slot, the least recently used
    expect(await ask('a')).toBeGreaterThan(150)
    expect(await ask('b')).toBeLessThan(20) // evicted
  })

  it('switches models for a queued request once the running replies are done', async () => {
    const other: ModelRef = { id: 'other', file: await writeTinyLlama(join(dir, 'other.gguf'), { seed: 22 }) }
    const engine = engineWith(2)
    const first = new AbortController()
    let written = 0
    const a = engine.generate(request({ maxTokens: 100_000, signal: first.signal, onText: () => written++ }))
    await until(() => written > 0)
    let switched: GenerateResult | null = null
    const b = engine.generate(request({ model: other, maxTokens: 3 })).then((r) => (switched = r))
    // Same model as the running reply, but behind the switch in the queue: it waits its turn.
    let sameModel: GenerateResult | null = null
    const c = engine.generate(request({ maxTokens: 3 })).then((r) => (sameModel = r))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(switched).toBeNull()
    expect(sameModel).toBeNull()
    expect(engine.status().modelId).toBe('base')
    first.abort()
    await Promise.all([a, b, c])
    expect(switched!.stats.tokens).toBe(3)
    expect(sameModel!.stats.tokens).toBe(3)
    expect(engine.diagnostics().modelLoads).toBe(3) // base, other, base again
  })

  it("books the model in the memory budget with every slot's KV cache", async () => {
    const hardware = { ramTotalBytes: totalmem(), gpus: [], gpuBackends: [] }
    const one = await estimateForModelFile(base.file, 2048, hardware)
    const four = await estimateForModelFile(base.file, 2048, hardware, { sequences: 4 })
    const engine = engineWith(4)
    await engine.generate(request({ maxTokens: 1 }))
    const booked = engine.loadedModels()[0]!.bytes
    expect(four.totalBytes).toBeGreaterThan(one.totalBytes)
    expect(booked).toBe(four.totalBytes)
  })
})
