import type { AppInfo, Notice } from '../../../shared/api'
import type { HandlersOf } from '../dispatch'

/** What the page shows about Aura itself: version, shell, folders, notices so far, the Hub in use. */
export function appHandlers(info: () => Omit<AppInfo, 'notices'>, notices: readonly Notice[]): HandlersOf<'app'> {
  return { 'app.info': () => ({ ...info(), notices: [...notices] }) }
}
