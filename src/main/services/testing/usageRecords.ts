import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { UsageRecord } from '../../../shared/api'
import type { UsageFields } from '../usage/ledger'

/** A plausible request's fields (tests): a local chat answer unless told otherwise. */
export function usageFields(overrides: Partial<UsageFields> = {}): UsageFields {
  return {
    conversationId: 'c1',
    messageId: 'm1',
    modelId: 'local:qwen3-8b',
    modelName: 'Qwen3 8B',
    provider: 'local',
    tier: 'local-quality',
    mode: 'auto',
    reason: 'Local · Qwen3 8B — a short chat; private and free',
    complexity: 'simple',
    taskType: 'chat',
    inputTokens: 100,
    outputTokens: 50,
    costUsd: 0,
    baselineCostUsd: 0.001,
    latencyMs: 900,
    ttftMs: 120,
    cacheHit: null,
    fallbacks: [],
    outcome: 'ok',
    confidence: 0.9,
    error: null,
    ...overrides,
  }
}

/** A whole record at a given time (pure-function tests that need no ledger). */
export function usageRecord(at: number, overrides: Partial<UsageFields> = {}): UsageRecord {
  return { id: randomUUID(), at, ...usageFields(overrides) }
}

/** A cloud request costing `costUsd`. */
export function cloudRecord(at: number, costUsd: number, overrides: Partial<UsageFields> = {}): UsageRecord {
  return usageRecord(at, {
    modelId: 'openai:gpt-6.1-terra',
    modelName: 'GPT-6.1 Terra',
    provider: 'openai',
    tier: 'cloud',
    costUsd,
    baselineCostUsd: costUsd,
    ...overrides,
  })
}

/** The ledger as it is on disk in a data folder (tests of the whole app: what a request booked). */
export function readLedger(dataDir: string): UsageRecord[] {
  return readdirSync(join(dataDir, 'usage')).flatMap((file) =>
    readFileSync(join(dataDir, 'usage', file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as UsageRecord),
  )
}
