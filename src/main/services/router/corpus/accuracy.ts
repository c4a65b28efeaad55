/**
 * How Auto routes the corpus: each prompt decided by the policy in the dry run's setting (a small and a
 * larger local model, every cloud provider keyed), against the tier its label asks for. Shared by the
 * accuracy test and anyone reproducing the figures in docs/routing.md.
 */
import type { Complexity, Tier } from '../../../../shared/api'
import { dryRunInput } from '../dryRun'
import { decide } from '../policy'
import { promptTokens } from '../tokens'
import type { ChatTurn } from '../../engine/inferenceEngine'
import type { CorpusPrompt } from './index'

/** A labelled prompt: the corpus's, or the old table's (no id, trap or language). */
export type Labelled = Pick<CorpusPrompt, 'text' | 'complexity' | 'taskType'> & Partial<Pick<CorpusPrompt, 'id' | 'trap' | 'language' | 'images'>> & { history?: readonly ChatTurn[] }

export const TIERS: readonly Tier[] = ['local-fast', 'local-quality', 'cloud']
const TIER_OF: Record<Complexity, Tier> = { simple: 'local-fast', moderate: 'local-quality', complex: 'cloud' }

/** The tier a label asks for; an image, or a text no local window can hold, needs the cloud here. */
export function expectedTier(prompt: Labelled, env: ReturnType<typeof dryRunInput>): Tier {
  const need = promptTokens({ text: prompt.text, history: [...(prompt.history ?? [])] }) + Math.min(env.maxTokens, 1024)
  const localWindow = Math.max(...env.local.map((model) => model.contextTokens))
  if (prompt.taskType === 'vision' || need > localWindow) return 'cloud'
  return TIER_OF[prompt.complexity]
}

export interface Measure {
  n: number
  /** Share of prompts routed to the tier their label asks for. */
  tier: number
  complexity: number
  taskType: number
  /** Tier accuracy among the prompts whose label asks for each tier. */
  perTier: Record<Tier, number>
  traps: number
  /** How many traps the prompts hold (the old table has none). */
  trapCount: number
  /** Share of simple and moderate prompts (that could stay local) sent to the cloud. */
  lowToCloud: number
  /** confusion[wanted][got] */
  confusion: Record<Tier, Record<Tier | 'none', number>>
  /** Tier accuracy per language with at least five prompts in the split, and of all but English together. */
  languages: Record<string, { n: number; tier: number }>
  misses: string[]
}

export function measure(prompts: readonly Labelled[]): Measure {
  const row = (): Record<Tier | 'none', number> => ({ 'local-fast': 0, 'local-quality': 0, cloud: 0, none: 0 })
  const confusion = { 'local-fast': row(), 'local-quality': row(), cloud: row() }
  const count = { tier: 0, complexity: 0, taskType: 0, traps: 0, trapOk: 0, low: 0, lowToCloud: 0 }
  const byLanguage = new Map<string, { n: number; ok: number }>()
  const misses: string[] = []
  for (const prompt of prompts) {
    const env = dryRunInput(prompt.text, {})
    env.request = { text: prompt.text, history: [...(prompt.history ?? [])], ...(prompt.images && { images: prompt.images.length }) }
    const decision = decide(env)
    const want = expectedTier(prompt, env)
    const ok = decision.tier === want
    confusion[want][decision.tier ?? 'none']++
    count.tier += Number(ok)
    count.complexity += Number(decision.complexity === prompt.complexity)
    count.taskType += Number(decision.taskType === prompt.taskType)
    if (prompt.trap === true) [count.traps, count.trapOk] = [count.traps + 1, count.trapOk + Number(ok)]
    if (prompt.complexity !== 'complex' && want !== 'cloud') [count.low, count.lowToCloud] = [count.low + 1, count.lowToCloud + Number(decision.tier === 'cloud')]
    const language = byLanguage.get(prompt.language ?? 'en') ?? { n: 0, ok: 0 }
    byLanguage.set(prompt.language ?? 'en', { n: language.n + 1, ok: language.ok + Number(ok) })
    if (!ok) misses.push(`${prompt.id ?? prompt.text.slice(0, 60).replace(/\n/g, ' ')}: want ${want}, got ${decision.tier} (${decision.complexity}, ${String(decision.features.complexityRule)})`)
  }
  const n = prompts.length
  const perTier = Object.fromEntries(
    TIERS.map((tier) => {
      const total = Object.values(confusion[tier]).reduce((a, x) => a + x, 0)
      return [tier, total === 0 ? 1 : confusion[tier][tier] / total]
    }),
  ) as Record<Tier, number>
  const others = [...byLanguage].filter(([k]) => k !== 'en').reduce((a, [, v]) => ({ n: a.n + v.n, ok: a.ok + v.ok }), { n: 0, ok: 0 })
  byLanguage.set('not en', others)
  const languages = Object.fromEntries([...byLanguage].filter(([, v]) => v.n >= 5).map(([k, v]) => [k, { n: v.n, tier: v.ok / v.n }]))
  return {
    n,
    tier: count.tier / n,
    complexity: count.complexity / n,
    taskType: count.taskType / n,
    perTier,
    traps: count.traps === 0 ? 1 : count.trapOk / count.traps,
    trapCount: count.traps,
    lowToCloud: count.low === 0 ? 0 : count.lowToCloud / count.low,
    confusion,
    languages,
    misses,
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`

/** A confusion matrix and the headline figures, as the test prints them. */
export function report(name: string, m: Measure): string {
  const head = `${name.padEnd(14)} want \\ got    local-fast  local-quality   cloud   none`
  const rows = TIERS.map((want) => `${''.padEnd(14)} ${want.padEnd(13)} ${TIERS.map((got) => String(m.confusion[want][got]).padStart(10)).join('     ')}  ${String(m.confusion[want].none).padStart(5)}`)
  const figures = `${''.padEnd(14)} tier ${pct(m.tier)} · fast ${pct(m.perTier['local-fast'])} · quality ${pct(m.perTier['local-quality'])} · cloud ${pct(m.perTier.cloud)} · traps ${m.trapCount === 0 ? '—' : pct(m.traps)} · simple/moderate to cloud ${pct(m.lowToCloud)} · complexity ${pct(m.complexity)} · task type ${pct(m.taskType)}`
  const languages = `${''.padEnd(14)} by language: ${Object.entries(m.languages).map(([k, v]) => `${k} ${pct(v.tier)} (${v.n})`).join(', ')}`
  return [head, ...rows, figures, languages].join('\n')
}
