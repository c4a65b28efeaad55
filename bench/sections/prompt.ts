/**
 * prompt: prompt tokens/s through the engine (a cold 512-token prompt, time to first token) ÷
 * node-llama-cpp reading the same tokens on a fresh context (`evaluateWithoutGeneratingNewTokens`),
 * synthetic F16 llama, one thread; with LLAMA_BENCH, also ÷ llama.cpp's `llama-bench` pp512.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { median, round, type BenchContext, type BenchFigures, type BenchSection } from '../harness'
import { benchLlama, promptTokens, textOfTokens } from '../lib/engineLoop'
import { synthetic } from '../lib/modelFiles'

const CONTEXT_SIZE = 2048

export const section: BenchSection = {
  name: 'prompt',
  async run(ctx) {
    const model = await synthetic(join(ctx.workDir, 'models'), ctx.smoke)
    const length = ctx.smoke ? 64 : 512
    const rounds = ctx.smoke ? 1 : 5
    const llama = await benchLlama()
    const reference = await llama.loadModel({ modelPath: model.file })
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, maxSlots: 1 })
    try {
      const ref = { file: model.file, id: model.id }
      const viaEngine = async (text: string): Promise<number> => {
        const { stats } = await engine.generate({ model: ref, messages: [{ role: 'user', content: text }], maxTokens: 1, temperature: 0, threads: 1, contextSize: CONTEXT_SIZE })
        return ((stats.inputTokens ?? 0) - (stats.cacheReadTokens ?? 0)) / (stats.timeToFirstTokenMs / 1000)
      }
      const viaReference = async (text: string): Promise<number> => {
        const context = await reference.createContext({ contextSize: CONTEXT_SIZE, threads: 1 })
        try {
          const tokens = promptTokens(reference, text)
          const startedAt = performance.now()
          await context.getSequence().evaluateWithoutGeneratingNewTokens(tokens)
          return tokens.length / ((performance.now() - startedAt) / 1000)
        } finally {
          await context.dispose()
        }
      }
      await viaEngine(textOfTokens(reference, length, 99))
      await viaReference(textOfTokens(reference, length, 99))
      const app: number[] = []
      const base: number[] = []
      const ratios: number[] = []
      for (let round = 0; round < rounds; round++) {
        // A new text each round, so nothing is reused.
        const text = textOfTokens(reference, length, round + 1)
        if (round % 2 === 1) base.push(await viaReference(text))
        app.push(await viaEngine(text))
        if (round % 2 === 0) base.push(await viaReference(text))
        ratios.push(app.at(-1)! / base.at(-1)!)
      }
      ctx.log(`prompt: engine ${app.map((v) => v.toFixed(0)).join(' ')} | node-llama-cpp ${base.map((v) => v.toFixed(0)).join(' ')} tokens/s`)
      const figures: BenchFigures = {
        source: model.source,
        prompt_tokens: length,
        tps: round(median(app)),
        reference_tps: round(median(base)),
        ratio: round(median(ratios), 3),
      }
      const pp = await llamaBenchPp(model.file, length, ctx)
      if (pp !== null) {
        figures.llama_bench_pp_tps = round(pp)
        figures.ratio_llama_bench = round(median(app) / pp, 3)
      }
      return figures
    } finally {
      await engine.dispose()
      await reference.dispose()
    }
  },
}

/** llama-bench's prompt-processing figure (`pp<length>`, one thread), when `LLAMA_BENCH` names the binary. */
async function llamaBenchPp(file: string, length: number, ctx: BenchContext): Promise<number | null> {
  const binary = process.env.LLAMA_BENCH
  if (!binary) return null
  try {
    const { stdout } = await promisify(execFile)(binary, ['-p', String(length), '-n', '0', '-t', '1', '-r', ctx.smoke ? '1' : '5', '-m', file, '-o', 'json'], { maxBuffer: 16 << 20 })
    const results = JSON.parse(stdout) as Array<{ n_prompt?: number; avg_ts?: number }>
    const pp = results.find((r) => (r.n_prompt ?? 0) > 0)
    return typeof pp?.avg_ts === 'number' ? pp.avg_ts : null
  } catch (error) {
    ctx.log(`prompt: llama-bench failed: ${String(error)}`)
    return null
  }
}
