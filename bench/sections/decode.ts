/**
 * decode: tokens/s of a reply through the whole app path (chat.send over the host's WebSocket →
 * chat service → engine → batched chat.delta events → the client) ÷ tokens/s of node-llama-cpp's
 * `sequence.evaluate` loop, same model, prompt, context size, sampling (temperature 0 with the
 * app's repeat penalty), one thread, same number of tokens. Optionally ÷ llama.cpp's own `llama-bench` (env LLAMA_BENCH).
 */
import { join } from 'node:path'
import { median, round, type BenchFigures, type BenchSection } from '../harness'
import { startBenchApp, type BenchApp } from '../lib/appPath'
import { benchLlama, evaluateLoop } from '../lib/engineLoop'
import { llamaBench } from '../lib/llamaBench'
import { stories260K, synthetic, type BenchModel } from '../lib/modelFiles'

const PROMPT = 'Once upon a time, there was a little girl named Lily. She'
const CONTEXT_SIZE = 1024

interface Plan {
  model: BenchModel
  tokens: number
  rounds: number
}

export const section: BenchSection = {
  name: 'decode',
  async run(ctx) {
    const dataDir = join(ctx.workDir, 'data')
    const modelsDir = join(dataDir, 'models')
    const plans: Plan[] = [
      { model: await stories260K(ctx.root, modelsDir), tokens: ctx.smoke ? 24 : 512, rounds: ctx.smoke ? 1 : 7 },
      { model: await synthetic(modelsDir, ctx.smoke), tokens: ctx.smoke ? 16 : 128, rounds: ctx.smoke ? 1 : 5 },
    ]
    const figures: BenchFigures = {}
    for (const plan of plans) Object.assign(figures, await measure(ctx, dataDir, modelsDir, plan))
    return figures
  },
}

async function measure(ctx: Parameters<BenchSection['run']>[0], dataDir: string, modelsDir: string, plan: Plan): Promise<BenchFigures> {
  const { model, rounds } = plan
  const key = model.id
  ctx.log(`decode: ${key} (${model.source}), ${plan.tokens} tokens, ${rounds} rounds`)
  const app = await startBenchApp(join(dataDir, `app-${key}`), { modelsDir, threads: 1, maxTokens: plan.tokens, temperature: 0, contextSize: CONTEXT_SIZE })
  const llama = await benchLlama()
  const reference = await llama.loadModel({ modelPath: model.file })
  try {
    // Warm-up (loads the model into the app's engine), and the number of tokens the app writes.
    const warm = await appRun(app, key)
    const tokens = warm.tokens
    if (tokens < plan.tokens) ctx.log(`decode: ${key}: the app's reply stopped at ${tokens} of ${plan.tokens} tokens; the reference decodes as many`)
    await evaluateLoop(reference, { prompt: PROMPT, tokens, contextSize: CONTEXT_SIZE, threads: 1, appSampler: true })

    const appTps: number[] = []
    const engineTps: number[] = []
    const ratios: number[] = []
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so drifts in machine speed hit both sides alike.
      const order = round % 2 === 0 ? ['app', 'engine'] : ['engine', 'app']
      for (const side of order) {
        if (side === 'app') {
          const run = await appRun(app, key)
          if (run.tokens !== tokens) ctx.log(`decode: ${key}: app reply had ${run.tokens} tokens, expected ${tokens}`)
          appTps.push(run.tps)
        } else {
          const run = await evaluateLoop(reference, { prompt: PROMPT, tokens, contextSize: CONTEXT_SIZE, threads: 1, appSampler: true })
          engineTps.push(run.tokensPerSecond)
        }
      }
      ratios.push(appTps.at(-1)! / engineTps.at(-1)!)
    }
    const app_tps = median(appTps)
    const engine_tps = median(engineTps)
    ctx.log(`decode: ${key}: app ${appTps.map((v) => v.toFixed(0)).join(' ')} | engine ${engineTps.map((v) => v.toFixed(0)).join(' ')} tok/s`)
    const figures: BenchFigures = {
      [`${key}.source`]: model.source,
      [`${key}.tokens`]: tokens,
      [`${key}.app_tps`]: round(app_tps),
      [`${key}.engine_tps`]: round(engine_tps),
      // The median of each round's ratio: the two runs of a round are seconds apart, so they share
      // the machine's mood (this is steadier than the ratio of the medians on a busy machine).
      [`${key}.ratio`]: round(median(ratios), 3),
    }
    const tg = await llamaBench(model.file, { prompt: 0, gen: tokens }, ctx, 'decode')
    if (tg !== null) {
      figures[`${key}.llama_bench_tps`] = round(tg)
      figures[`${key}.ratio_llama_bench`] = round(app_tps / tg, 3)
    }
    return figures
  } finally {
    await reference.dispose()
    await app.close()
  }
}

/** One reply through the app: tokens (from `chat.done`) and tokens/s from the first delta's arrival to the last's. */
async function appRun(app: BenchApp, modelId: string): Promise<{ tokens: number; tps: number }> {
  const reply = await app.reply(PROMPT, modelId)
  const tokens = reply.message.stats?.tokens ?? 0
  const ms = reply.firstDeltaAt !== null && reply.lastDeltaAt !== null ? reply.lastDeltaAt - reply.firstDeltaAt : 0
  return { tokens, tps: tokens > 1 && ms > 0 ? ((tokens - 1) * 1000) / ms : 0 }
}
