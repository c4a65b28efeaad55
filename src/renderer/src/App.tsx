import { useEffect } from 'react'
import { useTranslation } from './i18n'
import { ChatView } from './components/chat/ChatView'
import { ConnectionBanner } from './components/common/ConnectionBanner'
import { SettingsView } from './components/settings/SettingsView'
import { Sidebar } from './components/sidebar/Sidebar'
import { toggleSidebar, useNarrow } from './lib/appearance'
import { retryBoot } from './lib/boot'
import { useApp } from './stores/app'

export function App() {
  const info = useApp((s) => s.info)
  const bootError = useApp((s) => s.bootError)
  const view = useApp((s) => s.view)
  const sidebarOpen = useApp((s) => s.sidebarOpen)
  const sidebarCollapsed = useApp((s) => s.sidebarCollapsed)
  const narrow = useNarrow()
  const { t } = useTranslation()
  // Narrow windows fold the chat list away (it opens over the page); wide ones show it unless hidden.
  const overlay = narrow && sidebarOpen
  const sidebarShown = narrow ? sidebarOpen : !sidebarCollapsed

  useEffect(() => {
    if (!overlay) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) toggleSidebar(true)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [overlay])


  if (!info) {
    return (
      <>
        <ConnectionBanner />
        <main className="flex h-full items-center justify-center p-6">
          {bootError ? (
            <div role="alert" className="max-w-md text-center">
              <h1 className="text-lg font-semibold">{t('start.failed')}</h1>
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{bootError}</p>
              <button
                type="button"
                className="mt-5 rounded-lg bg-violet-600 px-4 py-2 text-sm font-medium text-white hover:bg-violet-700"
                onClick={retryBoot}
              >
                {t('start.tryAgain')}
              </button>
            </div>
          ) : (
            <div className="flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400" role="status">
              <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
              {t('start.starting')}
            </div>
          )}
        </main>
      </>
    )
  }

  return (
    <div className="flex h-full">
      <ConnectionBanner />
      {overlay && <div className="fixed inset-0 z-30 bg-black/40" aria-hidden="true" onClick={() => toggleSidebar(true)} />}
      {sidebarShown && (
        <aside
          aria-label={t('start.sidebar')}
          data-testid="sidebar"
          className={`z-40 w-72 shrink-0 border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950 ${overlay ? 'fixed inset-y-0 left-0 shadow-xl' : ''}`}
        >
          <Sidebar narrow={narrow} />
        </aside>
      )}
      {/* While the chat list is open over the page, the page behind it takes no focus or clicks. */}
      <main className="@container min-w-0 flex-1" inert={overlay}>{view === 'settings' ? <SettingsView /> : <ChatView />}</main>
    </div>
  )
}
