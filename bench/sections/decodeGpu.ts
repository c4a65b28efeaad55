/**
 * decode.gpu: tokens/s of a reply through the whole app path on the GPU the engine picked ÷ llama.cpp's
 * `llama-bench` on the same device with every layer offloaded (env LLAMA_BENCH; goal ≥ 0.9, bench/README.md),
 * and the share of the model's layers the app offloaded. Where the engine finds no GPU it reports "no GPU"
 * and why (the back-ends it passed over), and measures nothing.
 */
import { join } from 'node:path'
import { median, round, type BenchFigures, type BenchSection } from '../harness'
import { startBenchApp } from '../lib/appPath'
import { llamaBench } from '../lib/llamaBench'
import { synthetic } from '../lib/modelFiles'
import { planBackends } from '../../src/main/services/hardware/backend'
import { readBackendMachine } from '../../src/main/services/hardware/backendMachine'
import { loadLlamaBackend } from '../../src/main/services/engine/llamaBackend'

const PROMPT = 'Once upon a time, there was a little girl named Lily. She'

export const section: BenchSection = {
  name: 'decode.gpu',
  async run(ctx) {
    const { llama, choice } = await loadLlamaBackend(planBackends(await readBackendMachine()), { build: 'never', progressLogs: false })
    const passedOver = choice.fallbacks.map((f) => `${f.backend}: ${f.reason}`).join(', ') || null
    if (choice.backend === 'cpu') {
      await llama.dispose()
      ctx.log(`decode.gpu: no GPU (${passedOver ?? 'no graphics card'})`)
      return { gpu: 'no GPU', passed_over: passedOver }
    }
    const dataDir = join(ctx.workDir, 'data')
    const modelsDir = join(dataDir, 'models')
    const model = await synthetic(modelsDir, ctx.smoke)
    const tokens = ctx.smoke ? 16 : 128
    try {
      // The share of layers offloaded, as the engine's default ('auto') places them on this device.
      const loaded = await llama.loadModel({ modelPath: model.file })
      const offloaded = loaded.gpuLayers / Math.max(1, loaded.fileInsights.totalLayers)
      await loaded.dispose()
      const app = await startBenchApp(join(dataDir, 'app'), { modelsDir, maxTokens: tokens, temperature: 0, contextSize: 1024 })
      const tps: number[] = []
      try {
        await app.reply(PROMPT, model.id) // warm-up: loads the model
        for (let i = 0; i < (ctx.smoke ? 1 : 5); i++) {
          const reply = await app.reply(PROMPT, model.id)
          const n = reply.message.stats?.tokens ?? 0
          const ms = reply.firstDeltaAt !== null && reply.lastDeltaAt !== null ? reply.lastDeltaAt - reply.firstDeltaAt : 0
          if (n > 1 && ms > 0) tps.push(((n - 1) * 1000) / ms)
        }
      } finally {
        await app.close()
      }
      const figures: BenchFigures = {
        gpu: `${choice.backend}: ${choice.device ?? 'unknown device'}`,
        passed_over: passedOver,
        offloaded_share: round(offloaded, 3),
        app_tps: round(median(tps)),
      }
      const tg = await llamaBench(model.file, { prompt: 0, gen: tokens }, ctx, 'decode.gpu', 99)
      if (tg !== null) {
        figures.llama_bench_tps = round(tg)
        figures.ratio_llama_bench = round(median(tps) / tg, 3)
      }
      return figures
    } finally {
      await llama.dispose()
    }
  },
}
