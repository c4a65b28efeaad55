/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each list gives an item 1 / (k + rank),
 * rank from 1; an item's score is the sum over the lists it is in. Ranks, not scores, are fused, so
 * BM25's unbounded scores and cosine distances need no common scale. k = 60, as in the paper: a
 * larger k flattens the difference between the first ranks and the next.
 */
export const RRF_K = 60

export function reciprocalRankFusion<T>(lists: readonly (readonly T[])[], k = RRF_K): { item: T; score: number }[] {
  const scores = new Map<T, number>()
  for (const list of lists) {
    list.forEach((item, index) => scores.set(item, (scores.get(item) ?? 0) + 1 / (k + index + 1)))
  }
  // Stable on ties: the order in which items were first met (the first list's order first).
  return [...scores].map(([item, score]) => ({ item, score })).sort((a, b) => b.score - a.score)
}
