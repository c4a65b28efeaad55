import { describe, expect, it } from 'vitest'
import { loadCorpus } from './index'
import { measure, report } from './accuracy'

// Thresholds are what the classifier honestly reaches (docs/routing.md), rounded down; the goal is ≥ 95% tier accuracy, ≥ 90% on every tier and on traps, < 2% of
// simple and moderate requests sent to the cloud. Weights are fit on train only (scripts/fit-router.mjs).
// The test split is frozen: it is measured here and never used to choose anything — its misses are not printed.

describe('Auto on the labelled corpus', () => {
  it('train: the split the weights were fit on', () => {
    const m = measure(loadCorpus('train'))
    console.log(report('train', m))
    expect(m.tier).toBeGreaterThanOrEqual(0.95)
    expect(m.lowToCloud).toBeLessThanOrEqual(0.02)
  })

  it('dev: checked while designing the signals', () => {
    const m = measure(loadCorpus('dev'))
    console.log(`${report('dev', m)}\n${m.misses.map((miss) => `  ${miss}`).join('\n')}`)
    expect(m.tier).toBeGreaterThanOrEqual(0.93)
    expect(m.lowToCloud).toBeLessThanOrEqual(0.025)
  })

  it('test (frozen): tier accuracy overall, per tier, on traps, and simple/moderate sent to the cloud', () => {
    const m = measure(loadCorpus('test'))
    console.log(report('test', m))
    expect(m.tier).toBeGreaterThanOrEqual(TEST.tier)
    expect(m.perTier['local-fast']).toBeGreaterThanOrEqual(TEST.fast)
    expect(m.perTier['local-quality']).toBeGreaterThanOrEqual(TEST.quality)
    expect(m.perTier.cloud).toBeGreaterThanOrEqual(TEST.cloud)
    expect(m.traps).toBeGreaterThanOrEqual(TEST.traps)
    expect(m.lowToCloud).toBeLessThanOrEqual(TEST.lowToCloud)
  })
})

/**
 * Measured on the frozen test split (docs/routing.md): tier 87.7%, fast 92.9%, quality 94.5%, cloud 75.0%,
 * traps 74.4%, simple/moderate to the cloud 2.7% — below the goal on cloud, traps and the cloud share.
 */
const TEST = { tier: 0.87, fast: 0.92, quality: 0.94, cloud: 0.74, traps: 0.74, lowToCloud: 0.028 }
