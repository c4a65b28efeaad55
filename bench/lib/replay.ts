/**
 * The router.replay section's engine: a fixed workload decided by Auto, each request booked as the
 * chat service books it (ledger record with its cost and its baseline cost), and the totals read back
 * through the Usage page's own `summarize` — so the savings reported are the ones the cost meter shows.
 */
import { DEFAULT_SETTINGS, type Settings, type UsageRecord } from '../../src/shared/api'
import { dryRunInput } from '../../src/main/services/router/dryRun'
import { decide } from '../../src/main/services/router/policy'
import { promptTokens } from '../../src/main/services/router/tokens'
import type { PolicyInput, RouteRequest } from '../../src/main/services/router/types'
import { baselineCost, startOfMonth, summarize, type CostOf } from '../../src/main/services/usage'

/** The kinds of request in the workload (reported each with its share kept local). */
export type ReplayKind = 'chat' | 'writing' | 'summary' | 'coding' | 'agent' | 'design'

export interface ReplayRequest {
  kind: ReplayKind
  request: RouteRequest
  /** How long the reply is, in tokens (what the provider would bill). */
  outputTokens: number
}

/** Everyday requests a local ~8B model answers well: Auto should keep them on this computer. */
export const EVERYDAY: readonly ReplayKind[] = ['chat', 'writing', 'coding']

/** The settings a replay reads: the savings baseline and what summarize needs for its meter. */
export type ReplaySettings = Pick<Settings, 'savingsBaselineModelId' | 'currency' | 'currencyPerUsd' | 'dailyBudget' | 'monthlyBudget' | 'budgetWarnShare'>

/** Providers with a key on the replay's machine: a few of the catalog's, as a typical user has. */
export const REPLAY_PROVIDERS: readonly string[] = ['openai', 'anthropic', 'google']

/**
 * The replay's machine: `aura route --dry-run`'s (a ~3B and an ~8B model installed and running
 * well, default settings) with keys for REPLAY_PROVIDERS only. The budget is never reached: the
 * figures are Auto's choices, not the budget's.
 */
export function replayMachine(): Omit<PolicyInput, 'request'> {
  const { request: _request, ...machine } = dryRunInput('', {})
  return { ...machine, cloud: machine.cloud.filter((option) => REPLAY_PROVIDERS.includes(option.provider)) }
}

export interface ReplayRow {
  kind: ReplayKind
  /** The ledger record of Auto's answer. */
  record: UsageRecord
  /** What Auto's own cloud pick for this request would have cost (the first usable cloud candidate). */
  autoCloudCostUsd: number
  /** The prompt is longer than the local models can read whole. */
  tooLongForLocal: boolean
}

/**
 * Decides every request with the router's `decide` and books it as the chat service does: cost from
 * `cost` for the chosen cloud model (0 locally), baseline cost with the meter's own `baselineCost`.
 * Records are a millisecond apart from the start of `now`'s month, so they all fall in its month.
 */
export function replay(workload: readonly ReplayRequest[], options: { machine: Omit<PolicyInput, 'request'>; settings: ReplaySettings; cost: CostOf; now: number }): ReplayRow[] {
  const { machine, settings, cost } = options
  const start = startOfMonth(options.now)
  const localContext = Math.max(...machine.local.map((model) => model.contextTokens))
  const priced = (modelId: string, usage: { inputTokens: number; outputTokens: number }): number => {
    const usd = cost(modelId, usage)
    if (usd === null) throw new Error(`The replay's cloud model ${modelId} has no price: give the replay only cataloged models.`)
    return usd
  }
  return workload.map((item, index) => {
    const decision = decide({ ...machine, request: item.request })
    if (decision.tier === null || decision.modelId === null) throw new Error(`Auto found no model for request ${index + 1}: ${decision.reason}`)
    const usage = { inputTokens: promptTokens(item.request), outputTokens: item.outputTokens }
    const cloudPick = decision.candidates.find((candidate) => candidate.tier === 'cloud' && candidate.constraint === null)
    if (!cloudPick) throw new Error(`Auto had no cloud model for request ${index + 1}: the replay's machine has keys.`)
    const isCloud = decision.tier === 'cloud'
    const record: UsageRecord = {
      id: `replay-${index + 1}`,
      at: start + index,
      conversationId: null,
      messageId: null,
      modelId: decision.modelId,
      modelName: decision.modelName ?? decision.modelId,
      provider: isCloud ? (machine.cloud.find((option) => option.id === decision.modelId)?.provider ?? 'cloud') : 'local',
      tier: decision.tier,
      mode: decision.mode,
      reason: decision.reason,
      complexity: decision.complexity,
      taskType: decision.taskType,
      ...usage,
      costUsd: isCloud ? priced(decision.modelId, usage) : 0,
      baselineCostUsd: baselineCost(cost, settings.savingsBaselineModelId, usage),
      latencyMs: 0,
      ttftMs: null,
      cacheHit: null,
      fallbacks: [],
      outcome: 'ok',
      confidence: null,
      error: null,
    }
    return { kind: item.kind, record, autoCloudCostUsd: priced(cloudPick.modelId, usage), tooLongForLocal: usage.inputTokens > localContext }
  })
}

export interface ReplayReport {
  requests: number
  /** Answered on this computer, of all requests. */
  localShare: number
  /** What Auto's answers cost: the Usage page's month total. */
  autoUsd: number
  /** Every request on the savings baseline model (what the meter's savings compare with). */
  allCloudUsd: number
  /** Every request on the cloud model Auto itself would pick for it. */
  allCloudAutoPickUsd: number
  /** Everything on this computer costs nothing. */
  allLocalUsd: 0
  /** The Usage page's (and the cost meter's) savings of the same records. */
  savedUsd: number
  /** Share of everyday requests (EVERYDAY) kept local. */
  everydayLocalShare: number
  /** Share kept local by kind of request. */
  localShareByKind: Partial<Record<ReplayKind, number>>
  /** Requests longer than the local models can read whole (Auto sends those to the cloud). */
  tooLongForLocal: number
}

/** The totals of a replay, read through `summarize` (the Usage page and the cost meter). */
export function report(rows: readonly ReplayRow[], settings: ReplaySettings, now: number): ReplayReport {
  const records = rows.map((row) => row.record)
  const { month } = summarize(records, now, settings, { modelId: settings.savingsBaselineModelId, name: settings.savingsBaselineModelId })
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)
  const localShare = (of: readonly ReplayRow[]) => of.filter((row) => row.record.provider === 'local').length / of.length
  const localShareByKind: ReplayReport['localShareByKind'] = {}
  for (const kind of new Set(rows.map((row) => row.kind))) localShareByKind[kind] = localShare(rows.filter((row) => row.kind === kind))
  return {
    requests: month.requests,
    localShare: month.localRequests / month.requests,
    autoUsd: month.costUsd,
    allCloudUsd: sum(records.map((record) => record.baselineCostUsd)),
    allCloudAutoPickUsd: sum(rows.map((row) => row.autoCloudCostUsd)),
    allLocalUsd: 0,
    savedUsd: month.savedUsd,
    everydayLocalShare: localShare(rows.filter((row) => EVERYDAY.includes(row.kind))),
    localShareByKind,
    tooLongForLocal: rows.filter((row) => row.tooLongForLocal).length,
  }
}

/** The default settings' savings baseline and budget fields. */
export const REPLAY_SETTINGS: ReplaySettings = {
  savingsBaselineModelId: DEFAULT_SETTINGS.savingsBaselineModelId,
  currency: DEFAULT_SETTINGS.currency,
  currencyPerUsd: DEFAULT_SETTINGS.currencyPerUsd,
  dailyBudget: DEFAULT_SETTINGS.dailyBudget,
  monthlyBudget: DEFAULT_SETTINGS.monthlyBudget,
  budgetWarnShare: DEFAULT_SETTINGS.budgetWarnShare,
}
