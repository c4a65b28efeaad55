import { availableParallelism } from 'node:os'
import type { LlamaModel, Token } from 'node-llama-cpp'

/**
 * Thread counts worth trying for `threads: 'auto'`: 1, half the logical cores, all of them.
 * (node-llama-cpp's own default, max(4, cores), is 10–600× slower than 1 thread on 2-vCPU machines
 * whose cores synchronise slowly, so it is never assumed.)
 */
export function threadCandidates(cores = availableParallelism()): number[] {
  return [...new Set([1, Math.max(1, Math.floor(cores / 2)), Math.max(1, cores)])].sort((a, b) => a - b)
}

export interface ThreadCalibration {
  threads: number
  /** Mean time of one decode step (one token), per candidate tried, in ms. */
  msPerToken: Record<number, number>
  tookMs: number
}

const WARMUP_STEPS = 2
const MEASURED_STEPS = 8

/**
 * Measures single-token decode steps (what the reader waits on while a reply streams) with each
 * candidate thread count on a small scratch context, and returns the fastest. More threads must
 * win by 10%: they also cost the rest of the computer.
 *
 * The mean is used, not the median: with several threads, steps on a machine whose cores
 * synchronise slowly are bimodal (most take 0.5 ms, some 10–40 ms), and the slow ones are what
 * the reader waits for. A candidate is dropped as soon as its steps so far (warm-up included) took
 * twice as long as all of the best candidate's, so a bad setting costs one or two slow steps, not a
 * full measurement (on this 2-vCPU machine a single 2-thread step can take 0.5 s).
 *
 * Decode speed decides; prompt reading (batched) tends to scale better with threads, so on
 * machines where decode is flat, long prompts may be slower than they could be. A full
 * calibration (decode + prompt, persisted across runs) is a later step.
 */
export async function calibrateThreads(model: LlamaModel, candidates = threadCandidates()): Promise<ThreadCalibration> {
  const started = performance.now()
  if (candidates.length <= 1) return { threads: candidates[0] ?? 1, msPerToken: {}, tookMs: 0 }
  const probe = model.tokenize('The quick brown fox jumps over the lazy dog, and then it runs home.')
  if (probe.length === 0) return { threads: 1, msPerToken: {}, tookMs: 0 }
  const token = (i: number) => probe[i % probe.length] as Token
  const msPerToken: Record<number, number> = {}
  let best: { threads: number; ms: number } | null = null

  for (const threads of candidates) {
    const context = await model.createContext({ contextSize: 256, threads, sequences: 1 })
    try {
      const sequence = context.getSequence()
      // Twice what the best candidate took for all its steps (warm-up included), at least 5 ms.
      const budget = best ? Math.max(best.ms * (WARMUP_STEPS + MEASURED_STEPS) * 2, 5) : Number.POSITIVE_INFINITY
      let elapsed = 0
      let measured = 0
      let steps = 0
      for (let i = 0; i < WARMUP_STEPS + MEASURED_STEPS && elapsed <= budget; i++) {
        const t = performance.now()
        await sequence.evaluateWithoutGeneratingNewTokens([token(i)])
        const dt = performance.now() - t
        elapsed += dt
        if (i >= WARMUP_STEPS) {
          measured += dt
          steps++
        }
      }
      // A dropped candidate is charged with every step it took, warm-up included.
      const ms = steps === MEASURED_STEPS ? measured / steps : elapsed / Math.max(1, steps + WARMUP_STEPS)
      msPerToken[threads] = ms
      if (steps === MEASURED_STEPS && (!best || ms < best.ms * 0.9)) best = { threads, ms }
    } finally {
      await context.dispose()
    }
  }
  return { threads: best?.threads ?? 1, msPerToken, tookMs: performance.now() - started }
}
