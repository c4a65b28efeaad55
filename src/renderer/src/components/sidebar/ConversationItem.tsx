import { memo, useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from '../../i18n'
import type { ConversationSummary } from '../../api'
import { PencilIcon, TrashIcon } from '../common/icons'

interface ConversationItemProps {
  conversation: ConversationSummary
  active: boolean
  /** The search being shown: its match in the snippet is highlighted. Empty = no search. */
  query: string
  onSelect(id: string): void
  onRename(id: string, title: string): void
  onDelete(conversation: ConversationSummary): void
}

export const ConversationItem = memo(function ConversationItem({
  conversation,
  active,
  query,
  onSelect,
  onRename,
  onDelete,
}: ConversationItemProps) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(conversation.title)
  const inputRef = useRef<HTMLInputElement>(null)
  const renameButtonRef = useRef<HTMLButtonElement>(null)
  /** Set while the input is open; cleared by whichever of Enter / Esc / blur comes first. */
  const open = useRef(false)
  const refocus = useRef(false)
  const { t } = useTranslation()
  const title = conversation.title || t('common.newChat')

  useEffect(() => {
    if (editing) {
      inputRef.current?.select()
    } else if (refocus.current) {
      refocus.current = false
      renameButtonRef.current?.focus()
    }
  }, [editing])

  const start = () => {
    setDraft(conversation.title)
    open.current = true
    setEditing(true)
  }

  const finish = (save: boolean, returnFocus: boolean) => {
    if (!open.current) return
    open.current = false
    refocus.current = returnFocus
    setEditing(false)
    const next = draft.trim()
    if (save && next && next !== conversation.title) onRename(conversation.id, next)
  }

  return (
    <li
      data-testid="conversation-item"
      data-id={conversation.id}
      data-active={active ? 'true' : 'false'}
      className={`group relative rounded-lg ${
        active ? 'bg-zinc-200/80 dark:bg-zinc-800' : 'hover:bg-zinc-200/50 dark:hover:bg-zinc-800/60'
      }`}
    >
      {editing ? (
        <input
          ref={inputRef}
          value={draft}
          maxLength={200}
          aria-label={t('sidebar.chatName')}
          data-testid="rename-input"
          className="w-full rounded-lg border border-violet-500 bg-white px-2.5 py-2 text-sm outline-none dark:bg-zinc-900"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              finish(true, true)
            } else if (e.key === 'Escape') {
              e.preventDefault()
              finish(false, true)
            }
          }}
          onBlur={() => finish(true, false)}
        />
      ) : (
        <>
          <button
            type="button"
            className="block w-full rounded-lg px-2.5 py-2 pr-16 text-left text-sm"
            aria-current={active ? 'page' : undefined}
            onClick={() => onSelect(conversation.id)}
            onDoubleClick={start}
          >
            <span className="block truncate">{title}</span>
            {query && conversation.snippet && (
              <span className="mt-0.5 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">
                <Highlight text={conversation.snippet} query={query} />
              </span>
            )}
          </button>
          <div
            className={`absolute top-1.5 right-1.5 flex gap-0.5 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 ${
              active ? 'opacity-100' : ''
            }`}
          >
            <button
              ref={renameButtonRef}
              type="button"
              aria-label={t('sidebar.renameChat', { title })}
              title={t('common.rename')}
              data-testid="rename-conversation"
              className="rounded-md p-1 text-zinc-600 hover:bg-zinc-300/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
              onClick={start}
            >
              <PencilIcon size={15} />
            </button>
            <button
              type="button"
              aria-label={t('sidebar.deleteChat', { title })}
              title={t('common.delete')}
              data-testid="delete-conversation"
              className="rounded-md p-1 text-zinc-600 hover:bg-zinc-300/70 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-red-400"
              onClick={() => onDelete(conversation)}
            >
              <TrashIcon size={15} />
            </button>
          </div>
        </>
      )}
    </li>
  )
})

/** The text with every case-insensitive occurrence of the query marked. */
function Highlight({ text, query }: { text: string; query: string }) {
  const needle = query.trim().toLowerCase()
  if (!needle) return <>{text}</>
  const parts: ReactNode[] = []
  const haystack = text.toLowerCase()
  let from = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at))
    parts.push(
      <mark key={at} className="rounded-sm bg-violet-200 px-0.5 text-zinc-900 dark:bg-violet-800 dark:text-zinc-50">
        {text.slice(at, at + needle.length)}
      </mark>,
    )
    from = at + needle.length
  }
  if (from < text.length) parts.push(text.slice(from))
  return <>{parts}</>
}
