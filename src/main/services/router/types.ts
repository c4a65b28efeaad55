import type { BudgetState, Capability, Complexity, FitLabel, RouteDecision, RouteMode, TaskType } from '../../../shared/api'
import type { Language } from '../../../shared/i18n'
import type { ChatTurn } from '../engine/inferenceEngine'
import type { CatalogModel } from '../providers/catalog'

/** What the policy reads of a request: the new message and the turns before it. */
export interface RouteRequest {
  /** The message to answer (the last user message). */
  text: string
  /** The turns before it (system, user, assistant), oldest first. */
  history: ChatTurn[]
  /** Turns after it, sent to the model but not judged: an API client's tool calls and their results. */
  after?: ChatTurn[]
  /** The request offers tools the model should be able to call: only models that can are picked. */
  needsTools?: boolean
  /** How many images are attached to the message (mentioned in its words or not); none when absent. */
  images?: number
}

export interface Classification {
  complexity: Complexity
  taskType: TaskType
  /** How sure the classifier is of `complexity`: its probability under the fitted model (0–1). */
  confidence: number
  /** What the classifier saw (word count, code, keywords…), for explanations and tests. */
  features: Record<string, number | boolean | string>
}

/**
 * Limits of whoever asks, on top of the user's settings (an app's key through the API): Local only
 * and the state of its own budget. They only ever narrow what the settings allow.
 */
export interface RouteScope {
  localOnly?: boolean
  budget?: BudgetState
  /** The only models Auto may pick (local ids, cloud and server ids); absent: any. */
  models?: ReadonlySet<string>
  /** The language Auto's reasons are said in: English for an app through the API; absent: the user's. */
  language?: Language
}

/** An installed local model the policy may pick. */
export interface LocalOption {
  id: string
  name: string
  /** Parameter count when known. */
  parameters: number | null
  sizeBytes: number
  /** The context it can read here: min(settings' context size, the model's trained context). */
  contextTokens: number
  /** How it fits this computer; null when unknown. `too_big` models are passed over. */
  fit: FitLabel | null
  /** It can call tools (it has a chat template: see engine/tools.ts); default true. */
  tools?: boolean
}

/** How strong a cloud model is, in the provider's own lineup. */
export type CloudStrength = CatalogModel['strength']

/** A cloud model the policy may pick (its provider has a key). */
export interface CloudOption {
  id: string
  name: string
  /** ProviderId or `server.<id>` */
  provider: string
  strength: CloudStrength
  capabilities: Capability[]
  contextWindow: number | null
  /** USD per million tokens; null when unknown. */
  price: { inputPerMTokens: number; outputPerMTokens: number } | null
  /** On the user's own server (not the cloud): its name, and whether Local only may use it (see `staysPrivate`). */
  server?: { name: string; staysPrivate: boolean } | null
}

export interface PolicyInput {
  request: RouteRequest
  /** `auto` (Aura picks), `local_only` (Aura picks among local models), `model` (the user picked `modelId`). */
  mode: RouteMode
  /** With mode `model`: the picked model (local id or cloud id). */
  modelId?: string
  /** The reply length limit (tokens). */
  maxTokens: number
  /** Moderate requests go to the cloud first. */
  preferQuality: boolean
  /** Installed, usable local models (damaged ones left out). */
  local: LocalOption[]
  /** The user's picks for the local tiers; null = smallest / best that fits. */
  fastModelId: string | null
  qualityModelId: string | null
  /** A server model the user put in a local tier: tried first for that tier, the local model after it. */
  tierServers?: { fast: CloudOption | null; quality: CloudOption | null }
  /** Cloud models whose provider has a key (and a server model the user picked). */
  cloud: CloudOption[]
  /** The user's pick for the cloud tier; null = chosen by the task. */
  autoCloudModelId: string | null
  conditions: {
    /** The last cloud request could not reach the internet (or the dry run says so). */
    offline: boolean
    budget: BudgetState
    /** Providers whose request limit (per minute or per day) is reached. */
    rateLimited: ReadonlySet<string>
  }
  /**
   * What Auto learned from the user's ratings: `taskType:complexity` pairs whose requests start one
   * tier up (feedback/learner.ts). Local only, the budget and the other limits still apply.
   */
  learned?: ReadonlySet<string>
  /** How a cost reads in the one-line reason (the user's currency); default US dollars. */
  formatCost?: (usd: number) => string
  /** The language of the reason and the passed-over words; default the user's (docs/languages.md). */
  language?: Language
}

/** `decide(input)` in policy.ts: pure, fast (≥ 10,000 decisions/s), explainable. */
export type Decide = (input: PolicyInput) => RouteDecision
