import { availableParallelism } from 'node:os'
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp'

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
const MEASURED_STEPS = 8

/**
 * Measures single-token decode steps (what the reader waits on while a reply streams) with each
 * candidate thread count on a small scratch context, and returns the fastest. More threads must
 * win by 10%: they also cost the rest of the computer.
 *
 * The candidates take turns step by step (each on its own scratch context), so a busy spell on the
 * computer (another app, a background job) slows them alike instead of deciding the contest.
 * The mean is used, not the median: with several threads, steps on a machine whose cores
 * synchronise slowly are bimodal (most take 0.5 ms, some 10–40 ms), and the slow ones are what
 * the reader waits for. A candidate is dropped as soon as its steps so far (warm-up included) took
 * twice as long as the fastest candidate's would for the whole measurement, so a bad setting costs
 * one or two slow steps, not a full measurement (on this 2-vCPU machine a single 2-thread step
 * can take 0.5 s).
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
  const total = WARMUP_STEPS + MEASURED_STEPS

  interface Run {
    threads: number
    context: LlamaContext
    sequence: LlamaContextSequence
    taken: number
    elapsed: number
    measured: number
    dropped: boolean
  }
  const runs: Run[] = []
  try {
    for (const threads of candidates) {
      // One token at a time: a small batch keeps the scratch contexts' buffers small.
      const context = await model.createContext({ contextSize: 256, batchSize: 16, threads, sequences: 1 })
      runs.push({ threads, context, sequence: context.getSequence(), taken: 0, elapsed: 0, measured: 0, dropped: false })
    }
    for (let i = 0; i < total; i++) {
      const order = i % 2 === 0 ? runs : [...runs].reverse()
      for (const run of order) {
        if (run.dropped) continue
        const t = performance.now()
        await run.sequence.evaluateWithoutGeneratingNewTokens([token(i)])
        const dt = performance.now() - t
        run.taken++
        run.elapsed += dt
        if (i >= WARMUP_STEPS) run.measured += dt
        // Twice what the fastest other candidate would take for all its steps, at least 5 ms.
        const others = runs.filter((r) => r !== run && !r.dropped && r.taken > 0)
        if (others.length > 0) {
          const fastest = Math.min(...others.map((r) => r.elapsed / r.taken))
          if (run.elapsed > Math.max(fastest * total * 2, 5)) run.dropped = true
        }
      }
    }
  } finally {
    for (const run of runs) await run.context.dispose()
  }

  const msPerToken: Record<number, number> = {}
  let best: { threads: number; ms: number } | null = null
  for (const run of runs) {
    const steps = run.taken - WARMUP_STEPS
    // A dropped candidate is charged with every step it took, warm-up included.
    const ms = run.dropped || steps <= 0 ? run.elapsed / Math.max(1, run.taken) : run.measured / steps
    msPerToken[run.threads] = ms
    if (!run.dropped && steps === MEASURED_STEPS && (!best || ms < best.ms * 0.9)) best = { threads: run.threads, ms }
  }
  return { threads: best?.threads ?? 1, msPerToken, tookMs: performance.now() - started }
}
