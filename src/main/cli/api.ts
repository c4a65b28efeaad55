import { parseArgs } from 'node:util'
import { formatMoney } from '../../shared/money'
import type { Services } from '../services/createServices'
import { startGateway } from '../services/gateway'
import { networkUrls } from '../services/gateway/network'
import { call, integer, untilStopped, UsageError } from './common'
import { table } from './format'

const USE = 'Use: aura api serve [--port N] | aura api keys create <name> [--daily-budget USD] [--local-only] [--models a,b] | list | revoke <name>'

/** `aura api serve` and `aura api keys …`: Aura's API for other apps, without the page. */
export async function api(services: Services, args: string[]): Promise<number> {
  const [action, ...rest] = args
  if (action === 'serve') return serve(services, rest)
  if (action === 'keys') return keys(services, rest)
  throw new UsageError(USE)
}

async function serve(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } } })
  const port = values.port === undefined ? services.settings.get().api.port : integer(values.port, '--port', 0, 65535)
  // The same settings as the app's listener: the network and the web pages only if the user opened them.
  const settings = () => services.settings.get().api
  const server = await startGateway({ gateway: services.gateway, port, logger: services.logger, network: settings().network, corsOrigins: () => settings().corsOrigins })
  console.log(`Aura API is running at ${server.url}`)
  if (server.network) console.log(`Other computers on this network: ${networkUrls(server.port).join(', ') || 'none (this computer is on no network)'}`)
  if ((await call(services, 'api.keys', {})).length === 0) console.error('No app has a key yet. Make one with: aura api keys create "<app name>"')
  await untilStopped()
  await server.close()
  return 0
}

async function keys(services: Services, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'daily-budget': { type: 'string' }, 'local-only': { type: 'boolean', default: false }, models: { type: 'string' } },
  })
  const [action, ...names] = positionals
  const name = names.join(' ').trim()
  switch (action) {
    case 'create': {
      if (!name) throw new UsageError('Name the app the key is for, e.g.: aura api keys create "my script"')
      const budget = values['daily-budget'] === undefined ? null : Number(values['daily-budget'])
      if (budget !== null && !(Number.isFinite(budget) && budget >= 0)) throw new UsageError('--daily-budget must be an amount in US dollars, such as 2 or 0.5.')
      // The models the app may use, as GET /v1/models names them; none given: all.
      const allowedModels = (values.models ?? '').split(',').map((id) => id.trim()).filter(Boolean)
      const { key, app } = await call(services, 'api.createKey', { name, dailyBudgetUsd: budget, localOnly: values['local-only'], allowedModels })
      // The key alone on stdout (scripts capture it); what it means on stderr. It is never shown again.
      console.log(key)
      console.error(`This is the key for "${app.name}". Copy it now: Aura keeps only a fingerprint of it and cannot show it again.`)
      return 0
    }
    case 'list': {
      const list = await call(services, 'api.keys', {})
      if (list.length === 0) console.log('No app has a key yet. Make one with: aura api keys create "<app name>"')
      else {
        const money = (usd: number | null) => (usd === null ? 'your budget' : formatMoney(usd))
        const rows = list.map((k) => [k.name, `aura-…${k.last4}`, money(k.dailyBudgetUsd), k.localOnly ? 'yes' : 'no', k.allowedModels.join(', ') || 'all', new Date(k.createdAt).toLocaleString()])
        console.log(table(['APP', 'KEY', 'DAILY BUDGET', 'LOCAL ONLY', 'MODELS', 'CREATED'], rows))
      }
      return 0
    }
    case 'revoke':
      if (!name) throw new UsageError('Say whose key to revoke, e.g.: aura api keys revoke "my script"')
      await call(services, 'api.revokeKey', { name })
      console.log(`Revoked the key of "${name}": that app can no longer use Aura.`)
      return 0
    default:
      throw new UsageError(USE)
  }
}
