import { API_TEST_APP, AuraError, type AppKeyInfo, type Settings } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import type { HandlersOf } from '../dispatch'
import { testConnection } from './connectionTest'
import type { AppKey, AppKeys } from './keys'

export interface ApiHandlerDeps {
  keys: AppKeys
  settings: () => Settings['api']
  /** Where the listener is, or why it is not running (null: this process does not serve the API). */
  listener: () => Promise<{ url: string | null; problem: string | null; network: boolean; networkUrls: string[] }>
  /** What an app spent in the cloud today (USD). */
  spentToday: (name: string) => number
}

/** Connect apps: the API's state, the apps' keys and the Test button (for the page and `aura api keys`). */
export function apiHandlers(deps: ApiHandlerDeps): HandlersOf<'api'> {
  const { keys } = deps
  const info = ({ hash: _hash, ...shown }: AppKey): AppKeyInfo => ({ ...shown, spentTodayUsd: deps.spentToday(shown.name) })
  return {
    // Only the switch and the port: the model-name rules are the settings page's, not the status's.
    'api.status': async () => ({ enabled: deps.settings().enabled, port: deps.settings().port, ...(await deps.listener()) }),
    'api.keys': () => keys.list().map(info),
    'api.createKey': ({ name, ...limits }) => {
      // The Test button's requests are booked under its name: an app of the same name would mix with them in Usage.
      if (name.toLowerCase() === API_TEST_APP.toLowerCase()) throw new AuraError('invalid_input', words('apps.testName', { name: API_TEST_APP }))
      const made = keys.create(name, limits)
      return { key: made.key, app: info(made.app) }
    },
    'api.updateKey': ({ name, ...limits }) => info(keys.update(name, limits)),
    'api.revokeKey': ({ name }) => {
      keys.revoke(name)
      return {}
    },
    // A key of this process's memory: the test needs no key of the user's, and leaves none behind.
    'api.test': async () => testConnection({ enabled: deps.settings().enabled, ...(await deps.listener()) }, keys.sessionKey(API_TEST_APP)),
  }
}
