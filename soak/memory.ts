/**
 * Soak: a model too big for the machine. The engine is told the computer has little memory (its
 * `memoryBytes` option, as fit/loadGuard.test.ts does); models whose estimate (weights + KV cache
 * for the context + working space) exceeds it are refused before loading with model_too_big and
 * the FitEstimate, the model in use stays loaded, and it still answers. The KV cache is asked for in
 * full precision (f16): with the Automatic setting several of these fit by choosing the compact q8_0
 * cache instead, which engine/memory.test.ts covers.
 */
import { join } from 'node:path'
import { AuraError } from '../src/shared/api'
import { LlamaEngine } from '../src/main/services/engine/llamaEngine'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { plainWords } from './downloads'
import type { SoakContext, SoakFinding, SoakSection } from './harness'

const GiB = 1024 ** 3

export const section: SoakSection = {
  name: 'memory',
  async run(ctx: SoakContext): Promise<SoakFinding[]> {
    const small = { id: 'small', file: await writeTinyLlama(join(ctx.workDir, 'small.gguf')) }
    // 21 MiB of weights, trained for 131072 tokens: about 1 GiB of KV cache at full length.
    const long = {
      id: 'long',
      file: await writeTinyLlama(join(ctx.workDir, 'long.gguf'), { layers: 8, embedding: 256, heads: 8, kvHeads: 8, feedForward: 512, contextLength: 131072 }),
    }
    const n = ctx.small ? 2 : 20
    const failures: string[] = []
    let passed = 0
    for (let i = 0; i < n; i++) {
      // 2.1–2.6 GiB of RAM (0.1–0.6 GiB to spare once the OS has its share); contexts of 64k–128k tokens.
      const memoryBytes = (2.1 + (0.5 * i) / Math.max(1, n - 1)) * GiB
      const contextSize = i % 2 === 0 ? 131072 : 98304
      const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, memoryBytes })
      let problem: string | null = null
      try {
        await engine.load(small, { threads: 1, contextSize: 256 })
        const loads = engine.diagnostics().modelLoads
        try {
          await engine.load(long, { threads: 1, contextSize, kvCacheType: 'f16' })
          problem = `loaded a model that needs more than ${(memoryBytes / GiB).toFixed(2)} GiB with a ${contextSize}-token context`
        } catch (error) {
          if (!(error instanceof AuraError) || error.code !== 'model_too_big') problem = `refused with ${error instanceof AuraError ? error.code : String(error)}`
          else if (!plainWords(error.message) || !/too big for this computer/.test(error.message)) problem = `unclear message: ${error.message}`
          else if ((error.data as { label?: string; contextSize?: number } | undefined)?.label !== 'too_big') problem = `no FitEstimate in the error: ${JSON.stringify(error.data)}`
          else if ((error.data as { contextSize?: number }).contextSize !== contextSize) problem = 'the estimate is for another context size'
        }
        if (!problem && engine.diagnostics().modelLoads !== loads) problem = 'it was loaded before being refused'
        if (!problem && engine.status().modelId !== 'small') problem = `the model in use was unloaded: ${JSON.stringify(engine.status())}`
        if (!problem) {
          const result = await engine.generate({ model: small, messages: [{ role: 'user', content: 'Hello' }], maxTokens: 3, temperature: 0, threads: 1, contextSize: 256 })
          if (result.stats.tokens < 1) problem = 'the model in use no longer answers'
        }
      } catch (error) {
        problem = `threw: ${error instanceof Error ? error.message : String(error)}`
      } finally {
        await engine.dispose()
      }
      if (problem === null) passed++
      else if (failures.length < 5) failures.push(`#${i + 1}: ${problem}`)
    }
    ctx.log(`  too big: ${passed}/${n}`)
    return [
      {
        fault: 'memory: a model whose estimate exceeds the machine (2.1–2.6 GiB of RAM, 96k–128k-token context, f16 KV cache)',
        injected: n,
        passed,
        expected: 'refused before loading with model_too_big, a plain message and the FitEstimate; the model in use stays loaded and answers',
        failures,
      },
    ]
  },
}
