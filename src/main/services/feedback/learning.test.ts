/**
 * The measurement: a replayed sequence of feedback moves the decisions it should and no others.
 * Every labelled prompt is decided before and after the replay, through a real store on disk, and
 * the changed decisions must be exactly those of the (task type, size) the feedback was about.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Complexity, RouteDecision, TaskType, Tier } from '../../../shared/api'
import { HELD_OUT_PROMPTS, LABELLED_PROMPTS } from '../router/labelledPrompts'
import { decide } from '../router/policy'
import type { CloudOption, LocalOption, PolicyInput } from '../router/types'
import { FeedbackStore } from './feedbackStore'
import { HALF_LIFE_DAYS, SHIFT_AT, type FeedbackSignal } from './learner'

const fast: LocalOption = { id: 'qwen3-1.7b', name: 'Qwen3 1.7B', parameters: 1.7e9, sizeBytes: 1.1e9, contextTokens: 32_768, fit: 'runs_well' }
const quality: LocalOption = { id: 'qwen3-8b', name: 'Qwen3 8B', parameters: 8.2e9, sizeBytes: 5.0e9, contextTokens: 32_768, fit: 'runs_well' }
const cloud: CloudOption[] = [
  { id: 'openai:terra', name: 'GPT Terra', provider: 'openai', strength: 'balanced', capabilities: ['chat', 'coding', 'reasoning', 'tools', 'vision'], contextWindow: 1_000_000, price: { inputPerMTokens: 1, outputPerMTokens: 5 } },
  { id: 'openai:sol', name: 'GPT Sol', provider: 'openai', strength: 'frontier', capabilities: ['chat', 'coding', 'reasoning', 'tools', 'vision'], contextWindow: 1_000_000, price: { inputPerMTokens: 2, outputPerMTokens: 10 } },
]
const PROBES = [...LABELLED_PROMPTS, ...HELD_OUT_PROMPTS]
const DAY_MS = 86_400_000

let dir: string
let now: number
let store: FeedbackStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aura-feedback-'))
  now = Date.UTC(2026, 0, 1)
  store = new FeedbackStore(join(dir, 'feedback.json'), { now: () => now })
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function decideAll(learned: ReadonlySet<string>, overrides: Partial<PolicyInput> = {}, budget: PolicyInput['conditions']['budget'] = 'ok'): RouteDecision[] {
  return PROBES.map((prompt) =>
    decide({
      request: { text: prompt.text, history: prompt.history ?? [] },
      mode: 'auto',
      maxTokens: 1024,
      preferQuality: false,
      local: [fast, quality],
      fastModelId: null,
      qualityModelId: null,
      cloud,
      autoCloudModelId: null,
      conditions: { offline: false, budget, rateLimited: new Set() },
      learned,
      ...overrides,
    }),
  )
}

/** The probes whose answering model changed, as `taskType:complexity from → to`. */
function moves(before: RouteDecision[], after: RouteDecision[]): string[] {
  return before.flatMap((decision, index) => (decision.modelId === after[index]!.modelId ? [] : [`${decision.taskType}:${decision.complexity} ${decision.tier} → ${after[index]!.tier}`]))
}

const signal = (kind: FeedbackSignal['kind'], taskType: TaskType, complexity: Complexity, tier: Tier): FeedbackSignal => ({ kind, taskType, complexity, tier, modelId: null })
function replay(signals: FeedbackSignal[], spacingMs = 60_000): void {
  for (const one of signals) {
    store.record(one)
    now += spacingMs
  }
}

describe('what Auto learns from ratings', () => {
  const baseline = decideAll(new Set())
  const count = (taskType: TaskType, complexity: Complexity) => baseline.filter((d) => d.taskType === taskType && d.complexity === complexity).length

  it('has probes of the kind the feedback is about and of every other kind', () => {
    expect(count('coding', 'moderate')).toBeGreaterThan(0)
    expect(count('coding', 'simple')).toBeGreaterThan(0)
    expect(new Set(baseline.map((d) => d.taskType)).size).toBeGreaterThanOrEqual(5)
  })

  it('5 👎 on local answers to medium coding requests send those, and only those, to the cloud first', () => {
    replay(Array.from({ length: 5 }, () => signal('down', 'coding', 'moderate', 'local-quality')))
    const after = decideAll(store.shifts())
    const moved = moves(baseline, after)
    expect(moved.length).toBe(count('coding', 'moderate'))
    expect(new Set(moved)).toEqual(new Set(['coding:moderate local-quality → cloud']))
    const reasons = after.filter((d) => d.taskType === 'coding' && d.complexity === 'moderate').map((d) => d.reason)
    expect(reasons.every((reason) => reason.endsWith('one tier up, learned from your ratings'))).toBe(true)
  })

  it('👎 on short coding answers from the small model move short coding requests to the larger local model, nothing else', () => {
    replay([signal('down', 'coding', 'simple', 'local-fast'), signal('escalated', 'coding', 'simple', 'local-fast'), signal('down', 'coding', 'simple', 'local-fast')])
    const moved = moves(baseline, decideAll(store.shifts()))
    expect(moved.length).toBe(count('coding', 'simple'))
    expect(new Set(moved)).toEqual(new Set(['coding:simple local-fast → local-quality']))
  })

  it('moves nothing before the minimum count, for 👎 on cloud answers, or when 👍 outweigh 👎', () => {
    replay(Array.from({ length: SHIFT_AT - 1 }, () => signal('down', 'coding', 'moderate', 'local-quality')))
    replay(Array.from({ length: 9 }, () => signal('down', 'chat', 'moderate', 'cloud')))
    replay((['up', 'down', 'up', 'down', 'down', 'up', 'down'] as const).map((kind) => signal(kind, 'reasoning', 'simple', 'local-fast')))
    expect(moves(baseline, decideAll(store.shifts()))).toEqual([])
  })

  it('a rating taken back counts for nothing', () => {
    replay(Array.from({ length: 3 }, () => signal('down', 'agentic', 'moderate', 'local-quality')))
    expect(store.shifts()).toEqual(new Set(['agentic:moderate']))
    store.record({ ...signal('down', 'agentic', 'moderate', 'local-quality'), retract: true })
    expect(store.shifts()).toEqual(new Set())
  })

  it('3 👎 spread over weeks are not a pattern', () => {
    replay(Array.from({ length: 3 }, () => signal('down', 'coding', 'moderate', 'local-quality')), 10 * DAY_MS)
    expect(store.shifts()).toEqual(new Set())
  })

  it('wears off: weeks without new 👎 bring the cheaper tier back', () => {
    replay(Array.from({ length: 5 }, () => signal('down', 'coding', 'moderate', 'local-quality')))
    now += 2 * HALF_LIFE_DAYS * DAY_MS
    expect(store.shifts().size).toBe(1)
    now += 2 * HALF_LIFE_DAYS * DAY_MS
    expect(moves(baseline, decideAll(store.shifts()))).toEqual([])
  })

  it('Local only and the budget still rule: a learned step never sends a request to the cloud they keep local', () => {
    replay(Array.from({ length: 5 }, () => signal('down', 'coding', 'moderate', 'local-quality')))
    for (const [overrides, budget] of [[{ mode: 'local_only' as const }, 'ok'], [{}, 'exhausted']] as const) {
      const without = decideAll(new Set(), overrides, budget)
      const withLearned = decideAll(store.shifts(), overrides, budget)
      expect(moves(without, withLearned)).toEqual([])
      expect(withLearned.filter((d) => d.taskType === 'coding' && d.complexity === 'moderate').every((d) => d.tier !== 'cloud')).toBe(true)
    }
  })

  it('Reset restores every decision, and the file is private', () => {
    replay([...Array.from({ length: 5 }, () => signal('down', 'coding', 'moderate', 'local-quality')), ...Array.from({ length: 4 }, () => signal('escalated', 'chat', 'simple', 'local-fast'))])
    if (process.platform !== 'win32') expect(statSync(join(dir, 'feedback.json')).mode & 0o777).toBe(0o600)
    expect(moves(baseline, decideAll(store.shifts())).length).toBe(count('coding', 'moderate') + count('chat', 'simple'))
    store.reset()
    expect(decideAll(store.shifts())).toEqual(baseline)
    // Another process's store on the same file sees the reset too.
    expect(new FeedbackStore(join(dir, 'feedback.json'), { now: () => now }).shifts()).toEqual(new Set())
  })
})
