/**
 * The routing policy: a pure function from what is installed, keyed and allowed to an ordered list
 * of candidates with a one-line reason. Candidates that can answer come first (the fallback chain),
 * then those passed over, each with why — so the user can read exactly what Auto did.
 */
import type { Complexity, RouteCandidate, RouteConstraint, TaskType, Tier } from '../../../shared/api'
import { currentLanguage, lowerFirst, say, type Language, type MessageKey, type Vars } from '../../../shared/i18n'
import { classify } from './classify'
import type { Classification, CloudOption, Decide, LocalOption, PolicyInput } from './types'

/** Tokens kept free for the reply when checking that a prompt fits a model's window. */
const REPLY_RESERVE_TOKENS = 1024
/** The reply length a request of each size usually gets, for cost estimates. */
const EXPECTED_OUTPUT_TOKENS: Record<Complexity, number> = { simple: 200, moderate: 800, complex: 2000 }

/** What a candidate is before it becomes a RouteCandidate. */
interface Option {
  tier: Tier
  id: string
  name: string
  costUsd: number | null
  constraint: RouteConstraint | null
  /** The user's own server's name when the model runs there. */
  server?: string
}

/** US dollars with enough digits that a fraction of a cent still shows. */
const usd = (amount: number): string => `$${amount.toFixed(amount > 0 && amount < 0.01 ? 4 : 2)}`

// ---------------------------------------------------------------- local tiers

const weight = (model: LocalOption): number => model.parameters ?? model.sizeBytes
/** runs_well (or unknown) beats runs_slowly; too_big is last. */
const fitRank = (model: LocalOption): number => (model.fit === 'too_big' ? 2 : model.fit === 'runs_slowly' ? 1 : 0)

/** The small fast model and the best model that fits; the same model when only one is installed. */
export function localTiers(input: Pick<PolicyInput, 'local' | 'fastModelId' | 'qualityModelId'>): { fast: LocalOption | null; quality: LocalOption | null } {
  const { local } = input
  const fits = local.filter((model) => model.fit !== 'too_big')
  const pickedFast = local.find((model) => model.id === input.fastModelId)
  const pickedQuality = local.find((model) => model.id === input.qualityModelId)
  // The smallest model that fits; when none fits, the smallest one (it is shown as too big).
  let fast: LocalOption | null = null
  for (const model of fits.length > 0 ? fits : local) if (fast === null || weight(model) < weight(fast)) fast = model
  // The largest that runs well (or of unknown fit), else the largest that runs slowly.
  let quality: LocalOption | null = null
  for (const model of fits) {
    if (quality === null || fitRank(model) < fitRank(quality) || (fitRank(model) === fitRank(quality) && weight(model) > weight(quality))) quality = model
  }
  return { fast: pickedFast ?? fast, quality: pickedQuality ?? quality }
}

// ---------------------------------------------------------------- cloud tier

const CAPABILITY_FOR: Partial<Record<TaskType, CloudOption['capabilities'][number]>> = {
  coding: 'coding',
  reasoning: 'reasoning',
  vision: 'vision',
  agentic: 'tools',
}
const STRENGTH_FOR: Record<Complexity, readonly CloudOption['strength'][]> = {
  complex: ['frontier'],
  moderate: ['balanced'],
  simple: ['fast', 'balanced'],
}

function cloudCost(option: CloudOption, inputTokens: number, outputTokens: number): number | null {
  if (option.price === null) return null
  return (inputTokens * option.price.inputPerMTokens + outputTokens * option.price.outputPerMTokens) / 1_000_000
}

/**
 * Cloud models in the order Auto would try them for this task: the right strength with the needed
 * capability first, then the right strength, then the capability, then anything; cheapest first within
 * each; for images the capability outranks the strength (a model that cannot see is no answer).
 */
function rankCloud(cloud: readonly CloudOption[], classification: Classification, costs: Map<CloudOption, number | null>, needsTools: boolean): CloudOption[] {
  const capability = needsTools ? 'tools' : CAPABILITY_FOR[classification.taskType]
  const strengths = STRENGTH_FOR[classification.complexity]
  const visionFirst = classification.taskType === 'vision'
  const group = (option: CloudOption): number => {
    const strong = strengths.includes(option.strength)
    const capable = capability === undefined || option.capabilities.includes(capability)
    if (strong && capable) return 0
    if (visionFirst) return capable ? 1 : strong ? 2 : 3
    return strong ? 1 : capable ? 2 : 3
  }
  // Sort keys computed once per model, not once per comparison.
  const keyed = cloud.map((option) => ({ option, group: group(option), cost: costs.get(option) ?? Number.POSITIVE_INFINITY }))
  keyed.sort((a, b) => a.group - b.group || a.cost - b.cost)
  return keyed.map((entry) => entry.option)
}

// ---------------------------------------------------------------- the decision

/** Whole-cloud blocks, in the order the reason mentions them. */
function cloudBlock(input: PolicyInput): RouteConstraint | null {
  if (input.mode === 'local_only') return 'local_only'
  if (input.conditions.offline) return 'offline'
  if (input.conditions.budget === 'exhausted') return 'budget'
  return null
}

const SKIPPED: Record<RouteConstraint, MessageKey> = {
  local_only: 'route.skippedLocalOnly',
  offline: 'route.skippedOffline',
  no_key: 'route.skippedNoKey',
  budget: 'route.skippedBudget',
  rate_limit: 'route.skippedRateLimit',
  context: 'route.skippedContext',
  not_installed: 'route.skippedNotInstalled',
  too_big: 'route.skippedTooBig',
  no_tools: 'route.skippedNoTools',
}

function toCandidate(option: Option, language: Language): RouteCandidate {
  return {
    tier: option.tier,
    modelId: option.id,
    modelName: option.name,
    skipped: option.constraint === null ? null : say(SKIPPED[option.constraint], {}, language),
    constraint: option.constraint,
    estimatedCostUsd: option.costUsd,
    ...(option.server !== undefined && { server: option.server }),
  }
}

/** A local model may answer a request that needs tools only when it can call them. */
const canAnswer = (model: LocalOption, input: PolicyInput): boolean => input.request.needsTools !== true || model.tools !== false

function localOption(model: LocalOption, tier: Tier, needTokens: number, input: PolicyInput): Option {
  let constraint: RouteConstraint | null = null
  if (!canAnswer(model, input)) constraint = 'no_tools'
  else if (model.fit === 'too_big') constraint = 'too_big'
  else if (needTokens > model.contextTokens) constraint = 'context'
  return { tier, id: model.id, name: model.name, costUsd: 0, constraint }
}

/**
 * A model on the user's own server, in a local tier: not cloud, so neither offline (it may be on this
 * computer or the home network) nor the budget stops it; Local only does unless it stays private.
 */
function serverOption(model: CloudOption & { server: object }, tier: Tier, cost: number | null, needTokens: number, input: PolicyInput): Option {
  let constraint: RouteConstraint | null = null
  if (input.mode === 'local_only' && !model.server.staysPrivate) constraint = 'local_only'
  else if (input.conditions.rateLimited.has(model.provider)) constraint = 'rate_limit'
  else if (model.contextWindow !== null && needTokens > model.contextWindow) constraint = 'context'
  return { tier, id: model.id, name: model.name, costUsd: cost, constraint, server: model.server.name }
}

function cloudOption(model: CloudOption, cost: number | null, needTokens: number, input: PolicyInput): Option {
  // A server the user picked counts as the best local tier: it is theirs, not the cloud.
  if (model.server) return serverOption({ ...model, server: model.server }, 'local-quality', cost, needTokens, input)
  let constraint: RouteConstraint | null = cloudBlock(input)
  if (constraint === null && input.conditions.rateLimited.has(model.provider)) constraint = 'rate_limit'
  if (constraint === null && model.contextWindow !== null && needTokens > model.contextWindow) constraint = 'context'
  return { tier: 'cloud', id: model.id, name: model.name, costUsd: cost, constraint }
}

/**
 * The cloud candidates: the best usable model of up to `wanted` providers, then the better-ranked
 * models passed over on the way (one per provider), so the list says why they were not asked. When
 * the whole cloud is off (Local only, offline, budget) the models Auto would have asked, each skipped.
 */
function cloudCandidates(ranked: readonly CloudOption[], costs: Map<CloudOption, number | null>, wanted: number, needTokens: number, input: PolicyInput): Option[] {
  const usable: Option[] = []
  const skipped: Option[] = []
  const usedProviders = new Set<string>()
  const skippedProviders = new Set<string>()
  for (const model of ranked) {
    if (usable.length >= wanted) break
    if (usedProviders.has(model.provider)) continue
    const option = cloudOption(model, costs.get(model) ?? null, needTokens, input)
    if (option.constraint === null) {
      usable.push(option)
      usedProviders.add(model.provider)
    } else if (option.constraint === 'local_only' || option.constraint === 'offline' || option.constraint === 'budget') {
      // The whole cloud is off: the models Auto would have asked, each marked why not.
      skipped.push(option)
      usedProviders.add(model.provider)
      if (skipped.length >= wanted) break
    } else if (!skippedProviders.has(model.provider) && skipped.length < wanted) {
      skipped.push(option)
      skippedProviders.add(model.provider)
    }
  }
  return [...usable, ...skipped]
}

/** The tiers in the order this task wants them; `stepUp` (learned from ratings) starts one tier higher. */
function tierOrder(classification: Classification, preferQuality: boolean, localCanSee: boolean, stepUp: boolean): readonly ('fast' | 'quality' | 'cloud')[] {
  if (classification.taskType === 'vision' && !localCanSee) {
    return classification.complexity === 'simple' ? ['cloud', 'fast', 'quality'] : ['cloud', 'quality', 'fast']
  }
  const complexity = stepUp ? NEXT_SIZE[classification.complexity] : classification.complexity
  if (complexity === 'simple') return ['fast', 'quality', 'cloud']
  if (complexity === 'moderate') return preferQuality ? ['cloud', 'quality', 'fast'] : ['quality', 'fast', 'cloud']
  return ['cloud', 'quality', 'fast']
}

const NEXT_SIZE: Record<Complexity, Complexity> = { simple: 'moderate', moderate: 'complex', complex: 'complex' }

/** Whether the user's ratings moved this kind of request up a tier. */
const learnedStepUp = (input: PolicyInput, classification: Classification): boolean => input.learned?.has(`${classification.taskType}:${classification.complexity}`) === true

export const decide: Decide = (input) => {
  const classification = classify(input.request)
  const promptTokens = classification.features.promptTokens as number
  const needTokens = promptTokens + Math.min(input.maxTokens, REPLY_RESERVE_TOKENS)
  const outputTokens = Math.min(EXPECTED_OUTPUT_TOKENS[classification.complexity], input.maxTokens)
  const costs = new Map<CloudOption, number | null>()
  const tierServers = [input.tierServers?.fast, input.tierServers?.quality].filter((model): model is CloudOption => model != null)
  for (const model of [...input.cloud, ...tierServers]) costs.set(model, cloudCost(model, promptTokens, outputTokens))

  // A pick under Local only still counts: a local pick answers, a cloud pick is skipped for the local models.
  const picked = input.mode === 'model' || (input.mode === 'local_only' && input.modelId !== undefined)
  const stepUp = !picked && learnedStepUp(input, classification)
  const options = readAnyway(picked ? pickedModelOptions(input, costs, needTokens) : autoOptions(input, classification, costs, needTokens, stepUp))
  const usable = options.filter((option) => option.constraint === null)
  const passed = options.filter((option) => option.constraint !== null)
  const chosen = usable[0] ?? null
  // Whether the learned step changed the answering model (under Local only or the budget it may not).
  const moved = stepUp && chosen !== null && readAnyway(autoOptions(input, classification, costs, needTokens, false)).find((option) => option.constraint === null)?.id !== chosen.id
  // Said as it is made, in the reader's language: it is kept on the message (docs/languages.md).
  const language = input.language ?? currentLanguage()
  const reason = explain(input, classification, chosen, options, promptTokens, language)
  return {
    mode: input.mode,
    complexity: classification.complexity,
    taskType: classification.taskType,
    features: classification.features,
    tier: chosen?.tier ?? null,
    modelId: chosen?.id ?? null,
    modelName: chosen?.name ?? null,
    reason: moved ? say('route.learned', { reason }, language) : reason,
    candidates: [...usable, ...passed].map((option) => toCandidate(option, language)),
    estimatedCostUsd: chosen === null ? null : chosen.costUsd,
    promptTokens,
  }
}

/**
 * When nothing can read it all, a local model still answers from the most recent turns (the
 * engine shifts its context): a long chat never stops working for want of a larger window.
 */
function readAnyway(options: Option[]): Option[] {
  if (!options.some((option) => option.constraint === null)) {
    // Not a server's model: its window is the server's own, the engine's shift does not apply there.
    for (const option of options) if (option.constraint === 'context' && option.tier !== 'cloud' && option.server === undefined) option.constraint = null
  }
  return options
}

function autoOptions(input: PolicyInput, classification: Classification, costs: Map<CloudOption, number | null>, needTokens: number, stepUp: boolean): Option[] {
  // The tiers are picked among the models that can answer (those that can call tools, when needed).
  const capable = input.local.filter((model) => canAnswer(model, input))
  const { fast, quality } = localTiers({ ...input, local: capable })
  const wantedCloud = classification.complexity === 'complex' ? 2 : 1
  // Local models are not known to read images (LocalOption carries no capabilities).
  const order = tierOrder(classification, input.preferQuality, false, stepUp)
  const out: Option[] = []
  for (const tier of order) {
    if (tier === 'cloud') {
      if (input.cloud.length === 0) {
        // No key: the tier cannot have a real candidate; a stand-in says why in the list.
        if (input.mode !== 'local_only') out.push({ tier: 'cloud', id: '', name: 'a cloud model', costUsd: null, constraint: 'no_key' })
        continue
      }
      const ranked = rankCloud(input.cloud, classification, costs, input.request.needsTools === true)
      // The user's own pick for the cloud tier goes first when it is available.
      const pickIndex = input.autoCloudModelId === null ? -1 : ranked.findIndex((model) => model.id === input.autoCloudModelId)
      if (pickIndex > 0) ranked.unshift(...ranked.splice(pickIndex, 1))
      out.push(...cloudCandidates(ranked, costs, wantedCloud, needTokens, input))
    } else {
      const tierName = tier === 'fast' ? 'local-fast' : 'local-quality'
      // The user's server in this tier goes first; the local model follows it as the fallback.
      const server = tier === 'fast' ? input.tierServers?.fast : input.tierServers?.quality
      if (server?.server && !out.some((option) => option.id === server.id)) {
        out.push(serverOption({ ...server, server: server.server }, tierName, costs.get(server) ?? null, needTokens, input))
      }
      const model = tier === 'fast' ? fast : quality
      if (model === null) continue
      if (out.some((option) => option.id === model.id && option.tier !== 'cloud')) continue
      out.push(localOption(model, tierName, needTokens, input))
    }
  }
  // None can call tools: the one Auto would have asked otherwise says so in the list.
  if (capable.length === 0 && input.local.length > 0) {
    const { quality: usual } = localTiers(input)
    if (usual) out.push(localOption(usual, 'local-quality', needTokens, input))
  }
  // No local model: a stand-in (id '') says so in the list, as the no-key one does for the cloud.
  if (input.local.length === 0) out.push({ tier: 'local-fast', id: '', name: 'a local model', costUsd: 0, constraint: 'not_installed' })
  return out
}

/** The user picked a model: that one; for a blocked cloud model, the local models follow. */
function pickedModelOptions(input: PolicyInput, costs: Map<CloudOption, number | null>, needTokens: number): Option[] {
  const id = input.modelId ?? ''
  const local = input.local.find((model) => model.id === id)
  if (local) {
    const { fast, quality } = localTiers(input)
    return [localOption(local, fast?.id === local.id && quality?.id !== local.id ? 'local-fast' : 'local-quality', needTokens, input)]
  }
  const cloud = input.cloud.find((model) => model.id === id)
  if (!cloud) return []
  const picked = cloudOption(cloud, costs.get(cloud) ?? null, needTokens, input)
  if (picked.constraint === null) return [picked]
  const { fast, quality } = localTiers(input)
  const out = [picked]
  if (quality) out.push(localOption(quality, 'local-quality', needTokens, input))
  if (fast && fast.id !== quality?.id) out.push(localOption(fast, 'local-fast', needTokens, input))
  return out
}

// ---------------------------------------------------------------- the one-line reason

/** The task in a few words: its kind, and its size when that is worth saying. */
function describeTask(classification: Classification): MessageKey {
  const { complexity, taskType, features } = classification
  if (features.complexityRule === 'greeting') return 'route.taskGreeting'
  const size = complexity === 'simple' ? 'Short' : complexity === 'complex' ? 'Complex' : ''
  const groups = String(features.groups ?? '')
  switch (taskType) {
    case 'coding':
      return groups.includes('architecture') ? `route.taskDesign${size}` : `route.taskCoding${size}`
    case 'reasoning':
      return groups.includes('proof') ? 'route.taskProof' : groups.includes('architecture') ? `route.taskDesign${size}` : `route.taskReasoning${size}`
    case 'agentic':
      return complexity === 'complex' ? 'route.taskManySteps' : `route.taskActions${size as '' | 'Short'}`
    case 'long_context':
      return (features.historyTokens as number) > (features.textTokens as number) ? 'route.taskLongConversation' : 'route.taskLongText'
    case 'vision':
      return `route.taskImage${size}`
    default:
      return size === '' ? 'route.taskEveryday' : `route.taskQuestion${size}`
  }
}

const WHY_LOCAL: Partial<Record<RouteConstraint, MessageKey>> = {
  local_only: 'route.localLocalOnly',
  offline: 'route.localOffline',
  budget: 'route.localBudget',
  rate_limit: 'route.localRateLimit',
  no_key: 'route.localNoKey',
  context: 'route.localContext',
}

function explain(input: PolicyInput, classification: Classification, chosen: Option | null, options: readonly Option[], promptTokens: number, language: Language): string {
  const formatCost = input.formatCost ?? usd
  const said = (key: MessageKey, vars?: Vars) => say(key, vars, language)
  if (chosen === null) return said('route.none', { why: whyNone(input, options, promptTokens, language) })
  const head = said(chosen.server !== undefined ? 'route.headServer' : chosen.tier === 'cloud' ? 'route.headCloud' : 'route.headLocal', { name: chosen.name })
  const free = said(chosen.server !== undefined ? 'route.freeServer' : 'route.free')
  const cost = chosen.costUsd === null ? said('route.priceUnknown') : said('route.about', { cost: formatCost(chosen.costUsd) })

  if (input.mode === 'model' || (input.mode === 'local_only' && input.modelId !== undefined)) {
    const picked = options[0]
    if (picked && picked !== chosen && picked.constraint !== null) {
      const why = picked.constraint === 'budget' ? said('route.budgetReached') : WHY_LOCAL[picked.constraint] ? said(WHY_LOCAL[picked.constraint]!) : lowerFirst(said(SKIPPED[picked.constraint]))
      return said('route.instead', { head, why, model: picked.name })
    }
    return said('route.picked', { head, how: chosen.tier === 'cloud' ? cost : free })
  }

  // Only a model that can call tools was asked: the reason says why this one.
  const kind = said(describeTask(classification))
  const task = input.request.needsTools === true ? said('route.withTools', { task: kind }) : kind
  const before = options.slice(0, options.indexOf(chosen))
  if (chosen.tier === 'cloud') {
    const why = whyCloud(input, classification, before, options)
    return why === null ? said('route.lineCost', { head, task, cost }) : said('route.lineWhyCost', { head, task, why: said(why.key, why.vars), cost })
  }
  // A local answer: say why when the cloud was wanted first but passed over.
  const cloudPassed = before.find((option) => option.tier === 'cloud' && option.constraint !== null)
  const line = (why: string) => said('route.line', { head, task, why })
  if (cloudPassed?.constraint) return line(said(WHY_LOCAL[cloudPassed.constraint] ?? SKIPPED[cloudPassed.constraint]))
  if (chosen.server !== undefined) return line(free)
  if (input.mode === 'local_only' && classification.complexity !== 'simple') return line(said('route.localLocalOnly'))
  if (input.conditions.offline && input.mode === 'auto') return line(said('route.localOffline'))
  return line(free)
}

/** Why a cloud model answers when a local one might have: null when the task simply wants the cloud. */
function whyCloud(input: PolicyInput, classification: Classification, before: readonly Option[], options: readonly Option[]): { key: MessageKey; vars?: Vars } | null {
  if (input.local.length === 0) return { key: 'route.cloudNoLocal' }
  const localPassed = before.find((option) => option.tier !== 'cloud')
  if (localPassed?.constraint === 'context') return { key: 'route.cloudTooLong' }
  if (localPassed?.constraint === 'too_big') return { key: 'route.cloudTooBig' }
  if (localPassed?.constraint === 'no_tools' || (!localPassed && options.some((option) => option.constraint === 'no_tools'))) return { key: 'route.cloudNoTools' }
  if (classification.taskType === 'vision') return { key: 'route.cloudNoImages' }
  const limited = options.find((option) => option.tier === 'cloud' && option.constraint === 'rate_limit')
  if (limited) return { key: 'route.cloudLimited', vars: { model: limited.name } }
  return null
}

function whyNone(input: PolicyInput, options: readonly Option[], promptTokens: number, language: Language): string {
  const said = (key: MessageKey, vars?: Vars) => say(key, vars, language)
  if (input.mode === 'model' || (input.mode === 'local_only' && input.modelId !== undefined)) {
    const picked = options[0]
    if (!picked) return said('route.nonePickedGone')
    if (picked.constraint === 'context') return said('route.nonePickedTooLong', { model: picked.name, tokens: promptTokens.toLocaleString(language) })
    if (picked.constraint === 'local_only' && picked.server !== undefined) return said('route.nonePickedServer', { server: picked.server })
    if (picked.constraint === 'too_big') return said('route.nonePickedTooBig', { model: picked.name })
    if (picked.constraint === 'no_tools') return said('route.nonePickedNoTools', { model: picked.name })
  }
  const constraints = new Set(options.map((option) => option.constraint))
  const noLocal = input.local.length === 0
  if (noLocal && input.mode === 'local_only') return said('route.noneLocalOnly')
  if (constraints.has('no_tools') && input.mode === 'local_only') return said('route.noneLocalOnlyTools')
  if (noLocal && input.conditions.offline) return said('route.noneOffline')
  if (noLocal && input.conditions.budget === 'exhausted') return said('route.noneBudget')
  if (noLocal && input.cloud.length === 0) return said('route.noneNothing')
  if (constraints.has('context') && !constraints.has('too_big')) return said('route.noneTooLong')
  if (constraints.has('too_big')) return said('route.noneTooBig')
  if (constraints.has('rate_limit')) return said('route.noneRateLimit')
  if (constraints.has('no_tools')) return said('route.noneNoTools')
  return said('route.noneInstall')
}
