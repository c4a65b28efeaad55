/**
 * prefix: time to first token for a 3,000-token shared start + 50 new tokens through the engine,
 * cold (nothing cached) and warm (another request with the same start ran before, under another
 * cacheKey: the slot holding that start is picked and only the new tail is read). Synthetic F16
 * llama, one thread, 4,096-token context per slot.
 */
import { join } from 'node:path'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { median, round, type BenchFigures, type BenchSection } from '../harness'
import { benchLlama, textOfTokens } from '../lib/engineLoop'
import { synthetic } from '../lib/modelFiles'

export const section: BenchSection = {
  name: 'prefix',
  async run(ctx) {
    const model = await synthetic(join(ctx.workDir, 'models'), ctx.smoke)
    const shared = ctx.smoke ? 300 : 3000
    const fresh = ctx.smoke ? 20 : 50
    const rounds = ctx.smoke ? 1 : 3
    const contextSize = ctx.smoke ? 1024 : 4096
    const llama = await benchLlama()
    const tokenizer = await llama.loadModel({ modelPath: model.file, gpuLayers: 0 })
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, maxSlots: 2 })
    try {
      const ref = { file: model.file, id: model.id }
      const ask = async (text: string, cacheKey: string) => {
        const result = await engine.generate({ model: ref, messages: [{ role: 'user', content: text }], maxTokens: 2, temperature: 0, threads: 1, contextSize, cacheKey })
        return result.stats
      }
      await ask('warm up', 'warm-up')
      const cold: number[] = []
      const warm: number[] = []
      let read = { cold: 0, warm: 0, reused: 0 }
      for (let round = 0; round < rounds; round++) {
        // A new shared start each round, so the cold request finds nothing cached.
        const start = textOfTokens(tokenizer, shared, round + 1)
        const first = await ask(`${start} ${textOfTokens(tokenizer, fresh, 100 + round)}`, `client-a-${round}`)
        const second = await ask(`${start} ${textOfTokens(tokenizer, fresh, 200 + round)}`, `client-b-${round}`)
        cold.push(first.timeToFirstTokenMs)
        warm.push(second.timeToFirstTokenMs)
        read = { cold: first.inputTokens ?? 0, warm: (second.inputTokens ?? 0) - (second.cacheReadTokens ?? 0), reused: second.cacheReadTokens ?? 0 }
      }
      ctx.log(`prefix: cold ${cold.map((v) => v.toFixed(0)).join(' ')} ms | warm ${warm.map((v) => v.toFixed(0)).join(' ')} ms (read ${read.warm} of ${read.warm + read.reused} tokens)`)
      const figures: BenchFigures = {
        source: model.source,
        prompt_tokens: read.cold,
        warm_tokens_read: read.warm,
        warm_tokens_reused: read.reused,
        cold_ttft_ms: round(median(cold)),
        warm_ttft_ms: round(median(warm)),
        warm_over_cold: round(median(warm) / median(cold), 3),
      }
      return figures
    } finally {
      await engine.dispose()
      await tokenizer.dispose()
    }
  },
}
