import { useEffect } from 'react'
import { ChatView } from './components/chat/ChatView'
import { ConnectionBanner } from './components/common/ConnectionBanner'
import { SettingsView } from './components/settings/SettingsView'
import { Sidebar } from './components/sidebar/Sidebar'
import { retryBoot } from './lib/boot'
import { useApp } from './stores/app'

export function App() {
  const info = useApp((s) => s.info)
  const bootError = useApp((s) => s.bootError)
  const view = useApp((s) => s.view)
  const sidebarOpen = useApp((s) => s.sidebarOpen)

  useEffect(() => {
    if (!sidebarOpen) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useApp.getState().setSidebarOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [sidebarOpen])

  if (!info) {
    return (
      <>
        <ConnectionBanner />
        <main className="flex h-full items-center justify-center p-6">
          {bootError ? (
            <div role="alert" className="max-w-md text-center">
              <h1 className="text-lg font-semibold">Aura couldn’t start</h1>
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{bootError}</p>
              <button
                type="button"
                className="mt-5 rounded-lg bg-violet-600 px-4 py-2 text-sm font-medium text-white hover:bg-violet-700"
                onClick={retryBoot}
              >
                Try again
              </button>
            </div>
          ) : (
            <div className="flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400" role="status">
              <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
              Starting Aura…
            </div>
          )}
        </main>
      </>
    )
  }

  return (
    <div className="flex h-full">
      <ConnectionBanner />
      {sidebarOpen && (
        <div className="fixed inset-0 z-30 bg-black/40 md:hidden" aria-hidden="true" onClick={() => useApp.getState().setSidebarOpen(false)} />
      )}
      <aside
        aria-label="Sidebar"
        className={`z-40 w-72 shrink-0 border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950 ${
          sidebarOpen ? 'fixed inset-y-0 left-0 shadow-xl' : 'hidden'
        } md:static md:block md:shadow-none`}
      >
        <Sidebar />
      </aside>
      <main className="min-w-0 flex-1">{view === 'settings' ? <SettingsView /> : <ChatView />}</main>
    </div>
  )
}
