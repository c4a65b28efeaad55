import { describe, expect, it } from 'vitest'
import { replyCost } from '../../src/main/services/providers/pricing'
import { meter, summarize } from '../../src/main/services/usage'
import { REPLAY_SETTINGS, replay, replayMachine, report, type ReplayKind } from './replay'
import { REPLAY_SMOKE, REPLAY_WORKLOAD } from './replayWorkload'

const NOW = Date.UTC(2026, 10, 20, 12)
const cost = (id: string, usage: { inputTokens: number; outputTokens: number }) => replyCost(id, usage, {}, NOW)?.usd ?? null
const run = () => replay(REPLAY_WORKLOAD, { machine: replayMachine(), settings: REPLAY_SETTINGS, cost, now: NOW })

describe('router.replay', () => {
  it('reports the savings the cost meter and the Usage page show for the same records', () => {
    const rows = run()
    const records = rows.map((row) => row.record)
    // The records cover what savings must count: local answers, cloud cheaper and dearer than the baseline.
    expect(records.some((record) => record.provider === 'local')).toBe(true)
    expect(records.some((record) => record.provider !== 'local' && record.costUsd < record.baselineCostUsd)).toBe(true)
    expect(records.some((record) => record.provider !== 'local' && record.costUsd > record.baselineCostUsd)).toBe(true)

    const result = report(rows, REPLAY_SETTINGS, NOW)
    const baseline = { modelId: REPLAY_SETTINGS.savingsBaselineModelId, name: 'baseline' }
    expect(result.savedUsd).toBe(meter(records, NOW, REPLAY_SETTINGS).savedMonthUsd)
    expect(result.savedUsd).toBe(summarize(records, NOW, REPLAY_SETTINGS, baseline).month.savedUsd)
    expect(result.autoUsd).toBe(meter(records, NOW, REPLAY_SETTINGS).monthUsd)
    // Saved against "all cloud" on the baseline model: nothing else.
    expect(result.savedUsd).toBeCloseTo(result.allCloudUsd - result.autoUsd, 9)
    expect(result.allLocalUsd).toBe(0)
    expect(result.autoUsd).toBeGreaterThan(0)
    expect(result.localShare).toBeGreaterThan(0)
    expect(result.localShare).toBeLessThan(1)
  })

  it('books each request at the catalog price of the model Auto chose and of the baseline', () => {
    for (const { record } of run()) {
      const usage = { inputTokens: record.inputTokens, outputTokens: record.outputTokens }
      expect(record.baselineCostUsd).toBe(cost(REPLAY_SETTINGS.savingsBaselineModelId, usage))
      expect(record.costUsd).toBe(record.provider === 'local' ? 0 : cost(record.modelId, usage))
    }
  })

  it('replays a fixed workload of at least 200 mixed requests with realistic lengths', () => {
    expect(REPLAY_WORKLOAD.length).toBeGreaterThanOrEqual(200)
    const kinds: ReplayKind[] = ['chat', 'writing', 'summary', 'coding', 'agent', 'design']
    for (const kind of kinds) {
      expect(REPLAY_WORKLOAD.filter((item) => item.kind === kind).length, kind).toBeGreaterThanOrEqual(20)
      expect(REPLAY_SMOKE.some((item) => item.kind === kind), `smoke: ${kind}`).toBe(true)
    }
    const rows = run()
    const agentTokens = rows.filter((row) => row.kind === 'agent').map((row) => row.record.inputTokens)
    expect(Math.min(...agentTokens)).toBeGreaterThan(1_000)
    expect(Math.max(...agentTokens)).toBeGreaterThan(20_000)
    // The same requests on every run: the texts and the figures do not move.
    expect(JSON.stringify(run().map((row) => row.record))).toBe(JSON.stringify(rows.map((row) => row.record)))
  })

  it('refuses a cloud model without a price rather than booking it at $0', () => {
    const unpriced = (id: string, usage: { inputTokens: number; outputTokens: number }) => (id === REPLAY_SETTINGS.savingsBaselineModelId ? cost(id, usage) : null)
    expect(() => replay(REPLAY_WORKLOAD, { machine: replayMachine(), settings: REPLAY_SETTINGS, cost: unpriced, now: NOW })).toThrow(/has no price/)
  })
})
