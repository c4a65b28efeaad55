import type { AppInfo, Notice } from '../../../shared/api'
import { setLanguage } from '../../../shared/i18n'
import type { HandlersOf } from '../dispatch'

/** What the page shows about Aura itself: version, shell, folders, notices so far, the Hub in use; and the language it shows. */
export function appHandlers(info: () => Omit<AppInfo, 'notices'>, notices: readonly Notice[]): HandlersOf<'app'> {
  return {
    'app.info': () => ({ ...info(), notices: [...notices] }),
    // The page resolved System with the browser's languages: from now on the services say things in it.
    'app.setLanguage': ({ language }) => {
      setLanguage(language)
      return {}
    },
  }
}
