import { useTranslation } from '../../i18n'
import { toggleSidebar } from '../../lib/appearance'
import { SidebarIcon } from '../common/icons'

/** Hide chats (in the chat list) / Show chats (atop the page while the list is folded away). */
export function SidebarToggle({ shown, narrow, className }: { shown: boolean; narrow: boolean; className: string }) {
  const { t } = useTranslation()
  const label = shown ? t('sidebar.hideChats') : t('sidebar.showChats')
  return (
    <button
      type="button"
      data-testid={shown ? 'sidebar-hide' : 'sidebar-toggle'}
      aria-label={label}
      aria-expanded={shown}
      title={label}
      className={`shrink-0 rounded-lg ${className}`}
      onClick={() => toggleSidebar(narrow)}
    >
      <SidebarIcon size={18} />
    </button>
  )
}
