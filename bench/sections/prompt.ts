/**
 * prompt: prompt tokens/s through the engine (a cold 512-token prompt, time to first token) ÷
 * node-llama-cpp reading the same tokens on a fresh context (`evaluateWithoutGeneratingNewTokens`),
 * synthetic F16 llama, one thread; with LLAMA_BENCH, also ÷ llama.cpp's `llama-bench` pp512.
 */
import { join } from 'node:path'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { median, round, type BenchFigures, type BenchSection } from '../harness'
import { benchLlama, promptTokens, textOfTokens } from '../lib/engineLoop'
import { llamaBench } from '../lib/llamaBench'
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
      const pp = await llamaBench(model.file, { prompt: length, gen: 0 }, ctx, 'prompt')
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
