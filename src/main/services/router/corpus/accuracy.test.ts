import { describe, expect, it } from 'vitest'
import { loadCorpus } from './index'
import type { CorpusVersion } from './index'
import { measure, report } from './accuracy'

// Thresholds are what the classifier honestly reaches (docs/routing.md), rounded down; the goal is ≥ 95% tier accuracy, ≥ 90% on every tier and on traps, < 2% of
// simple and moderate requests sent to the cloud. Weights are fit on v1 + v2 train only (scripts/fit-router.mjs).
// The test splits are frozen: they are measured here and never used to choose anything — their misses are not printed.

describe('Auto on the labelled corpus', () => {
  it('train (v1 + v2): the splits the weights were fit on', () => {
    const m = measure(loadCorpus('train', 'both'))
    console.log(report('train', m))
    expect(m.tier).toBeGreaterThanOrEqual(0.94)
    expect(m.lowToCloud).toBeLessThanOrEqual(0.015)
  })

  it('dev (v1 + v2): checked while choosing signals and regularisation', () => {
    const m = measure(loadCorpus('dev', 'both'))
    console.log(`${report('dev', m)}\n${m.misses.map((miss) => `  ${miss}`).join('\n')}`)
    expect(m.tier).toBeGreaterThanOrEqual(0.95)
    expect(m.lowToCloud).toBeLessThanOrEqual(0.01)
  })

  it.each(['v1', 'v2'] as const)('test %s (frozen): tier accuracy overall, per tier, on traps, and simple/moderate sent to the cloud', (version: CorpusVersion) => {
    const m = measure(loadCorpus('test', version))
    const floor = TEST[version]
    console.log(report(`test ${version}`, m))
    expect(m.tier).toBeGreaterThanOrEqual(floor.tier)
    expect(m.perTier['local-fast']).toBeGreaterThanOrEqual(floor.fast)
    expect(m.perTier['local-quality']).toBeGreaterThanOrEqual(floor.quality)
    expect(m.perTier.cloud).toBeGreaterThanOrEqual(floor.cloud)
    expect(m.traps).toBeGreaterThanOrEqual(floor.traps)
    expect(m.lowToCloud).toBeLessThanOrEqual(floor.lowToCloud)
  })
})

/**
 * Measured on the frozen test splits after the refit on v1 + v2 train (docs/routing.md) — v1: tier 89.0%, fast 92.9%,
 * quality 96.4%, cloud 76.9%, traps 74.4%, simple/moderate to the cloud 1.8%; v2: tier 90.9%, fast 90.9%, quality 96.4%,
 * cloud 85.2%, traps 88.9%, 0.0% to the cloud. Below the goal on cloud and traps.
 */
const TEST: Record<CorpusVersion, { tier: number; fast: number; quality: number; cloud: number; traps: number; lowToCloud: number }> = {
  v1: { tier: 0.88, fast: 0.92, quality: 0.96, cloud: 0.76, traps: 0.74, lowToCloud: 0.02 },
  v2: { tier: 0.9, fast: 0.9, quality: 0.96, cloud: 0.85, traps: 0.88, lowToCloud: 0.01 },
}
