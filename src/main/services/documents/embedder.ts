/**
 * Texts into vectors for the index, through the engine's embedding models (engine/embeddings.ts), with
 * the installed model for documents: BGE Small (English) when it is there, else the first other one.
 */
import type { InstalledModel, Threads } from '../../../shared/api'
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
      const result = await engine.embed({ model: { id: model.id, file: model.file }, texts: texts.map((text) => prefix + text), threads: threads(), signal })
      return result.vectors
    },
  }
}
