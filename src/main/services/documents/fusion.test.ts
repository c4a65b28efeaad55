import { describe, expect, it } from 'vitest'
import { reciprocalRankFusion, RRF_K } from './fusion'

describe('reciprocal rank fusion', () => {
  it('sums 1 / (k + rank) over the lists, best first', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'd', 'a'],
    ])
    const score = (...ranks: number[]) => ranks.reduce((sum, rank) => sum + 1 / (RRF_K + rank), 0)
    expect(fused).toEqual([
      { item: 'a', score: score(1, 3) },
      { item: 'c', score: score(3, 1) },
      { item: 'b', score: score(2) },
      { item: 'd', score: score(2) },
    ])
    expect(RRF_K).toBe(60)
  })

  it('puts an item found by both lists above one found first by only one', () => {
    const fused = reciprocalRankFusion([['only-keyword', 'both'], ['only-vector', 'both']])
    expect(fused[0]!.item).toBe('both')
  })

  it('keeps one list as it is, and gives nothing for nothing', () => {
    expect(reciprocalRankFusion([[3, 1, 2], []]).map((each) => each.item)).toEqual([3, 1, 2])
    expect(reciprocalRankFusion([])).toEqual([])
  })
})
