/**
 * Embeddings: a text in, a vector out (documents, and later the API's `/embeddings`). An embedding
 * model is loaded beside the chat model on the same llama.cpp instance, within the engine's memory
 * budget (see budget.ts), and unloaded when idle like the chat model.
 *
 * Batching: node-llama-cpp 3.21 reads a context's embedding from sequence 0 only
 * (`AddonContext::GetEmbedding` → `llama_get_embeddings_seq(ctx, 0)`), so texts cannot share one
 * llama.cpp batch through it. A request's texts are evaluated one after another on one context that
 * stays loaded; requests at the same time take turns text by text (node-llama-cpp's own lock), so a
 * long document does not hold up a short query for long.
 */
import { dirname } from 'node:path'
import type { Llama, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp'
import { AuraError, type Threads } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { formatCount } from '../../../shared/units'
import { silentLogger, type Logger } from '../ports'
import { importNodeLlamaCpp, readModelInfo } from '../models/modelInfo'
import type { ModelBudget } from './budget'
import type { ModelRef } from './inferenceEngine'

export interface EmbedRequest {
  model: ModelRef
  texts: string[]
  /** `'auto'` is 1 thread for now: embedding models are small, and more threads are often slower (see threads.ts). */
  threads: Threads
  /** Aborting stops before the next text; `embed` then rejects with the signal's reason. */
  signal?: AbortSignal
}

export interface EmbedResult {
  /** One unit-length vector per text, in order. */
  vectors: number[][]
  dimensions: number
  /** Tokens read, all texts together. */
  tokens: number
}

export interface EmbeddingEngineOptions {
  llama: () => Promise<Llama>
  budget: ModelBudget
  /** The model's memory estimate for a context of `contextSize` tokens (services/fit); null when it cannot be made. */
  estimate: (file: string, contextSize: number) => Promise<number | null>
  logger?: Logger
  /** Unload a model after this long without use; `null` keeps it loaded. */
  idleUnloadMs: number | null
}

interface Loaded {
  ref: ModelRef
  name: string
  threads: number
  /** The context size: a text must be shorter. */
  window: number
  model: LlamaModel
  context: LlamaEmbeddingContext
  /** Requests using it now. */
  active: number
  idleTimer: ReturnType<typeof setTimeout> | null
}

export class EmbeddingEngine {
  private readonly logger: Logger
  /** By model file; the promise is shared by requests that arrive while it loads. */
  private readonly models = new Map<string, Promise<Loaded>>()
  private disposed = false

  constructor(private readonly options: EmbeddingEngineOptions) {
    this.logger = options.logger ?? silentLogger
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    if (this.disposed) throw new AuraError('internal', words('engine.shutDown'))
    const { signal } = request
    if (request.texts.length === 0) return { vectors: [], dimensions: 0, tokens: 0 }
    const threads = request.threads === 'auto' ? 1 : request.threads
    if (!Number.isInteger(threads) || threads < 1) throw new AuraError('invalid_input', words('engine.threads'))
    signal?.throwIfAborted()

    const loaded = await this.ready(request.model, threads)
    loaded.active++
    this.clearIdleTimer(loaded)
    try {
      this.options.budget.touch(budgetKey(loaded.ref.file))
      // Tokenised once: the length check and the evaluation read the same tokens.
      const tokens = request.texts.map((text) => loaded.model.tokenize(text))
      const lengths = tokens.map((input) => loaded.context.calculateInputLength(input))
      const window = loaded.window
      const tooLong = lengths.findIndex((length) => length >= window)
      if (tooLong >= 0) {
        throw new AuraError(
          'invalid_input',
          words(request.texts.length > 1 ? 'engine.textTooLongOf' : 'engine.textTooLong', {
            index: tooLong + 1,
            count: request.texts.length,
            model: loaded.name,
            tokens: formatCount(lengths[tooLong] ?? 0),
            max: formatCount(window - 1),
          }),
          { index: tooLong, tokens: lengths[tooLong], maxTokens: window - 1 },
        )
      }
      const vectors: number[][] = []
      for (const input of tokens) {
        signal?.throwIfAborted()
        try {
          vectors.push(normalise((await loaded.context.getEmbeddingFor(input)).vector))
        } catch (error) {
          throw new AuraError('generation_failed', words('engine.readingFailed', { model: loaded.name }), { detail: String(error) })
        }
      }
      return { vectors, dimensions: loaded.model.embeddingVectorSize, tokens: lengths.reduce((a, b) => a + b, 0) }
    } finally {
      loaded.active--
      this.options.budget.touch(budgetKey(loaded.ref.file))
      this.scheduleIdleUnload(loaded)
    }
  }

  /** Unloads one model (by file), or all; a model in use is unloaded once its requests finish. */
  async unload(file?: string): Promise<void> {
    const files = file === undefined ? [...this.models.keys()] : [file]
    await Promise.all(files.map((each) => this.unloadFile(each)))
  }

  async dispose(): Promise<void> {
    this.disposed = true
    await this.unload()
  }

  private ready(ref: ModelRef, threads: number): Promise<Loaded> {
    const existing = this.models.get(ref.file)
    if (existing) {
      return existing.then(async (loaded) => {
        if (loaded.threads === threads || loaded.active > 0) return loaded
        // Another thread count: a new context, once no one else is using this one.
        await this.unloadFile(ref.file)
        return this.ready(ref, threads)
      })
    }
    const promise = this.load(ref, threads)
    this.models.set(ref.file, promise)
    promise.catch(() => {
      if (this.models.get(ref.file) === promise) this.models.delete(ref.file)
    })
    return promise
  }

  private async load(ref: ModelRef, threads: number): Promise<Loaded> {
    const llama = await this.options.llama()
    const nlc = await importNodeLlamaCpp()
    const key = budgetKey(ref.file)
    // The bounded header walk first (models/modelInfo): a damaged file is refused in plain words.
    const info = await readModelInfo(ref.file, dirname(ref.file)).catch(() => null)
    if (!info || info.problem) {
      throw new AuraError('model_invalid', info?.problem ?? words('engine.unreadable', { model: ref.id }), { modelId: ref.id, file: ref.file })
    }
    const name = info.name
    if (!info.embedding) {
      throw new AuraError(
        'invalid_input',
        words('engine.chatModel', { model: name }),
        { modelId: ref.id },
      )
    }
    const trained = info.contextLength ?? 512
    const bytes = (await this.options.estimate(ref.file, trained).catch(() => null)) ?? 0
    let loaded: Loaded | null = null
    await this.options.budget.admit(key, {
      name,
      bytes,
      busy: () => loaded === null || loaded.active > 0,
      unload: () => this.unloadFile(ref.file),
    })
    let model: LlamaModel | null = null
    try {
      model = await llama.loadModel({ modelPath: ref.file })
      // The whole window in one micro-batch: encoders (BERT) need every token of a text in one.
      const context = await model.createEmbeddingContext({ contextSize: trained, batchSize: trained, threads })
      loaded = { ref, name, threads, window: trained, model, context, active: 0, idleTimer: null }
      this.logger.info('inference: embedding model loaded', { modelId: ref.id, threads, contextSize: trained })
      return loaded
    } catch (error) {
      this.options.budget.release(key)
      await model?.dispose().catch(() => {})
      if (error instanceof nlc.InsufficientMemoryError) {
        throw new AuraError('model_load_failed', words('engine.noMemoryForEmbeddings', { model: name }))
      }
      throw new AuraError('model_load_failed', words('engine.cannotLoadEmbeddings', { model: name }), {
        modelId: ref.id,
        detail: String(error),
      })
    }
  }

  private async unloadFile(file: string): Promise<void> {
    const promise = this.models.get(file)
    if (!promise) return
    this.models.delete(file)
    this.options.budget.release(budgetKey(file))
    const loaded = await promise.catch(() => null)
    this.options.budget.release(budgetKey(file)) // again: a load under way counted itself in meanwhile
    if (!loaded) return
    this.clearIdleTimer(loaded)
    // In use: let its requests finish first (they hold the context's lock text by text).
    while (loaded.active > 0) await new Promise((resolve) => setTimeout(resolve, 10))
    try {
      await loaded.context.dispose()
      await loaded.model.dispose()
    } catch (error) {
      this.logger.warn('inference: embedding model unload failed', { error: String(error) })
    }
  }

  private scheduleIdleUnload(loaded: Loaded): void {
    this.clearIdleTimer(loaded)
    const ms = this.options.idleUnloadMs
    if (ms === null || loaded.active > 0 || this.disposed) return
    loaded.idleTimer = setTimeout(() => {
      loaded.idleTimer = null
      if (loaded.active > 0) return
      this.logger.info('inference: unloading idle embedding model', { modelId: loaded.ref.id })
      void this.unloadFile(loaded.ref.file)
    }, ms)
    loaded.idleTimer.unref?.()
  }

  private clearIdleTimer(loaded: Loaded): void {
    if (loaded.idleTimer) clearTimeout(loaded.idleTimer)
    loaded.idleTimer = null
  }
}

export const budgetKey = (file: string): string => `embedding:${file}`

/** Unit length, so a dot product is the cosine similarity (a zero vector stays zero). */
export function normalise(vector: readonly number[]): number[] {
  let sum = 0
  for (const value of vector) sum += value * value
  const norm = Math.sqrt(sum)
  return norm > 0 ? vector.map((value) => value / norm) : [...vector]
}
