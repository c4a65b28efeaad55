import type { AuraErrorShape, Complexity, MessageRoute, TaskType, Tier } from '../api'
import { i18n, locale } from '../i18n'

/**
 * Words looked up each time one is read, so a table kept in a constant still follows the language
 * on screen (the component showing them re-renders on a change through useTranslation).
 */
function live<K extends string>(words: Record<K, () => string>): Readonly<Record<K, string>> {
  const table = {} as Record<K, string>
  for (const [key, get] of Object.entries(words) as [K, () => string][]) Object.defineProperty(table, key, { get, enumerable: true })
  return table
}

/** Where a reply ran, for its badge: this computer, the user's own server, or the cloud. */
export type Place = 'local' | 'server' | 'cloud'

/** "Local" for either local tier, "Cloud" for the cloud one; "Your server" whatever the tier when a server of the user's answered. */
export const tierPlace = (tier: Tier | null, server?: string | null): Place | null => {
  if (tier === null) return null
  if (server) return 'server'
  return tier === 'cloud' ? 'cloud' : 'local'
}

export const TIER_LABEL = live<Tier>({
  'local-fast': () => i18n.t('message.tier.local-fast'),
  'local-quality': () => i18n.t('message.tier.local-quality'),
  cloud: () => i18n.t('message.tier.cloud'),
})

/** What each tier is, in a line (the Usage page's table, the route's details); `server`: the Usage page's row of your own servers. */
export const TIER_HELP = live<Tier | 'server'>({
  'local-fast': () => i18n.t('message.tierHelp.local-fast'),
  'local-quality': () => i18n.t('message.tierHelp.local-quality'),
  cloud: () => i18n.t('message.tierHelp.cloud'),
  server: () => i18n.t('message.tierHelp.server'),
})

export const COMPLEXITY_LABEL = live<Complexity>({
  simple: () => i18n.t('message.complexity.simple'),
  moderate: () => i18n.t('message.complexity.moderate'),
  complex: () => i18n.t('message.complexity.complex'),
})

export const TASK_LABEL = live<TaskType>({
  chat: () => i18n.t('message.task.chat'),
  coding: () => i18n.t('message.task.coding'),
  reasoning: () => i18n.t('message.task.reasoning'),
  agentic: () => i18n.t('message.task.agentic'),
  long_context: () => i18n.t('message.task.long_context'),
  vision: () => i18n.t('message.task.vision'),
})

/** The reason without its leading "Local · " / "Cloud · " / "Your server · " (the badge beside it says so). */
export const reasonAfterPlace = (reason: string): string => reason.replace(/^\s*(local|cloud|your server)\s*[·:-]\s*/i, '')

/** 0.92 → "92%" ("92 %" in Spanish). */
const percent = (value: number): string => (Math.round(value * 100) / 100).toLocaleString(locale(), { style: 'percent' })

/** The route's details for its tooltip: what Aura saw, and how the answer checked out. */
export function routeDetails(route: MessageRoute): string {
  const parts: string[] = []
  if (route.complexity) parts.push(i18n.t('message.seenAs', { complexity: COMPLEXITY_LABEL[route.complexity] }))
  if (route.taskType) parts.push(i18n.t('message.taskIs', { task: TASK_LABEL[route.taskType] }))
  if (route.confidence !== null) parts.push(i18n.t('message.answerCheck', { percent: percent(route.confidence) }))
  if (route.cacheHit) parts.push(i18n.t('message.answeredFromCache'))
  if (route.mode === 'local_only') parts.push(i18n.t('message.localOnlyOn'))
  return parts.join(' · ')
}

export const confidenceText = (confidence: number | null): string | null =>
  confidence === null ? null : i18n.t('message.confidence', { percent: percent(confidence) })

/** Routing refusals: where in Settings their fix is. */
export type SettingsLink = { page: string; label: string }

/** The settings page that helps with a refusal (null when none does). */
export function routingHelp(error: AuraErrorShape | null | undefined): SettingsLink | null {
  switch (error?.code) {
    case 'budget_exhausted':
    case 'rate_limited':
    case 'local_only':
      return { page: 'routing', label: i18n.t('message.routingLink') }
    case 'no_model_available':
      return { page: 'models', label: i18n.t('message.modelsLink') }
    default:
      return null
  }
}

/** For `rate_limited`: "Try again in 40 seconds." (null without a wait). */
export function retryAfterText(error: AuraErrorShape | null | undefined): string | null {
  if (error?.code !== 'rate_limited') return null
  const seconds = (error.data as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null
  if (seconds < 90) return i18n.t('message.retrySeconds', { count: Math.ceil(seconds) })
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 90) return i18n.t('message.retryMinutes', { count: minutes })
  return i18n.t('message.retryHours', { count: Math.round(minutes / 60) })
}
