import { parseArgs } from 'node:util'
import type { RouteDecision } from '../../shared/api'
import { formatMoney } from '../../shared/money'
import type { Services } from '../services/createServices'
import { dryRunInput } from '../services/router/dryRun'
import { decide } from '../services/router/policy'
import { call, UsageError } from './common'
import { table } from './format'

/**
 * `aura route [--dry-run] [--json] [--privacy] [--offline] "<prompt>"`: the decision Auto would take,
 * without running a model. A dry run assumes a small and a larger local model and cloud models with
 * keys, all within budget, unless the flags say otherwise; without it, this computer's models, keys
 * and budget count.
 */
export async function route(args: string[], openServices: () => Promise<Services>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      privacy: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
    },
  })
  const prompt = positionals.join(' ').trim()
  if (!prompt) throw new UsageError('Give a prompt, e.g. aura route --dry-run "Refactor these three modules".')
  let decision: RouteDecision
  if (values['dry-run']) {
    decision = decide(dryRunInput(prompt, { privacy: values.privacy, offline: values.offline }))
  } else {
    if (values.privacy || values.offline) throw new UsageError('--privacy and --offline describe a dry run: add --dry-run.')
    const services = await openServices()
    try {
      decision = await call(services, 'router.preview', { text: prompt })
    } finally {
      await services.dispose()
    }
  }
  if (values.json) {
    console.log(JSON.stringify({ ...decision, model: decision.modelId }, null, 2))
    return 0
  }
  console.log(decision.reason)
  console.log(`\nComplexity: ${decision.complexity} · task: ${decision.taskType} · about ${decision.promptTokens} tokens to read`)
  const rows = decision.candidates.map((candidate, index) => [
    candidate.skipped === null ? String(index + 1) : '–',
    candidate.tier,
    candidate.modelName,
    candidate.estimatedCostUsd === null ? '?' : formatMoney(candidate.estimatedCostUsd),
    candidate.skipped ?? '',
  ])
  if (rows.length > 0) console.log(`\n${table(['#', 'TIER', 'MODEL', 'ABOUT', 'PASSED OVER'], rows)}`)
  return decision.modelId === null ? 1 : 0
}
