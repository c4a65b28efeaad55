import type { ReactNode } from 'react'
import { toggleSidebar, useNarrow } from '../../lib/appearance'
import { useApp } from '../../stores/app'
import { SidebarIcon } from './icons'

/** The bar atop each page; while the chat list is folded away it carries the button that shows it. */
export function PageHeader({ children }: { children: ReactNode }) {
  const narrow = useNarrow()
  const hidden = useApp((s) => (narrow ? !s.sidebarOpen : s.sidebarCollapsed))
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-200/70 px-3 dark:border-zinc-800">
      {hidden && (
        <button
          type="button"
          data-testid="sidebar-toggle"
          aria-label="Show chats"
          aria-expanded="false"
          title="Show chats"
          className="flex shrink-0 items-center gap-1.5 rounded-lg p-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          onClick={() => toggleSidebar(narrow)}
        >
          <SidebarIcon size={18} />
        </button>
      )}
      {children}
    </header>
  )
}
