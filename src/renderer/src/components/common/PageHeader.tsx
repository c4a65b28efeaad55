import type { ReactNode } from 'react'
import { useNarrow } from '../../lib/appearance'
import { useApp } from '../../stores/app'
import { SidebarToggle } from '../sidebar/SidebarToggle'
import { DownloadsIndicator } from '../models/DownloadsIndicator'

/** The bar atop each page; while the chat list is folded away it carries the button that shows it; while a download runs, its indicator. */
export function PageHeader({ children }: { children: ReactNode }) {
  const narrow = useNarrow()
  const hidden = useApp((s) => (narrow ? !s.sidebarOpen : s.sidebarCollapsed))
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-200/70 px-3 dark:border-zinc-800">
      {hidden && (
        <SidebarToggle
          shown={false}
          narrow={narrow}
          className="p-2 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        />
      )}
      <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
      <DownloadsIndicator />
    </header>
  )
}
