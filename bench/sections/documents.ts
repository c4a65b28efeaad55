/**
 * documents: the documents index (services/documents, docs/documents.md).
 *
 * - `pages_per_s`: PDF pages indexed per second through the whole path (parse with pdf.js, split,
 *   embed with the bge-small-shaped generated model, store in SQLite), add → idle;
 *   `embed_pages_per_s`: the same pages' chunks embedded straight through node-llama-cpp's
 *   `getEmbeddingFor` loop in the same run (the embedding model's own throughput), and
 *   `ratio` = pages_per_s ÷ embed_pages_per_s (1 would mean parse, split and store cost nothing).
 * - `rss_peak_mib` / `rss_growth_mib`: resident memory while indexing (sampled every 50 ms).
 * - `query_ms_p50_<10k|100k>` / `_p95_…`: a hybrid search (BM25 top-k + cosine top-k over 384-dim vectors,
 *   fused) at n = 10,000 and 100,000 chunks of 60 Zipf-distributed made-up words with random unit
 *   vectors (the query's own embedding is not in it: see `embeddings`); the goal is p50 ≤ 50 ms at 100k.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { DocumentsService } from '../../src/main/services/documents'
import { readDocument } from '../../src/main/services/documents/read'
import { hybridSearch } from '../../src/main/services/documents/search'
import { DocumentStore } from '../../src/main/services/documents/store'
import { ModelLibrary } from '../../src/main/services/models'
import { makePdf } from '../../src/main/services/testing/documents/pdf'
import { rng, writeTinyLlama } from '../../src/main/services/testing/tinyLlama'
import { median, percentile, round, type BenchSection } from '../harness'
import { benchLlama } from '../lib/engineLoop'
import { EMBEDDER_FULL } from './embeddings'

/**
 * Text with the word frequencies of real text: a vocabulary of 5,000 made-up words (syllables put
 * together), the r-th most common drawn with probability ∝ 1/r (Zipf's law, as in English), so a few
 * words are in almost every chunk and most are in few — what BM25 meets in real documents. (A short
 * list drawn evenly puts every query word in every chunk, and BM25 then ranks them all.)
 */
const SYLLABLES = 'ka lo mi ren tu sa vel dor pin qua ber nos til fa gri mun ech ov zar lin'.split(' ')
const VOCABULARY = Array.from({ length: 5_000 }, (_, r) => {
  let word = ''
  for (let n = r + SYLLABLES.length; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length]
  return word
})
const CUMULATIVE = (() => {
  let sum = 0
  const cumulative = VOCABULARY.map((_, r) => (sum += 1 / (r + 1)))
  return cumulative.map((c) => c / sum)
})()

function words(random: () => number, count: number): string {
  return Array.from({ length: count }, () => {
    const u = random()
    let lo = 0
    let hi = CUMULATIVE.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (CUMULATIVE[mid]! < u) lo = mid + 1
      else hi = mid
    }
    return VOCABULARY[lo]
  }).join(' ')
}

export const section: BenchSection = {
  name: 'documents',
  async run(ctx) {
    const random = rng(11)
    const modelsDir = join(ctx.workDir, 'models')
    const docsDir = join(ctx.workDir, 'docs')
    await mkdir(modelsDir, { recursive: true })
    await mkdir(docsDir, { recursive: true })
    const modelFile = await writeTinyLlama(
      join(modelsDir, 'bge-small-bench.gguf'),
      ctx.smoke ? { name: 'smoke embedder', pooling: 'mean', contextLength: 512, seed: 43 } : EMBEDDER_FULL,
    )
    // Pages of about 250 words in short paragraphs, as a manual or a report has.
    // Kept small: on one thread the bge-small-shaped model reads about a chunk a second or slower.
    const files = ctx.smoke ? 2 : 3
    const pagesPerFile = ctx.smoke ? 2 : 3
    for (let f = 0; f < files; f++) {
      const pages = Array.from({ length: pagesPerFile }, () => Array.from({ length: 5 }, () => `${words(random, 50)}.`))
      await writeFile(join(docsDir, `report-${f + 1}.pdf`), makePdf({ title: `Report ${f + 1}`, pages }))
    }
    const pages = files * pagesPerFile

    // The whole path: add → idle, memory sampled meanwhile.
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
    const service = new DocumentsService({ file: join(ctx.workDir, 'documents.db'), engine, models: new ModelLibrary(() => modelsDir), threads: () => 1 })
    const rssBefore = process.memoryUsage().rss
    let rssPeak = rssBefore
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50)
    let indexMs: number
    let chunkTexts: string[]
    try {
      await engine.embed({ model: { id: 'bge-small-bench', file: modelFile }, texts: ['warm up'], threads: 1 }) // the model loads outside the timing
      const started = performance.now()
      await service.addCollection('Bench', docsDir)
      await service.idle()
      indexMs = performance.now() - started
      const status = await service.status()
      if (status.embeddedChunks !== status.chunks || status.chunks === 0) throw new Error(`documents: ${status.embeddedChunks} of ${status.chunks} chunks embedded`)
      // The same chunks the index embedded, for the reference.
      chunkTexts = []
      for (let f = 0; f < files; f++) chunkTexts.push(...(await readDocument(join(docsDir, `report-${f + 1}.pdf`), new AbortController().signal)).chunks.map((c) => c.text))
    } finally {
      clearInterval(sampler)
      await service.dispose()
      await engine.dispose()
    }
    ctx.log(`documents: ${pages} pages (${chunkTexts.length} chunks) indexed in ${(indexMs / 1000).toFixed(1)} s`)

    // The embedding model's own throughput on the same chunks, in the same run.
    const llama = await benchLlama()
    const model = await llama.loadModel({ modelPath: modelFile })
    const context = await model.createEmbeddingContext({ contextSize: 512, batchSize: 512, threads: 1 })
    let embedMs: number
    try {
      const started = performance.now()
      // Cut to the window as the index cuts a chunk too long for it (the generated vocabulary splits words finely).
      for (const text of chunkTexts) await context.getEmbeddingFor(model.tokenize(text).slice(0, 500))
      embedMs = performance.now() - started
    } finally {
      await context.dispose()
      await model.dispose()
    }

    const pagesPerSecond = (pages * 1000) / indexMs
    const embedPagesPerSecond = (pages * 1000) / embedMs
    const figures: Record<string, number | string> = {
      model: ctx.smoke ? 'generated tiny llama (smoke)' : 'generated bge-small-shaped llama (384 × 12 layers, F16, mean pooling)',
      pages,
      chunks: chunkTexts.length,
      pages_per_s: round(pagesPerSecond, 2),
      embed_pages_per_s: round(embedPagesPerSecond, 2),
      ratio: round(pagesPerSecond / embedPagesPerSecond, 3),
      rss_peak_mib: round(rssPeak / 1024 ** 2),
      rss_growth_mib: round((rssPeak - rssBefore) / 1024 ** 2),
    }

    // Keyed by the full sizes; the smoke run (figures meaningless) stores 1,000 and 2,000 under them.
    const sizes = ctx.smoke ? { '10k': 1_000, '100k': 2_000 } : { '10k': 10_000, '100k': 100_000 }
    for (const [label, size] of Object.entries(sizes)) {
      const { p50, p95 } = await queryLatency(ctx.workDir, size, random, ctx.log)
      figures[`query_ms_p50_${label}`] = p50
      figures[`query_ms_p95_${label}`] = p95
    }
    return figures
  },
}

/** Search latency over `size` chunks of Zipf-distributed words with random 384-dim unit vectors. */
async function queryLatency(workDir: string, size: number, random: () => number, log: (line: string) => void): Promise<{ p50: number; p95: number }> {
  const store = new DocumentStore(join(workDir, `latency-${size}.db`))
  const vector = () => {
    const v = Array.from({ length: 384 }, () => random() - 0.5)
    const norm = Math.hypot(...v)
    return v.map((x) => x / norm)
  }
  try {
    store.useDimensions(384)
    const collection = store.ensureCollection('Latency')
    const perDocument = 100
    const build = performance.now()
    for (let d = 0; d < size / perDocument; d++) {
      const doc = store.queue(collection.id, `/bench/doc-${d}.pdf`, `Document ${d}`)
      const chunks = Array.from({ length: perDocument }, (_, ordinal) => ({ ordinal, text: words(random, 60), page: 1 + (ordinal >> 2) }))
      store.saveDocument(doc.id, { title: `Document ${d}`, size: 0, mtimeMs: 0, hash: '' }, chunks, { embedder: 'random', vectors: chunks.map(vector) })
    }
    log(`documents: ${size} chunks stored in ${((performance.now() - build) / 1000).toFixed(1)} s`)
    const times: number[] = []
    for (let q = 0; q < 40; q++) {
      const query = words(random, 3 + Math.floor(random() * 4)) // 3–6 words, drawn as the text is
      const started = performance.now()
      hybridSearch(store, query, vector(), { all: true }, 8)
      if (q >= 5) times.push(performance.now() - started) // the first few warm the page cache
    }
    return { p50: round(median(times), 1), p95: round(percentile(times, 0.95), 1) }
  } finally {
    store.close()
  }
}
