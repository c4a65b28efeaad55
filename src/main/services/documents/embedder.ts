/**
 * Texts into vectors for the index, through the engine's embedding models (engine/embeddings.ts), with
 * the installed model for documents: BGE Small (English) when it is there, else the first other one.
 */
import { AuraError, type InstalledModel, type Threads } from '../../../shared/api'
import type { InferenceEngine } from '../engine/inferenceEngine'

export interface Embedder {
  /** Which model the vectors come from: documents embedded by another are embedded again. */
  readonly id: string
  embed(texts: string[], use: 'query' | 'document', signal?: AbortSignal): Promise<number[][]>
}

/** Nomic Embed was trained with a task prefix on every text (its model card); BGE without one for passages. */
function prefixFor(model: InstalledModel, use: 'query' | 'document'): string {
  if (/nomic-embed/i.test(model.file)) return use === 'query' ? 'search_query: ' : 'search_document: '
  return ''
}

/** The model for documents to use now: BGE Small first (the catalog's default), then any other usable one. */
export function chooseModel(models: readonly InstalledModel[]): InstalledModel | null {
  const usable = models.filter((model) => model.embedding && !model.problem)
  return usable.find((model) => /bge-small/i.test(model.file)) ?? usable[0] ?? null
}

export function engineEmbedder(engine: Pick<InferenceEngine, 'embed'>, model: InstalledModel, threads: () => Threads): Embedder {
  return {
    id: model.id,
    async embed(texts, use, signal) {
      const prefix = prefixFor(model, use)
      const inputs = texts.map((text) => prefix + text)
      // A text longer than the model reads at a time is cut to fit (its start stands for it; the keyword
      // index keeps all of it): the engine says which text and by how much, so retry with it shortened.
      for (let attempt = 0; ; attempt++) {
        try {
          return (await engine.embed({ model: { id: model.id, file: model.file }, texts: inputs, threads: threads(), signal })).vectors
        } catch (error) {
          const over = tooLong(error)
          if (!over || attempt >= 8) throw error
          const text = inputs[over.index]!
          inputs[over.index] = text.slice(0, Math.floor((text.length * over.maxTokens * 0.9) / over.tokens))
        }
      }
    },
  }
}

/** The engine's "text too long" refusal: which text, its tokens, and the most the model reads. */
function tooLong(error: unknown): { index: number; tokens: number; maxTokens: number } | null {
  if (!(error instanceof AuraError) || error.code !== 'invalid_input') return null
  const data = error.data as { index?: unknown; tokens?: unknown; maxTokens?: unknown } | undefined
  const { index, tokens, maxTokens } = data ?? {}
  return typeof index === 'number' && typeof tokens === 'number' && typeof maxTokens === 'number' && tokens > 0 ? { index, tokens, maxTokens } : null
}
