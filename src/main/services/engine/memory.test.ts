/**
 * The engine's memory choices, on real llama.cpp: the KV cache type setting reaches the context,
 * a message longer than the window is refused before it is read, and a conversation that outgrows
 * the window is answered from its latest turns, saying how many were left out.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rejection } from '../testing/rejection'
import { writeTinyLlama } from '../testing/tinyLlama'
import type { ChatTurn, GenerateRequest, ModelRef } from './inferenceEngine'
import { LlamaEngine } from './llamaEngine'

let dir: string
let model: ModelRef
let engine: LlamaEngine

const words = (count: number, word: string) => Array.from({ length: count }, (_, i) => `${word}${i % 10}`).join(' ')

function request(messages: ChatTurn[], overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model, messages, maxTokens: 8, temperature: 0, threads: 1, contextSize: 512, ...overrides }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-memory-'))
  // Heads of 64 values (a q8_0 block holds 32), a ChatML template, a window of 8192 tokens.
  model = { id: 'chat', file: await writeTinyLlama(join(dir, 'chat.gguf'), { layers: 2, embedding: 128, heads: 2, kvHeads: 2, feedForward: 256, chatTemplate: true, contextLength: 8192 }) }
  engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
})

afterAll(async () => {
  await engine?.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('KV cache type setting', () => {
  it('makes the context the setting asks for, and a new one when it changes', async () => {
    const hello: ChatTurn[] = [{ role: 'user', content: 'Hello there' }]
    await engine.generate(request(hello, { kvCacheType: 'q8_0' }))
    expect(engine.diagnostics().lastContext).toEqual({ kvCacheType: 'Q8_0', flashAttention: true })
    const contexts = engine.diagnostics().contextsCreated
    await engine.generate(request(hello, { kvCacheType: 'auto' }))
    // Automatic on a computer with memory to spare: full precision.
    expect(engine.diagnostics().lastContext).toEqual({ kvCacheType: 'F16', flashAttention: true })
    expect(engine.diagnostics().contextsCreated).toBe(contexts + 1)
    await engine.generate(request(hello))
    expect(engine.diagnostics().contextsCreated).toBe(contexts + 1)
  })
})

describe('too-long prompts', () => {
  it('refuses a message longer than the window before reading it, with the numbers and what to do', async () => {
    const error = await rejection(engine.generate(request([{ role: 'system', content: 'You are kind.' }, { role: 'user', content: words(600, 'big') }], { contextSize: 512, maxTokens: 256 })))
    expect(error.code).toBe('prompt_too_long')
    expect(error.message).toMatch(
      /^This message is too long for "Aura Tiny Llama": it is about [\d,]+ tokens, and the model can read 448 at a time \(keeping 64 for its reply\)\. Shorten the message or split it in parts, raise the context size in Settings, or pick a model with a larger window\.$/,
    )
    expect(error.data).toMatchObject({ modelId: 'chat', contextTokens: 512, replyTokens: 64 })
    expect((error.data as { promptTokens: number }).promptTokens).toBeGreaterThan(600)
    expect(engine.diagnostics().lastInputTokens).toBeLessThan(600) // nothing of it was read
    expect(engine.status().state).toBe('ready')
  })

  it('answers a conversation longer than the window from its latest turns, and says how many it left out', async () => {
    const messages: ChatTurn[] = [{ role: 'system', content: 'You are kind.' }]
    for (let turn = 0; turn < 12; turn++) {
      messages.push({ role: 'user', content: `turn ${turn} ${words(30, 'cat')}` }, { role: 'assistant', content: words(30, 'dog') })
    }
    messages.push({ role: 'user', content: `the last question ${words(10, 'sun')}` })
    const result = await engine.generate(request(messages, { contextSize: 512 }))
    expect(result.stopReason).toBe('max_tokens')
    const leftOut = result.stats.leftOutMessages ?? 0
    // 25 turns of ~65 tokens do not fit 512; the latest few do.
    expect(leftOut).toBeGreaterThan(10)
    expect(leftOut).toBeLessThan(25)
    expect(leftOut % 2).toBe(0) // it starts at a user's message
    expect(engine.diagnostics().lastInputTokens).toBeLessThan(512)

    // The next turn leaves out the same messages while the rest fits: its prompt starts the same, and only the new turn is read.
    const next = await engine.generate(request([...messages, { role: 'assistant', content: result.text }, { role: 'user', content: 'and then?' }], { contextSize: 512 }))
    expect(next.stats.leftOutMessages).toBe(leftOut)
    expect(engine.diagnostics().lastInputTokens).toBeLessThan(64)

    const short = await engine.generate(request(messages.slice(-3), { contextSize: 512 }))
    expect(short.stats.leftOutMessages).toBeUndefined()
  })
})
