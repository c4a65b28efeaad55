import type { ReactNode } from 'react'
import { useApp } from '../../stores/app'
import { DownloadsIndicator } from '../models/DownloadsIndicator'
import { MenuIcon } from './icons'

/** The bar atop each page; on narrow windows it carries the button that shows the chats; while a download runs, its indicator. */
export function PageHeader({ children }: { children: ReactNode }) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-200/70 px-3 dark:border-zinc-800">
      <button
        type="button"
        aria-label="Show chats"
        className="rounded-lg p-2 text-zinc-700 hover:bg-zinc-100 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
        onClick={() => useApp.getState().setSidebarOpen(true)}
      >
        <MenuIcon size={18} />
      </button>
      <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
      <DownloadsIndicator />
    </header>
  )
}
