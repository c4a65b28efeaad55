/**
 * The guard for lockstep.ts: it reads node-llama-cpp internals, so this fails when an upgrade
 * changes them (then fix lockstep.ts, or let it fall back to node-llama-cpp's own schedule).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CustomBatchingPrioritizationStrategy, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importNodeLlamaCpp } from '../models/modelInfo'
import { writeTinyLlama } from '../testing/tinyLlama'
import { Lockstep, PROMPT_TOKENS_PER_STEP } from './lockstep'

let dir: string
let model: LlamaModel
/** A real model's vocabulary size: sampling each token takes a while, as on a busy machine. */
let wide: LlamaModel

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-lockstep-'))
  const file = await writeTinyLlama(join(dir, 'base.gguf'), { seed: 31 })
  const nlc = await importNodeLlamaCpp()
  const llama = await nlc.getLlama({ build: 'never', gpu: false, logLevel: nlc.LlamaLogLevel.error, progressLogs: false })
  model = await llama.loadModel({ modelPath: file })
  wide = await llama.loadModel({ modelPath: await writeTinyLlama(join(dir, 'wide.gguf'), { seed: 32, vocabSize: 32_000 }) })
})

afterAll(async () => {
  await model?.dispose()
  await wide?.dispose()
  await rm(dir, { recursive: true, force: true })
})

/** Each llama.cpp step's items as sequence ids, in batch order. */
async function steppedContext(lockstep: Lockstep, sequences: number, on: LlamaModel = model): Promise<{ context: LlamaContext; steps: number[][] }> {
  const steps: number[][] = []
  let context: LlamaContext | null = null
  const prioritize = lockstep.batching.itemPrioritizationStrategy as CustomBatchingPrioritizationStrategy
  context = await on.createContext({
    contextSize: 512,
    sequences,
    threads: 1,
    batching: {
      ...lockstep.batching,
      itemPrioritizationStrategy: (options) => {
        const chosen = prioritize(options)
        const queued = (context as unknown as { _queuedDecodes: Array<{ tokens: unknown; sequenceId: number }> })._queuedDecodes
        steps.push(chosen.map(({ item }) => queued.find((q) => q.tokens === item.tokens)?.sequenceId ?? -1))
        return chosen
      },
    },
  })
  return { context, steps }
}

async function generate(sequence: LlamaContextSequence, prompt: string, tokens: number, on: LlamaModel = model, temperature = 0): Promise<void> {
  let count = 0
  for await (const token of sequence.evaluate([on.tokens.bos!, ...on.tokenize(prompt)] as Token[], { temperature, topK: 0, topP: 1, seed: 1 })) {
    void token
    if (++count >= tokens) break
  }
}

describe('Lockstep', () => {
  it('finds the node-llama-cpp internals it needs', async () => {
    const lockstep = new Lockstep()
    const { context } = await steppedContext(lockstep, 2)
    try {
      expect(lockstep.attach(context)).toBe(true)
      const sequence = context.getSequence() as unknown as { _sequenceId?: unknown }
      expect(typeof sequence._sequenceId).toBe('number')
    } finally {
      await context.dispose()
    }
  })

  it('steps the sequences being written together, in sequence-id order', async () => {
    const lockstep = new Lockstep()
    const { context, steps } = await steppedContext(lockstep, 3)
    try {
      expect(lockstep.attach(context)).toBe(true)
      const sequences = [context.getSequence(), context.getSequence(), context.getSequence()]
      // Started in reverse order, so arrival order is not id order.
      for (const sequence of [...sequences].reverse()) lockstep.begin(sequence)
      await Promise.all([...sequences].reverse().map((sequence, i) => generate(sequence, `the cat ran to the park ${i}`, 30)))
      const together = steps.filter((ids) => ids.length === 3)
      expect(together.length).toBeGreaterThan(steps.length * 0.8)
      for (const ids of steps) expect(ids).toEqual([...ids].sort((a, b) => a - b))
    } finally {
      await context.dispose()
    }
  })

  it('lets a sequence that starts beside replies being written clear its old tokens at the next step, not after they end', async () => {
    // waitMs 0: a reply waiting for the starting sequence is queued while the step under way is
    // still sampling, as on a busy machine with a 10 ms wait.
    const lockstep = new Lockstep(0)
    const { context } = await steppedContext(lockstep, 7, wide)
    try {
      expect(lockstep.attach(context)).toBe(true)
      const writers = Array.from({ length: 6 }, () => context.getSequence())
      const late = context.getSequence()
      await generate(late, 'the girl saw a bird in the tree', 40, wide, 1) // a slot that holds another client's tokens
      let writersDoneAt = 0
      for (const sequence of writers) lockstep.begin(sequence)
      const writing = Promise.all(writers.map((sequence, i) => generate(sequence, `the cat ran to the park ${i}`, 150, wide, 1).finally(() => lockstep.end(sequence)))).then(() => (writersDoneAt = performance.now()))
      while (writers[0]!.contextTokens.length < 30) await new Promise((resolve) => setTimeout(resolve, 1))
      lockstep.begin(late)
      const startedAt = performance.now()
      await late.eraseContextTokenRanges([{ start: 5, end: late.nextTokenIndex }]) // what LlamaChat does first on a reused slot
      const clearedAt = performance.now()
      lockstep.end(late)
      await writing
      expect(clearedAt - startedAt).toBeLessThan((writersDoneAt - startedAt) / 4)
    } finally {
      await context.dispose()
    }
  })

  it('falls back to node-llama-cpp’s own schedule when the internals are not there', async () => {
    const lockstep = new Lockstep()
    expect(lockstep.attach({} as LlamaContext)).toBe(false)
    // Unattached, it still fills a batch: one token for each item first, then the rest in order.
    const prioritize = lockstep.batching.itemPrioritizationStrategy as CustomBatchingPrioritizationStrategy
    const item = (length: number) => ({ tokens: Array.from({ length }, () => 1 as Token), logits: [], evaluationPriority: 5 as const })
    const items = [item(1), item(600), item(1)]
    expect(prioritize({ items, size: 512 }).map((p) => p.processAmount)).toEqual([1, 510, 1])
    // While other replies are being written, a prompt gets a smaller share of each step.
    for (const id of [0, 1]) lockstep.begin({ _sequenceId: id } as unknown as LlamaContextSequence)
    expect(prioritize({ items, size: 512 }).map((p) => p.processAmount)).toEqual([1, PROMPT_TOKENS_PER_STEP, 1])
  })
})
