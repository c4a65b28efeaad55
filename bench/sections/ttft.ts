/**
 * ttft: time to first token through the app path minus the engine's own. The client's time from
 * sending `chat.send` to the first `chat.delta` arriving, minus the reply's
 * `stats.timeToFirstTokenMs` (the engine's prompt reading to first token), per prompt; p50 and p90.
 * What remains is Aura's own cost: the request, routing, saving the messages, event batching, the socket.
 */
import { join } from 'node:path'
import { median, percentile, round, type BenchSection } from '../harness'
import { startBenchApp } from '../lib/appPath'
import { stories260K } from '../lib/modelFiles'

const SUBJECTS = [
  'a little girl named Lily', 'a boy who loved trains', 'a cat in a big red hat', 'a dog and a ball', 'a bird that could not fly',
  'a tree in the park', 'a happy frog', 'the sun and the moon', 'a small blue car', 'a bear who found honey',
  'a girl and her kite', 'a fish in the sea', 'a brave little mouse', 'a rainy day', 'a big green dragon',
  'two friends at school', 'a lost teddy bear', 'a cake for mom', 'a walk in the snow', 'a boat on the lake',
  'a funny clown', 'a star in the sky', 'a garden of flowers', 'a sleepy owl',
]

export const section: BenchSection = {
  name: 'ttft',
  async run(ctx) {
    const dataDir = join(ctx.workDir, 'data')
    const modelsDir = join(dataDir, 'models')
    const model = await stories260K(ctx.root, modelsDir)
    const prompts = SUBJECTS.slice(0, ctx.smoke ? 3 : SUBJECTS.length).map((subject) => `Once upon a time, there was ${subject}.`)
    const app = await startBenchApp(dataDir, { modelsDir, threads: 1, maxTokens: 64, temperature: 0, contextSize: 1024 })
    try {
      await app.reply('Once upon a time', model.id) // loads the model
      const appMs: number[] = []
      const engineMs: number[] = []
      const overheadMs: number[] = []
      for (const prompt of prompts) {
        const reply = await app.reply(prompt, model.id)
        if (reply.firstDeltaAt === null) continue
        const client = reply.firstDeltaAt - reply.sentAt
        const engine = reply.message.stats?.timeToFirstTokenMs ?? 0
        appMs.push(client)
        engineMs.push(engine)
        overheadMs.push(client - engine)
      }
      ctx.log(`ttft: overhead ms ${overheadMs.map((v) => v.toFixed(1)).join(' ')}`)
      return {
        model: model.source,
        prompts: overheadMs.length,
        overhead_ms_p50: round(median(overheadMs)),
        overhead_ms_p90: round(percentile(overheadMs, 0.9)),
        engine_ms_p50: round(median(engineMs)),
        app_ms_p50: round(median(appMs)),
      }
    } finally {
      await app.close()
    }
  },
}
