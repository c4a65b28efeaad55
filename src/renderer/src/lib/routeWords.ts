import type { AuraErrorShape, Complexity, MessageRoute, TaskType, Tier } from '../api'

/** Where a reply ran, for its badge: this computer, the user's own server, or the cloud. */
export type Place = 'local' | 'server' | 'cloud'

/** "Local" for either local tier, "Cloud" for the cloud one; "Your server" whatever the tier when a server of the user's answered. */
export const tierPlace = (tier: Tier | null, server?: string | null): Place | null => {
  if (tier === null) return null
  if (server) return 'server'
  return tier === 'cloud' ? 'cloud' : 'local'
}

export const TIER_LABEL: Record<Tier, string> = {
  'local-fast': 'Local · quick',
  'local-quality': 'Local · best',
  cloud: 'Cloud',
}

/** What each tier is, in a line (the Usage page's table, the route's details); `server`: the Usage page's row of your own servers. */
export const TIER_HELP: Record<Tier | 'server', string> = {
  'local-fast': 'The small model on this computer, for quick questions',
  'local-quality': 'The best model on this computer, for harder work',
  cloud: 'A cloud model with your key, for the hardest requests',
  server: 'Your own servers (Ollama, LM Studio, vLLM…): free, not cloud spending',
}

export const COMPLEXITY_LABEL: Record<Complexity, string> = {
  simple: 'a simple request',
  moderate: 'a moderate request',
  complex: 'a complex request',
}

export const TASK_LABEL: Record<TaskType, string> = {
  chat: 'chat',
  coding: 'coding',
  reasoning: 'reasoning',
  agentic: 'tools and steps',
  long_context: 'long text',
  vision: 'images',
}

/** The reason without its leading "Local · " / "Cloud · " / "Your server · " (the badge beside it says so). */
export const reasonAfterPlace = (reason: string): string => reason.replace(/^\s*(local|cloud|your server)\s*[·:-]\s*/i, '')

/** 0.92 → "92%". */
const percent = (value: number): string => `${Math.round(value * 100)}%`

/** The route's details for its tooltip: what Aura saw, and how the answer checked out. */
export function routeDetails(route: MessageRoute): string {
  const parts: string[] = []
  if (route.complexity) parts.push(`Seen as ${COMPLEXITY_LABEL[route.complexity]}`)
  if (route.taskType) parts.push(`task: ${TASK_LABEL[route.taskType]}`)
  if (route.confidence !== null) parts.push(`answer check: ${percent(route.confidence)} confidence`)
  if (route.cacheHit) parts.push('answered from the response cache')
  if (route.mode === 'local_only') parts.push('Local only is on')
  return parts.join(' · ')
}

export const confidenceText = (confidence: number | null): string | null => (confidence === null ? null : `${percent(confidence)} confidence`)

/** Routing refusals: where in Settings their fix is. */
export type SettingsLink = { page: string; label: string }

const ROUTING: SettingsLink = { page: 'routing', label: 'Settings → Routing & Budget' }

/** The settings page that helps with a refusal (null when none does). */
export function routingHelp(error: AuraErrorShape | null | undefined): SettingsLink | null {
  switch (error?.code) {
    case 'budget_exhausted':
    case 'rate_limited':
    case 'local_only':
      return ROUTING
    case 'no_model_available':
      return { page: 'models', label: 'Settings → AI Models' }
    default:
      return null
  }
}

/** For `rate_limited`: "Try again in 40 seconds." (null without a wait). */
export function retryAfterText(error: AuraErrorShape | null | undefined): string | null {
  if (error?.code !== 'rate_limited') return null
  const seconds = (error.data as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null
  if (seconds < 90) return `Try again in ${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? '' : 's'}.`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 90) return `Try again in ${minutes} minutes.`
  return `Try again in about ${Math.round(minutes / 60)} hours.`
}
