import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from '../../i18n'
import type { ConversationSummary } from '../../api'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { useConversations } from '../../stores/conversations'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { CloseIcon, PlusIcon, SearchIcon, SettingsIcon } from '../common/icons'
import { ConversationItem } from './ConversationItem'
import { SidebarToggle } from './SidebarToggle'

const SEARCH_DEBOUNCE_MS = 250

interface Group {
  label: GroupName
  items: ConversationSummary[]
}

type GroupName = 'today' | 'yesterday' | 'previous7' | 'previous30' | 'older' | 'results'

function groupByDate(items: ConversationSummary[], now = Date.now()): Group[] {
  const startOfToday = new Date(now).setHours(0, 0, 0, 0)
  const day = 86_400_000
  const bounds: [GroupName, number][] = [
    ['today', startOfToday],
    ['yesterday', startOfToday - day],
    ['previous7', startOfToday - 7 * day],
    ['previous30', startOfToday - 30 * day],
    ['older', -Infinity],
  ]
  const groups: Group[] = []
  for (const item of items) {
    const label = bounds.find(([, from]) => item.updatedAt >= from)![0]
    const last = groups.at(-1)
    if (last?.label === label) last.items.push(item)
    else groups.push({ label, items: [item] })
  }
  return groups
}

export function Sidebar({ narrow }: { narrow: boolean }) {
  const items = useConversations((s) => s.items)
  const loaded = useConversations((s) => s.loaded)
  const error = useConversations((s) => s.error)
  const activeId = useChat((s) => s.activeId)
  const view = useApp((s) => s.view)
  const [search, setSearch] = useState('')
  const [appliedQuery, setAppliedQuery] = useState('')
  const [toDelete, setToDelete] = useState<ConversationSummary | null>(null)
  const { t } = useTranslation()

  // Ask the services for matches once typing pauses.
  useEffect(() => {
    const query = search.trim()
    const timer = setTimeout(
      () => {
        const store = useConversations.getState()
        setAppliedQuery(query)
        if (store.query === query) return
        store.setQuery(query)
        void store.refresh()
      },
      query ? SEARCH_DEBOUNCE_MS : 0,
    )
    return () => clearTimeout(timer)
  }, [search])

  const onSelect = useCallback((id: string) => {
    useApp.getState().openChat()
    if (useChat.getState().activeId !== id) void useChat.getState().open(id)
  }, [])
  const onRename = useCallback((id: string, title: string) => {
    void useConversations
      .getState()
      .rename(id, title)
      .then((ok) => ok && useChat.getState().setTitle(id, title))
  }, [])
  const onDelete = useCallback((conversation: ConversationSummary) => setToDelete(conversation), [])

  const confirmDelete = async () => {
    const target = toDelete
    setToDelete(null)
    if (!target) return
    if (await useConversations.getState().remove(target.id)) useChat.getState().forget(target.id)
  }

  const groups = useMemo(
    () => (appliedQuery ? [{ label: 'results' as const, items }] : groupByDate(items)),
    [items, appliedQuery],
  )

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center justify-between px-4 pt-4 pb-3">
        <span className="flex items-center gap-2 text-[15px] font-semibold tracking-tight">
          <span aria-hidden="true" className="size-5 rounded-full bg-gradient-to-br from-violet-500 to-fuchsia-400 shadow-sm" />
          Aura
        </span>
        <SidebarToggle
          shown
          narrow={narrow}
          className="p-1.5 text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        />
      </div>

      <div className="px-3">
        <button
          type="button"
          data-testid="new-chat"
          className="flex w-full items-center gap-2 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm font-medium shadow-xs hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          onClick={() => {
            useApp.getState().openChat()
            useChat.getState().newChat()
          }}
        >
          <PlusIcon size={16} />
          {t('common.newChat')}
        </button>

        <div className="relative mt-3">
          <SearchIcon size={15} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-600 dark:text-zinc-400" />
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && search) {
                e.preventDefault()
                setSearch('')
              }
            }}
            placeholder={t('sidebar.searchChats')}
            aria-label={t('sidebar.searchChats')}
            data-testid="conversation-search"
            className="w-full rounded-lg border border-zinc-200 bg-white py-1.5 pr-8 pl-8 text-sm placeholder:text-zinc-500 focus:border-violet-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-400 [&::-webkit-search-cancel-button]:hidden"
          />
          {search && (
            <button
              type="button"
              aria-label={t('sidebar.clearSearch')}
              className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-0.5 text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              onClick={() => setSearch('')}
            >
              <CloseIcon size={14} />
            </button>
          )}
        </div>
      </div>

      <nav aria-label={t('sidebar.chats')} className="relative mt-3 min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {error && !loaded ? (
          <p className="px-2 py-3 text-sm text-red-700 dark:text-red-400">{error}</p>
        ) : loaded && items.length === 0 ? (
          <p className="px-2 py-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="conversations-empty">
            {appliedQuery ? t('sidebar.noMatch', { query: appliedQuery }) : t('sidebar.empty')}
          </p>
        ) : (
          groups.map((group) => (
            <div key={group.label} role="group" aria-label={t(`sidebar.${group.label}`)} className="mb-2">
              <h2 className="px-2.5 pt-2 pb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{t(`sidebar.${group.label}`)}</h2>
              <ul className="flex flex-col gap-0.5">
                {group.items.map((conversation) => (
                  <ConversationItem
                    key={conversation.id}
                    conversation={conversation}
                    active={view === 'chat' && conversation.id === activeId}
                    query={appliedQuery}
                    onSelect={onSelect}
                    onRename={onRename}
                    onDelete={onDelete}
                  />
                ))}
              </ul>
            </div>
          ))
        )}
      </nav>

      <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">
        <button
          type="button"
          data-testid="open-settings"
          aria-current={view === 'settings' ? 'page' : undefined}
          className={`flex w-full items-center gap-2 rounded-lg px-2.5 py-2 text-sm ${
            view === 'settings' ? 'bg-zinc-200/80 dark:bg-zinc-800' : 'hover:bg-zinc-200/50 dark:hover:bg-zinc-800/60'
          }`}
          onClick={() => useApp.getState().openSettings()}
        >
          <SettingsIcon size={16} />
          {t('common.settings')}
        </button>
      </div>

      <ConfirmDialog
        open={toDelete !== null}
        title={t('sidebar.deleteTitle')}
        body={t('sidebar.deleteBody', { title: toDelete?.title || t('common.newChat') })}
        confirmLabel={t('common.delete')}
        destructive
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      />
    </div>
  )
}
