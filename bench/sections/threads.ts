/**
 * threads: the `auto` thread setting (the engine's own calibration, measured on this machine) against
 * the best of a sweep (1, half the cores, all cores) on the compute-bound model. Each sweep point
 * decodes greedily with `sequence.evaluate` for a few seconds at most: on machines whose cores
 * synchronise slowly, more threads can be hundreds of times slower.
 */
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { median, round, type BenchFigures, type BenchSection } from '../harness'
import { benchLlama, evaluateLoop } from '../lib/engineLoop'
import { synthetic } from '../lib/modelFiles'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { threadCandidates } from '../../src/main/services/engine/threads'

const PROMPT = 'Once upon a time'

export const section: BenchSection = {
  name: 'threads',
  async run(ctx) {
    const model = await synthetic(join(ctx.workDir, 'models'), ctx.smoke)
    const cores = availableParallelism()
    const sweep = threadCandidates(cores)

    // What `auto` picks: a fresh engine with an empty cache measures it.
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, cacheDir: join(ctx.workDir, 'cache') })
    let auto: number
    let calibrationMs: number | null
    try {
      await engine.load({ id: 'synthetic', file: model.file }, { threads: 'auto', contextSize: 256 })
      auto = engine.status().threads ?? 1
      calibrationMs = Object.values(await engine.threadCalibrations())[0]?.tookMs ?? null
    } finally {
      await engine.dispose()
    }
    ctx.log(`threads: auto picked ${auto} of ${sweep.join(', ')} (${cores} logical cores)`)

    const llama = await benchLlama()
    const loaded = await llama.loadModel({ modelPath: model.file })
    const tps: Record<number, number> = {}
    try {
      const tokens = ctx.smoke ? 8 : 64
      const maxMs = ctx.smoke ? 1_000 : 5_000
      const repeats = ctx.smoke ? 1 : 3
      await evaluateLoop(loaded, { prompt: PROMPT, tokens: 4, contextSize: 256, threads: 1, maxMs }) // warm-up
      // Round-robin over the sweep, so a busy spell on the machine hits every count alike.
      const runs: Record<number, number[]> = Object.fromEntries(sweep.map((t) => [t, []]))
      const slow = new Set<number>()
      for (let i = 0; i < repeats; i++) {
        for (const threads of sweep) {
          if (slow.has(threads)) continue
          const run = await evaluateLoop(loaded, { prompt: PROMPT, tokens, contextSize: 256, threads, maxMs })
          runs[threads]!.push(run.tokensPerSecond)
          // A setting too slow to finish in time needs no second opinion.
          if (run.tokens < tokens) slow.add(threads)
        }
      }
      for (const threads of sweep) {
        tps[threads] = median(runs[threads]!)
        ctx.log(`threads: ${threads} → ${runs[threads]!.map((v) => v.toFixed(1)).join(' ')} tok/s`)
      }
    } finally {
      await loaded.dispose()
    }
    const best = sweep.reduce((a, b) => ((tps[b] ?? 0) > (tps[a] ?? 0) ? b : a))
    const autoTps = tps[auto] ?? (await autoRate(model.file, auto, ctx.smoke))
    const figures: BenchFigures = {
      cores,
      auto,
      best,
      ratio: round(autoTps / (tps[best] ?? Number.NaN), 3),
      auto_tps: round(autoTps),
      best_tps: round(tps[best] ?? Number.NaN),
      calibration_ms: calibrationMs === null ? null : round(calibrationMs),
    }
    for (const threads of sweep) figures[`t${threads}_tps`] = round(tps[threads] ?? Number.NaN)
    return figures
  },
}

/** The rate at `auto`'s pick when it is not one of the sweep's counts (custom candidates). */
async function autoRate(file: string, threads: number, smoke: boolean): Promise<number> {
  const llama = await benchLlama()
  const loaded = await llama.loadModel({ modelPath: file })
  try {
    return (await evaluateLoop(loaded, { prompt: PROMPT, tokens: smoke ? 8 : 64, contextSize: 256, threads, maxMs: 5_000 })).tokensPerSecond
  } finally {
    await loaded.dispose()
  }
}
