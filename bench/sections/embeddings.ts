/**
 * embeddings: texts embedded per second through Aura's engine (`LlamaEngine.embed`: one request with
 * every text, vectors normalised) ÷ node-llama-cpp's own loop (`getEmbeddingFor` per text on an
 * embedding context), same model, texts, window and one thread. The model is generated in the shape
 * of bge-small (12 layers of 384, feed-forward 1536, a 30,522-token vocabulary, 512-token window, F16,
 * mean pooling); the smoke run uses the tiny llama's shape.
 */
import { join } from 'node:path'
import { median, round, type BenchFigures, type BenchSection } from '../harness'
import { benchLlama } from '../lib/engineLoop'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { rng, writeTinyLlama, type TinyLlamaOptions } from '../../src/main/services/testing/tinyLlama'

const WINDOW = 512

/** bge-small-en-v1.5's shape (33M parameters with its vocabulary), as a pooled llama. */
export const EMBEDDER_FULL: TinyLlamaOptions = {
  name: 'Aura Synthetic Embedder (bge-small shape)',
  tensorType: 'f16',
  embedding: 384,
  heads: 12,
  kvHeads: 12,
  layers: 12,
  feedForward: 1536,
  vocabSize: 30_522,
  contextLength: WINDOW,
  pooling: 'mean',
  seed: 43,
}
const EMBEDDER_SMOKE: TinyLlamaOptions = { name: 'Aura Synthetic Embedder (smoke)', pooling: 'mean', contextLength: WINDOW, seed: 43 }

const WORDS = 'the a small house by river where people walk every morning and read about weather markets music history science food travel'.split(' ')

/** `count` document-like chunks of about `words` words each (seeded: every run reads the same texts). */
function chunks(count: number, words: number): string[] {
  const random = rng(7)
  return Array.from({ length: count }, () => Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' '))
}

export const section: BenchSection = {
  name: 'embeddings',
  async run(ctx) {
    const file = await writeTinyLlama(join(ctx.workDir, 'embedder.gguf'), ctx.smoke ? EMBEDDER_SMOKE : EMBEDDER_FULL)
    const texts = chunks(ctx.smoke ? 8 : 32, ctx.smoke ? 20 : 60)
    const rounds = ctx.smoke ? 1 : 3
    ctx.log(`embeddings: ${texts.length} texts of ~${ctx.smoke ? 20 : 60} words, ${rounds} rounds`)

    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
    const llama = await benchLlama()
    const model = await llama.loadModel({ modelPath: file })
    const context = await model.createEmbeddingContext({ contextSize: WINDOW, batchSize: WINDOW, threads: 1 })
    const request = { model: { id: 'embedder', file }, texts, threads: 1 }
    const aura = async () => {
      const started = performance.now()
      const result = await engine.embed(request)
      return { perSecond: (texts.length * 1000) / (performance.now() - started), tokens: result.tokens }
    }
    const reference = async () => {
      const started = performance.now()
      for (const text of texts) await context.getEmbeddingFor(text)
      return (texts.length * 1000) / (performance.now() - started)
    }
    try {
      const warm = await aura() // loads the model into the engine
      await reference()
      const auraRates: number[] = []
      const referenceRates: number[] = []
      const ratios: number[] = []
      for (let index = 0; index < rounds; index++) {
        // Alternate which goes first, so drifts in machine speed hit both sides alike.
        if (index % 2 === 0) {
          auraRates.push((await aura()).perSecond)
          referenceRates.push(await reference())
        } else {
          referenceRates.push(await reference())
          auraRates.push((await aura()).perSecond)
        }
        ratios.push(auraRates.at(-1)! / referenceRates.at(-1)!)
      }
      ctx.log(`embeddings: aura ${auraRates.map((v) => v.toFixed(1)).join(' ')} | node-llama-cpp ${referenceRates.map((v) => v.toFixed(1)).join(' ')} texts/s`)
      const figures: BenchFigures = {
        model: ctx.smoke ? 'generated tiny llama, mean pooling (smoke)' : 'generated bge-small-shaped llama (384 × 12 layers, F16, mean pooling)',
        texts: texts.length,
        tokens_per_text: round(warm.tokens / texts.length),
        aura_per_s: round(median(auraRates)),
        reference_per_s: round(median(referenceRates)),
        // The median of each round's ratio: both runs of a round share the machine's mood.
        ratio: round(median(ratios), 3),
      }
      return figures
    } finally {
      await context.dispose()
      await model.dispose()
      await engine.dispose()
    }
  },
}
