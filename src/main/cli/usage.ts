import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { formatMoney } from '../../shared/money'
import type { Services } from '../services/createServices'
import { call, UsageError } from './common'
import { formatCount } from '../../shared/units'
import { columns } from './format'

/** `aura usage [--json]` and `aura usage export --format jsonl|csv --out FILE`. */
export async function usage(services: Services, args: string[]): Promise<number> {
  if (args[0] === 'export') return exportLedger(services, args.slice(1))
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } })
  if (positionals.length > 0) throw new UsageError(`Unknown usage command "${positionals[0]}".`)
  const summary = await call(services, 'usage.summary', {})
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2))
    return 0
  }
  const { meter, today, month } = summary
  const money = (usd: number) => formatMoney(usd, meter)
  const limit = (spent: number, cap: number | null) => (cap === null ? money(spent) : `${money(spent)} of ${money(cap)} (${Math.round((spent / cap) * 100) || 0}%)`)
  const tokens = (t: typeof today) =>
    `${formatCount(t.localTokens)} local · ${t.serverTokens > 0 ? `${formatCount(t.serverTokens)} your servers · ` : ''}${formatCount(t.cloudTokens)} cloud`
  console.log(
    columns([
      ['', 'SPENT', 'SAVED', 'REQUESTS', 'TOKENS'],
      ['Today', limit(today.costUsd, meter.dailyLimitUsd), money(today.savedUsd), String(today.requests), tokens(today)],
      ['This month', limit(month.costUsd, meter.monthlyLimitUsd), money(month.savedUsd), String(month.requests), tokens(month)],
    ]),
  )
  console.log(`\nSaved = what the same tokens would have cost on ${summary.baseline.name}, minus what they did cost.`)
  if (meter.state !== 'ok') console.log(meter.state === 'exhausted' ? 'The cloud budget is used up: Aura answers with local models.' : 'The cloud budget is nearly used up.')
  return 0
}

async function exportLedger(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'jsonl' }, out: { type: 'string' } } })
  if (values.format !== 'jsonl' && values.format !== 'csv') throw new UsageError('--format is jsonl or csv.')
  if (!values.out) throw new UsageError('Say where to write it: --out <file>.')
  const file = await call(services, 'usage.export', { format: values.format })
  await writeFile(values.out, file.content)
  const lines = file.content.split('\n').filter(Boolean).length - (values.format === 'csv' ? 1 : 0)
  console.log(`Wrote ${lines} request${lines === 1 ? '' : 's'} to ${values.out}`)
  return 0
}
