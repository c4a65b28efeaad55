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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-lockstep-'))
  const file = await writeTinyLlama(join(dir, 'base.gguf'), { seed: 31 })
  const nlc = await importNodeLlamaCpp()
  const llama = await nlc.getLlama({ build: 'never', gpu: false, logLevel: nlc.LlamaLogLevel.error, progressLogs: false })
  model = await llama.loadModel({ modelPath: file })
})

afterAll(async () => {
  await model?.dispose()
  await rm(dir, { recursive: true, force: true })
})

/** Each llama.cpp step's items as sequence ids, in batch order. */
async function steppedContext(lockstep: Lockstep, sequences: number): Promise<{ context: LlamaContext; steps: number[][] }> {
  const steps: number[][] = []
  let context: LlamaContext | null = null
  const prioritize = lockstep.batching.itemPrioritizationStrategy as CustomBatchingPrioritizationStrategy
  context = await model.createContext({
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

async function generate(sequence: LlamaContextSequence, prompt: string, tokens: number): Promise<void> {
  let count = 0
  for await (const token of sequence.evaluate([model.tokens.bos!, ...model.tokenize(prompt)] as Token[], { temperature: 0 })) {
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
