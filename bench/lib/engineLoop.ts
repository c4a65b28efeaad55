/**
 * The reference path for decode speed: node-llama-cpp's lowest-level loop, `sequence.evaluate`, at
 * temperature 0 on a fresh context. No chat template, no stop detection, no detokenisation: what
 * any app built on node-llama-cpp could reach at best. With `appSampler` it samples as the app does
 * (LlamaChat's default repeat penalty over the last 64 generated tokens, newlines exempt), so the
 * comparison is like with like.
 */
import type { Llama, LlamaModel, Token } from 'node-llama-cpp'
import { decodeRate } from '../../src/main/services/engine/inferenceEngine'

export interface EvaluateLoopOptions {
  prompt: string
  /** Tokens to generate (the loop never stops early: an end-of-text token is fed back like any other). */
  tokens: number
  contextSize: number
  threads: number
  /** Stop after this long (the rate is then computed from what was decoded). */
  maxMs?: number
  /** Sample as the app does (repeat penalty on), not plain greedy. */
  appSampler?: boolean
}

/** Eight story starts: the prompts of requests run at once (the concurrency and gateway sections). */
export const STORY_PROMPTS = [
  'Once upon a time, there was a little girl named Lily. She',
  'The big red dog ran to the park and',
  'Tom had a blue ball. One day he',
  'In the garden there was a tall tree with',
  'The sun was warm and the birds',
  'Mia and her mom went to the shop to',
  'A little cat sat by the window and',
  'The boy found a box under his bed. It',
]

/** LlamaChat's default: the last 64 generated tokens are penalised for repeating. */
const REPEAT_PENALTY_LAST_TOKENS = 64

export interface EvaluateLoopResult {
  tokens: number
  tokensPerSecond: number
  /** From the first evaluate call to the first generated token (prompt reading). */
  timeToFirstTokenMs: number
  /** The generated tokens (greedy: the same run gives the same tokens). */
  generated: Token[]
}

let llamaPromise: Promise<Llama> | null = null

/** One llama.cpp instance for the benchmark process, CPU only, quiet, never compiling. */
export async function benchLlama(): Promise<Llama> {
  llamaPromise ??= import('node-llama-cpp').then((nlc) =>
    nlc.getLlama({ build: 'never', gpu: false, maxThreads: 0, logLevel: nlc.LlamaLogLevel.error, progressLogs: false }),
  )
  return llamaPromise
}

/** The prompt as the app's base-model format gives it to the model: BOS, then the text. */
export function promptTokens(model: LlamaModel, prompt: string): Token[] {
  const bos = model.tokens.bos
  const text = model.tokenize(prompt)
  return bos === null ? text : [bos, ...text]
}

export async function evaluateLoop(model: LlamaModel, options: EvaluateLoopOptions): Promise<EvaluateLoopResult> {
  const context = await model.createContext({ contextSize: options.contextSize, threads: options.threads, sequences: 1 })
  try {
    const sequence = context.getSequence()
    const input = promptTokens(model, options.prompt)
    const generated: Token[] = []
    const startedAt = performance.now()
    let firstTokenAt: number | null = null
    let lastTokenAt = startedAt
    const deadline = options.maxMs === undefined ? Number.POSITIVE_INFINITY : startedAt + options.maxMs
    const nl = model.tokens.nl
    const repeatPenalty = options.appSampler
      ? {
          punishTokens: () => generated.slice(-REPEAT_PENALTY_LAST_TOKENS).filter((token) => token !== nl),
          maxPunishTokens: REPEAT_PENALTY_LAST_TOKENS,
        }
      : undefined
    for await (const token of sequence.evaluate(input, { temperature: 0, repeatPenalty })) {
      const now = performance.now()
      firstTokenAt ??= now
      lastTokenAt = now
      generated.push(token)
      if (generated.length >= options.tokens || now >= deadline) break
    }
    return {
      tokens: generated.length,
      tokensPerSecond: decodeRate(generated.length, firstTokenAt, lastTokenAt),
      timeToFirstTokenMs: firstTokenAt === null ? 0 : firstTokenAt - startedAt,
      generated,
    }
  } finally {
    await context.dispose()
  }
}

/**
 * Text of about `count` tokens for `model` (plain words, varied by `seed`): the first `count`
 * tokens of a longer text, turned back into text.
 */
export function textOfTokens(model: LlamaModel, count: number, seed: number): string {
  const words = ['the', 'cat', 'dog', 'ran', 'to', 'park', 'with', 'a', 'red', 'ball', 'and', 'saw', 'bird', 'in', 'tree', 'little', 'girl', 'blue', 'sun', 'day', 'happy', 'big']
  let text = ''
  for (let i = 0; model.tokenize(text).length < count + 8; i++) {
    text += `${words[(i * 7 + seed * 13 + ((i * i + seed) % 11)) % words.length]} `
  }
  return model.detokenize(model.tokenize(text).slice(0, count)).trim()
}

/**
 * The reference for several sequences: `prompts.length` `sequence.evaluate` loops on one context,
 * stepped together — each step asks every sequence for its next token in sequence-id order and
 * awaits them all (what llama.cpp batches best). Returns aggregate tokens/s, prompt reading included.
 */
export async function steppedLoops(model: LlamaModel, prompts: string[], options: { tokens: number; contextSize: number; threads: number }): Promise<number> {
  const context = await model.createContext({ contextSize: options.contextSize, threads: options.threads, sequences: prompts.length })
  try {
    const sequences = prompts.map(() => context.getSequence())
    const generated: Token[][] = prompts.map(() => [])
    const nl = model.tokens.nl
    const iterators = sequences.map((sequence, i) =>
      sequence.evaluate(promptTokens(model, prompts[i]!), {
        temperature: 0,
        repeatPenalty: {
          punishTokens: () => generated[i]!.slice(-REPEAT_PENALTY_LAST_TOKENS).filter((token) => token !== nl),
          maxPunishTokens: REPEAT_PENALTY_LAST_TOKENS,
        },
      })[Symbol.asyncIterator](),
    )
    const startedAt = performance.now()
    for (let step = 0; step < options.tokens; step++) {
      const next = await Promise.all(iterators.map((iterator) => iterator.next()))
      next.forEach((result, i) => !result.done && generated[i]!.push(result.value))
    }
    const seconds = (performance.now() - startedAt) / 1000
    await Promise.all(iterators.map((iterator) => iterator.return?.()))
    return generated.reduce((sum, tokens) => sum + tokens.length, 0) / seconds
  } finally {
    await context.dispose()
  }
}
