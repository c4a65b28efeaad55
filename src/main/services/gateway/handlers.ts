import type { AppKeyInfo, Settings } from '../../../shared/api'
import type { HandlersOf } from '../dispatch'
import type { AppKey, AppKeys } from './keys'

/** Connect apps: the API's state and the apps' keys (for the page and `aura api keys`). */
export function apiHandlers(deps: { keys: AppKeys; settings: () => Settings['api']; url: () => string | null }): HandlersOf<'api'> {
  const { keys } = deps
  return {
    'api.status': () => ({ enabled: deps.settings().enabled, port: deps.settings().port, url: deps.url() }),
    'api.keys': () => keys.list().map(info),
    'api.createKey': ({ name, dailyBudgetUsd, localOnly }) => {
      const made = keys.create(name, { dailyBudgetUsd: dailyBudgetUsd ?? null, localOnly: localOnly ?? false })
      return { key: made.key, app: info(made.app) }
    },
    'api.revokeKey': ({ name }) => {
      keys.revoke(name)
      return {}
    },
  }
}

/** What may be shown of a key: not its hash. */
function info({ hash: _hash, ...shown }: AppKey): AppKeyInfo {
  return shown
}
