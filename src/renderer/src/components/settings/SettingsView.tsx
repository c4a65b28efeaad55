import { useApp } from '../../stores/app'
import { ArrowLeftIcon } from '../common/icons'
import { PageHeader } from '../common/PageHeader'
import { Notices } from '../common/Notices'
import { settingsPages } from './pages'

export function SettingsView() {
  const pageId = useApp((s) => s.settingsPage)
  const page = settingsPages.find((p) => p.id === pageId) ?? settingsPages[0]!
  const Page = page.component

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader>
        <button
          type="button"
          data-testid="back-to-chat"
          className="flex items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          onClick={() => useApp.getState().openChat()}
        >
          <ArrowLeftIcon size={16} />
          Back to chat
        </button>
        <h1 className="ml-2 text-sm font-semibold">Settings</h1>
      </PageHeader>

      <Notices />
      <div className="flex min-h-0 flex-1 flex-col sm:flex-row">
        <nav aria-label="Settings pages" className="shrink-0 border-zinc-200 p-3 sm:w-56 sm:border-r dark:border-zinc-800">
          <ul className="flex gap-1 overflow-x-auto sm:flex-col">
            {settingsPages.map((p) => {
              const current = p.id === page.id
              const Icon = p.icon
              return (
                <li key={p.id}>
                  <button
                    type="button"
                    data-testid={`settings-nav-${p.id}`}
                    aria-current={current ? 'page' : undefined}
                    onClick={() => useApp.getState().openSettings(p.id)}
                    className={`flex w-full items-start gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm ${
                      current ? 'bg-zinc-100 dark:bg-zinc-800' : 'hover:bg-zinc-100/70 dark:hover:bg-zinc-800/60'
                    }`}
                  >
                    <Icon size={16} className="mt-0.5 shrink-0" />
                    <span className="min-w-0">
                      <span className="block font-medium whitespace-nowrap">{p.label}</span>
                      <span className="hidden text-xs text-zinc-600 sm:block dark:text-zinc-400">{p.hint}</span>
                    </span>
                  </button>
                </li>
              )
            })}
          </ul>
        </nav>
        <div className="relative min-h-0 flex-1 overflow-y-auto">
          <Page />
        </div>
      </div>
    </div>
  )
}
