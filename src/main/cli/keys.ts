import { text } from 'node:stream/consumers'
import type { KeyStatus, ProviderInfo } from '../../shared/api'
import type { Services } from '../services/createServices'
import { call, UsageError } from './common'
import { table } from './format'

const STATUS_WORDS: Record<KeyStatus['status'], string> = {
  untested: 'saved, not tested yet',
  valid: 'works',
  invalid: 'not accepted',
  no_credit: 'no credit left',
  rate_limited: 'rate limited',
  unreachable: 'could not reach the provider',
  error: 'test failed',
  unreadable: 'cannot be opened on this computer — save it again',
  address_changed: 'not sent: saved for another address',
}

/**
 * `aura keys set|list|test|remove`. A key is read from stdin, never from the command line, so it
 * stays out of shell history and the process list.
 */
export async function keys(services: Services, args: string[]): Promise<number> {
  const [action, provider, ...rest] = args
  if (rest.length > 0) throw new UsageError('Too many arguments. The key itself is read from stdin: echo "$KEY" | aura keys set openai')
  // How the keys are kept, said once where they are used (only when weaker than the system keychain).
  const { notice } = await call(services, 'vault.info', {})
  if (notice) console.error(notice)
  switch (action) {
    case 'list':
      return list(await call(services, 'providers.list', {}))
    case 'set': {
      const key = (await readKey()).trim()
      if (!key) throw new UsageError(`Give the key on stdin, e.g.: aura keys set ${provider ?? 'openai'} < key.txt`)
      const saved = await call(services, 'keys.set', { provider: need(provider), key })
      console.log(`Saved the ${saved.provider} key ending in ${saved.last4}, encrypted. Test it with: aura keys test ${saved.provider}`)
      return 0
    }
    case 'test': {
      const status = await call(services, 'keys.test', { provider: need(provider) })
      console.log(`${status.provider}: ${STATUS_WORDS[status.status]}${status.message ? ` — ${status.message}` : ''}`)
      return status.status === 'valid' ? 0 : 1
    }
    case 'remove':
      await call(services, 'keys.remove', { provider: need(provider) })
      console.log(`Removed the ${provider} key.`)
      return 0
    default:
      throw new UsageError('Use: aura keys set <provider> (key on stdin) | list | test <provider> | remove <provider>')
  }
}

function need(provider: string | undefined): string {
  if (!provider) throw new UsageError('Say which provider, e.g. openai, anthropic, google, xai, deepseek, moonshot, openrouter.')
  return provider
}

async function readKey(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Paste the key, then press Enter and Ctrl+D: ')
  return text(process.stdin)
}

function list(providers: ProviderInfo[]): number {
  const rows = providers.map((provider) => [
    provider.id,
    provider.name,
    provider.key ? `••••${provider.key.last4}${provider.key.source === 'environment' ? ` (from ${provider.envVar ?? 'the environment'})` : ''}` : provider.keyRequired ? 'no key' : 'no key needed',
    provider.key ? STATUS_WORDS[provider.key.status] : '',
    provider.key?.lastTestedAt ? new Date(provider.key.lastTestedAt).toLocaleString() : '',
  ])
  console.log(table(['PROVIDER', 'NAME', 'KEY', 'STATUS', 'TESTED'], rows))
  return 0
}
