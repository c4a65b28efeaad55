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
  /** Read from the engine's cache (measured at an earlier start) rather than measured now. */
  fromCache?: boolean
}

const WARMUP_STEPS = 2
const MEASURED_STEPS = 6
const ROUNDS = 3

/**
 * Measures single-token decode steps (what the reader waits on while a reply streams) with each
 * candidate thread count on a small scratch context, and returns the fastest. More threads must
 * win by 10%: they also cost the rest of the computer.
 *
 * The candidates take turns in rounds (A B, then B A, …), so a busy spell on the computer slows
 * them alike instead of deciding the contest. Only one scratch context exists at a time: an idle
 * context's thread pool keeps spinning and would slow whichever candidate runs beside it (which
 * made two threads look faster than one on a 2-vCPU machine where they are 1.5–25× slower).
 * The mean is used, not the median: with several threads, steps on a machine whose cores
 * synchronise slowly are bimodal (most fast, some 10–40 ms), and the slow ones are what the reader
 * waits for. A candidate is dropped once its steps took twice as long as the fastest candidate's
 * mean would for a whole round, so a bad setting costs a few slow steps, not a full measurement.
 *
 * Decode speed decides; prompt reading (batched) tends to scale better with threads, so on
 * machines where decode is flat, long prompts may be slower than they could be.
 */
export async function calibrateThreads(model: LlamaModel, candidates = threadCandidates()): Promise<ThreadCalibration> {
  const started = performance.now()
  if (candidates.length <= 1) return { threads: candidates[0] ?? 1, msPerToken: {}, tookMs: 0 }
  const probe = model.tokenize('The quick brown fox jumps over the lazy dog, and then it runs home.')
  if (probe.length === 0) return { threads: 1, msPerToken: {}, tookMs: 0 }
  const token = (i: number) => probe[i % probe.length] as Token
  const runs = candidates.map((threads) => ({ threads, measuredMs: 0, steps: 0, dropped: false }))
  const mean = (run: (typeof runs)[number]) => run.measuredMs / Math.max(1, run.steps)

  for (let round = 0; round < ROUNDS; round++) {
    for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
      if (run.dropped) continue
      const fastest = Math.min(...runs.filter((r) => r !== run && !r.dropped && r.steps > 0).map(mean))
      const budget = Number.isFinite(fastest) ? Math.max(fastest * (WARMUP_STEPS + MEASURED_STEPS) * 2, 5) : Number.POSITIVE_INFINITY
      // One token at a time: a small batch keeps the scratch context's buffers small.
      const context = await model.createContext({ contextSize: 256, batchSize: 16, threads: run.threads, sequences: 1 })
      try {
        const sequence = context.getSequence()
        let spent = 0
        for (let i = 0; i < WARMUP_STEPS + MEASURED_STEPS; i++) {
          const t = performance.now()
          await sequence.evaluateWithoutGeneratingNewTokens([token(round * 16 + i)])
          const dt = performance.now() - t
          spent += dt
          if (i >= WARMUP_STEPS) {
            run.measuredMs += dt
            run.steps++
          }
          if (spent > budget) {
            run.dropped = true
            break
          }
        }
      } finally {
        await context.dispose()
      }
    }
  }

  const msPerToken: Record<number, number> = {}
  let best: { threads: number; ms: number } | null = null
  for (const run of runs) {
    const ms = mean(run)
    msPerToken[run.threads] = ms
    if (!run.dropped && run.steps === ROUNDS * MEASURED_STEPS && (!best || ms < best.ms * 0.9)) best = { threads: run.threads, ms }
  }
  return { threads: best?.threads ?? 1, msPerToken, tookMs: performance.now() - started }
}
