import { useEffect, useRef } from 'react'
import { useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { ArrowLeftIcon } from '../common/icons'
import { PageHeader } from '../common/PageHeader'
import { Notices } from '../common/Notices'
import { settingsPages } from './pages'

/**
 * Settings: the pages' navigation beside the page on a wide main area, folded into a bar above it on
 * a narrow one (a container query: the chat list beside it counts too). Each page has its address
 * (`#/settings/<id>`) and opens at its top.
 */
export function SettingsView() {
  const pageId = useApp((s) => s.settingsPage)
  const page = settingsPages.find((p) => p.id === pageId) ?? settingsPages[0]!
  const Page = page.component
  const { t } = useTranslation()
  const nav = useRef<HTMLElement>(null)
  const currentLink = useRef<HTMLAnchorElement>(null)
  // A page opened by its address shows its link, even one scrolled out of a short window's list. Only
  // the list scrolls (scrollIntoView would move every scrolling box around it, the app's frame too).
  useEffect(() => {
    const list = nav.current
    const link = currentLink.current
    if (!list || !link) return
    const top = link.offsetTop - list.offsetTop
    if (top < list.scrollTop) list.scrollTop = top
    else if (top + link.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + link.offsetHeight - list.clientHeight
  }, [page.id])

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
          {t('settings.backToChat')}
        </button>
        <h1 className="ml-2 text-sm font-semibold">{t('common.settings')}</h1>
      </PageHeader>

      <Notices />
      <div className="flex min-h-0 flex-1 flex-col @4xl:flex-row">
        <nav
          ref={nav}
          aria-label={t('settings.pagesNav')}
          className="shrink-0 border-b border-zinc-200 px-3 py-2 @4xl:w-56 @4xl:overflow-y-auto @4xl:border-r @4xl:border-b-0 @4xl:py-3 dark:border-zinc-800"
        >
          <ul className="flex flex-wrap gap-1 @4xl:flex-col">
            {settingsPages.map((p) => {
              const current = p.id === page.id
              const Icon = p.icon
              return (
                <li key={p.id}>
                  <a
                    href={`#/settings/${p.id}`}
                    data-testid={`settings-nav-${p.id}`}
                    aria-current={current ? 'page' : undefined}
                    ref={current ? currentLink : undefined}
                    className={`flex w-full items-start gap-2 rounded-lg px-2.5 py-1.5 text-left text-sm @4xl:gap-2.5 @4xl:py-2 ${
                      current ? 'bg-zinc-200/70 dark:bg-zinc-800' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800/60'
                    }`}
                  >
                    <Icon size={16} className="mt-0.5 shrink-0" />
                    <span className="min-w-0">
                      <span className="block font-medium whitespace-nowrap">{t(`settings.pages.${p.id}.label`)}</span>
                      <span className="hidden text-xs text-zinc-600 @4xl:block dark:text-zinc-400">{t(`settings.pages.${p.id}.hint`)}</span>
                    </span>
                  </a>
                </li>
              )
            })}
          </ul>
        </nav>
        {/* Keyed by page: a new page starts at its top, not at the last page's scroll. */}
        <div key={page.id} data-testid="settings-scroller" className="@container relative min-h-0 flex-1 overflow-y-auto">
          <Page />
        </div>
      </div>
    </div>
  )
}
