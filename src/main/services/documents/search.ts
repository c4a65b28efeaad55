import type { Passage } from './contract'
import { reciprocalRankFusion } from './fusion'
import type { DocumentStore, ScopeFilter } from './store'

/** Each list gives fusion this many candidates per passage asked (at least 20). */
const CANDIDATES_PER_RESULT = 4

/**
 * Hybrid retrieval: the BM25 top-k and (with a query vector) the cosine top-k, fused by reciprocal
 * rank; without a vector, the BM25 list alone. The passages come back best first, scored by fusion.
 */
export function hybridSearch(
  store: DocumentStore,
  query: string,
  vector: readonly number[] | null,
  scope: ScopeFilter,
  limit: number,
  /** Only one list, to measure each on its own (the retrieval test's recall@k per method). */
  only?: 'keyword' | 'vector',
): { passages: Passage[]; vectorHits: number } {
  const candidates = Math.max(20, limit * CANDIDATES_PER_RESULT)
  const keyword = only === 'vector' ? [] : store.keyword(query, scope, candidates)
  const nearest = vector && only !== 'keyword' ? store.nearest(vector, scope, candidates) : []
  const fused = reciprocalRankFusion([keyword, nearest]).slice(0, limit)
  const found = store.found(fused.map((each) => each.item))
  const passages = fused.flatMap(({ item, score }) => {
    const chunk = found.get(item)
    if (!chunk) return []
    const { id: _id, ...passage } = chunk
    return [{ ...passage, score }]
  })
  return { passages, vectorHits: nearest.length }
}
