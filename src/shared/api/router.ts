import { z } from 'zod'

/** The model id that lets Aura pick a model for each message. */
export const AUTO_MODEL_ID = 'auto'

export const ComplexitySchema = z.enum(['simple', 'moderate', 'complex'])
export type Complexity = z.infer<typeof ComplexitySchema>

export const TaskTypeSchema = z.enum(['chat', 'coding', 'reasoning', 'agentic', 'long_context', 'vision'])
export type TaskType = z.infer<typeof TaskTypeSchema>

/** `local-fast`: the small local model; `local-quality`: the best local model that fits; `cloud`: a cloud model with the user's key. */
export const TierSchema = z.enum(['local-fast', 'local-quality', 'cloud'])
export type Tier = z.infer<typeof TierSchema>

/** `auto`: Aura picks; `local_only`: Aura picks among local models (privacy); `model`: the user picked one. */
export const RouteModeSchema = z.enum(['auto', 'local_only', 'model'])
export type RouteMode = z.infer<typeof RouteModeSchema>

/** What the classifier saw in a request (for the decision's explanation and tests). */
export const RouteFeaturesSchema = z.record(z.string(), z.union([z.number(), z.boolean(), z.string()]))

/** Why a candidate was passed over. */
export const RouteConstraintSchema = z.enum(['local_only', 'offline', 'no_key', 'budget', 'rate_limit', 'context', 'not_installed', 'too_big', 'no_tools'])
export type RouteConstraint = z.infer<typeof RouteConstraintSchema>

export const RouteCandidateSchema = z.object({
  tier: TierSchema,
  modelId: z.string(),
  modelName: z.string(),
  /** null: it can answer. Otherwise why it was passed over, in plain words ("Local only is on"). */
  skipped: z.string().nullable(),
  constraint: RouteConstraintSchema.nullable(),
  /** USD, for cloud models with a price; 0 for local ones. */
  estimatedCostUsd: z.number().nullable(),
  /** The user's own server's name when the model runs there (not the cloud, whatever its tier). */
  server: z.string().nullable().optional(),
})
export type RouteCandidate = z.infer<typeof RouteCandidateSchema>

export const RouteDecisionSchema = z.object({
  mode: RouteModeSchema,
  complexity: ComplexitySchema,
  taskType: TaskTypeSchema,
  features: RouteFeaturesSchema,
  /** The first candidate that can answer; null when none can (`reason` says why). */
  tier: TierSchema.nullable(),
  modelId: z.string().nullable(),
  modelName: z.string().nullable(),
  /** One line in plain words: "Local · Qwen3 8B — a short coding task; private and free". */
  reason: z.string(),
  /** Every candidate in order: those that can answer first (the fallback chain), then those passed over. */
  candidates: z.array(RouteCandidateSchema),
  estimatedCostUsd: z.number().nullable(),
  /** The prompt's estimated size in tokens (the whole conversation). */
  promptTokens: z.number().int(),
})
export type RouteDecision = z.infer<typeof RouteDecisionSchema>

/** An answer that was set aside: the model failed, or its answer looked weak and a stronger one was asked. */
export const RouteAttemptSchema = z.object({
  modelId: z.string(),
  tier: TierSchema.nullable(),
  /** `escalated`: the user asked a stronger model ("Try a stronger model") while this answer stood. */
  outcome: z.enum(['failed', 'low_quality', 'escalated']),
  /** In plain words: "The local model ran out of memory", "The answer looked cut off". */
  note: z.string(),
  /** What it wrote before it was set aside (kept visible). */
  text: z.string(),
  /** The quality check's score, 0–1. */
  confidence: z.number().nullable(),
})
export type RouteAttempt = z.infer<typeof RouteAttemptSchema>

/** How a reply was routed, carried on the message and shown under it. */
export const MessageRouteSchema = z.object({
  mode: RouteModeSchema,
  tier: TierSchema.nullable(),
  complexity: ComplexitySchema.nullable(),
  taskType: TaskTypeSchema.nullable(),
  /** The one-line reason; after a fallback it says what happened ("The local model failed — answered by …"). */
  reason: z.string(),
  attempts: z.array(RouteAttemptSchema),
  /** The quality check's score of the final answer, 0–1 (null until it is done). */
  confidence: z.number().nullable(),
  cacheHit: z.boolean(),
  /** The user's own server's name when it answered (badged "Your server", not cloud). */
  server: z.string().nullable().optional(),
  /** In plain words, when the final answer looks weak ("Aura isn’t confident in this answer …"); absent when it looks fine. */
  warning: z.string().optional(),
})
export type MessageRoute = z.infer<typeof MessageRouteSchema>

// ---------------------------------------------------------------- usage

export const UsageOutcomeSchema = z.enum(['ok', 'failed', 'low_quality', 'stopped'])

/** One request to a model (local ones too), as kept in the usage ledger. */
export const UsageRecordSchema = z.object({
  id: z.string(),
  /** ms since the epoch */
  at: z.number(),
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  modelId: z.string(),
  modelName: z.string(),
  /** `local`, a ProviderId, or `server.<id>` (the user's own server: neither cloud spend nor savings). */
  provider: z.string(),
  tier: TierSchema.nullable(),
  mode: RouteModeSchema,
  reason: z.string(),
  complexity: ComplexitySchema.nullable(),
  taskType: TaskTypeSchema.nullable(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  /** costUsd was counted at a stand-in price: the model's price is unknown (absent in older lines: a known price). */
  costEstimated: z.boolean().optional(),
  /** Of inputTokens, those read from / written to the provider's prompt cache (absent: none reported). */
  cacheReadTokens: z.number().int().min(0).optional(),
  cacheWriteTokens: z.number().int().min(0).optional(),
  /** Of outputTokens, the reasoning ("thinking") tokens (absent: none reported). */
  reasoningTokens: z.number().int().min(0).optional(),
  /** What the same tokens would have cost on the savings baseline model, at the time. */
  baselineCostUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  /** null when no text came. */
  ttftMs: z.number().min(0).nullable(),
  /** How fast the reply was written, as the model measured it (absent in older lines, and for cached replies). */
  tokensPerSecond: z.number().min(0).optional(),
  /** null: the cache was not asked. */
  cacheHit: z.boolean().nullable(),
  /** Notes of the attempts set aside before this one, in order. */
  fallbacks: z.array(z.string()),
  outcome: UsageOutcomeSchema,
  confidence: z.number().nullable(),
  /** The error in plain words, when it failed. */
  error: z.string().nullable(),
  /** The app that asked through Aura's API (its key's name); absent for the chat and the CLI. */
  app: z.string().optional(),
})
export type UsageRecord = z.infer<typeof UsageRecordSchema>

export const BudgetStateSchema = z.enum(['ok', 'warning', 'exhausted'])
export type BudgetState = z.infer<typeof BudgetStateSchema>

/** The header's cost meter. Amounts in USD; `currency`/`currencyPerUsd` say how to show them. */
export const UsageMeterSchema = z.object({
  currency: z.string(),
  currencyPerUsd: z.number(),
  todayUsd: z.number(),
  monthUsd: z.number(),
  /** null: no limit. */
  dailyLimitUsd: z.number().nullable(),
  monthlyLimitUsd: z.number().nullable(),
  warnShare: z.number(),
  /** The worse of the daily and monthly budgets. */
  state: BudgetStateSchema,
  savedTodayUsd: z.number(),
  savedMonthUsd: z.number(),
})
export type UsageMeter = z.infer<typeof UsageMeterSchema>

export const UsageTotalsSchema = z.object({
  requests: z.number().int(),
  localRequests: z.number().int(),
  cloudRequests: z.number().int(),
  /** Requests to the user's own servers (free, not cloud). */
  serverRequests: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** Input + output tokens of local, cloud and your servers' requests. */
  localTokens: z.number().int(),
  cloudTokens: z.number().int(),
  serverTokens: z.number().int(),
  costUsd: z.number(),
  /** Of costUsd, what was counted at stand-in prices (models whose price is unknown). */
  estimatedUsd: z.number(),
  savedUsd: z.number(),
  /** Requests that ended in a fallback (failed or weak answers set aside). */
  fallbacks: z.number().int(),
})
export type UsageTotals = z.infer<typeof UsageTotalsSchema>

export const UsageGroupSchema = UsageTotalsSchema.extend({ key: z.string(), label: z.string() })
export type UsageGroup = z.infer<typeof UsageGroupSchema>

export const UsageDaySchema = z.object({
  /** YYYY-MM-DD, local time */
  date: z.string(),
  costUsd: z.number(),
  savedUsd: z.number(),
  localTokens: z.number().int(),
  cloudTokens: z.number().int(),
  serverTokens: z.number().int(),
  requests: z.number().int(),
})
export type UsageDay = z.infer<typeof UsageDaySchema>

export const UsageSummarySchema = z.object({
  meter: UsageMeterSchema,
  today: UsageTotalsSchema,
  month: UsageTotalsSchema,
  /** This month, largest cost first (then most tokens). */
  byModel: z.array(UsageGroupSchema),
  byProvider: z.array(UsageGroupSchema),
  byTier: z.array(UsageGroupSchema),
  /** By the app that asked through Aura's API (`app:<name>`), and Aura's own chat and CLI (`aura`). */
  byApp: z.array(UsageGroupSchema),
  /** The last 30 days, oldest first, today last. */
  days: z.array(UsageDaySchema),
  /** This month's response cache lookups and hits. */
  cache: z.object({ lookups: z.number().int(), hits: z.number().int() }),
  /** The cloud model savings are measured against. */
  baseline: z.object({ modelId: z.string(), name: z.string() }),
})
export type UsageSummary = z.infer<typeof UsageSummarySchema>

// ---------------------------------------------------------------- what Auto learned from ratings

export const RatingSchema = z.enum(['up', 'down'])
export type Rating = z.infer<typeof RatingSchema>

/** One thing Auto learned: requests of a kind and size now start one tier up. */
export const LearnedAdjustmentSchema = z.object({
  taskType: TaskTypeSchema,
  complexity: ComplexitySchema,
  from: TierSchema,
  to: TierSchema,
  /** In plain words: "Short coding questions now go to Qwen3 8B first, after 3 answers you rated down…". */
  text: z.string(),
})
export type LearnedAdjustment = z.infer<typeof LearnedAdjustmentSchema>

export const LearnedSchema = z.object({
  adjustments: z.array(LearnedAdjustmentSchema),
  /** Ratings and "Ask a stronger model" counted since the last reset. */
  signals: z.number().int().min(0),
})
export type Learned = z.infer<typeof LearnedSchema>
