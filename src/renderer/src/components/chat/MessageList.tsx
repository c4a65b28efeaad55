import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { Message } from '../../api'
import { useTranslation } from '../../i18n'
import { useChat } from '../../stores/chat'
import { MessageItem } from './MessageItem'

/** How close to the bottom (px) still counts as "following along". */
const STICK_THRESHOLD = 80
/** Space between messages, above the first and below the last (px). */
const GAP = 24
const PADDING_TOP = 24
const PADDING_BOTTOM = 16

/**
 * A message's height before it is measured (px): rough, from its length. Rows are measured once
 * rendered; a good guess keeps the scrollbar steady and the first open at the bottom.
 */
export function estimateHeight(message: Message | undefined): number {
  if (!message) return 60
  const text = message.content
  let newlines = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines++
  if (message.role === 'user') return 44 + 24 * (Math.ceil(text.length / 70) - 1 + newlines)
  // Lines of ~85 characters at 28 px, some space per line break (paragraphs, list items), the footer.
  return 36 + 28 * Math.ceil(text.length / 85) + 12 * newlines
}

/**
 * The conversation, virtualised: only the messages in view (and a few around them) are in the
 * DOM, each measured as it renders (dynamic heights), so a chat of thousands of messages opens as
 * fast as a short one. The view stays at the newest text while the reader is at the bottom (growth
 * of a streamed reply is noticed with a ResizeObserver, so this list never re-renders per delta)
 * and keeps its place when they scrolled up.
 */
export function MessageList() {
  const { t } = useTranslation()
  const ids = useChat((s) => s.messageIds)
  const lastIsUser = useChat((s) => {
    const last = s.messageIds.at(-1)
    return last ? s.messages[last]?.role === 'user' : false
  })
  const scroller = useRef<HTMLDivElement>(null)
  const content = useRef<HTMLElement>(null)
  const stick = useRef(true)
  const lastTop = useRef(0)
  /** The message holding the keyboard focus stays rendered, even scrolled out of view. */
  const focusedId = useRef<string | null>(null)
  const [showJump, setShowJump] = useState(false)

  const lastId = ids.at(-1)

  const scrollToBottom = useCallback(() => {
    const el = scroller.current
    if (el) el.scrollTop = el.scrollHeight
  }, [])

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range)
      const focused = focusedId.current === null ? -1 : ids.indexOf(focusedId.current)
      if (focused === -1 || indexes.includes(focused)) return indexes
      return [...indexes, focused].sort((a, b) => a - b)
    },
    [ids],
  )

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimateHeight(useChat.getState().messages[ids[index]!]),
    getItemKey: (index) => ids[index]!,
    // A chat opens at its newest message: render the rows there first, not the oldest ones.
    initialOffset: () => (stick.current ? Number.MAX_SAFE_INTEGER : 0),
    overscan: 6,
    gap: GAP,
    paddingStart: PADDING_TOP,
    paddingEnd: PADDING_BOTTOM,
    rangeExtractor,
    // A row that grew (a streamed reply) keeps the bottom in view at once, before React catches up.
    onChange: () => {
      if (stick.current) scrollToBottom()
    },
  })

  // A new question from the user always brings the view down.
  useLayoutEffect(() => {
    if (lastIsUser) stick.current = true
    if (stick.current) scrollToBottom()
  }, [lastId, lastIsUser, scrollToBottom])

  useEffect(() => {
    const inner = content.current
    if (!inner) return
    const observer = new ResizeObserver(() => {
      if (stick.current) scrollToBottom()
    })
    observer.observe(inner)
    return () => observer.disconnect()
  }, [scrollToBottom])

  const rows = virtualizer.getVirtualItems()
  return (
    <div
      ref={scroller}
      className="relative min-h-0 flex-1 overflow-y-auto"
      onScroll={() => {
        const el = scroller.current
        if (!el) return
        const top = el.scrollTop
        const atBottom = el.scrollHeight - top - el.clientHeight < STICK_THRESHOLD
        // Only the reader scrolling up lets go of the bottom; text arriving between our own
        // scroll and its event must not.
        if (top < lastTop.current - 1) stick.current = atBottom
        else if (atBottom) stick.current = true
        lastTop.current = top
        setShowJump(!stick.current && !atBottom)
      }}
    >
      <section
        ref={content}
        aria-label={t('message.messages')}
        className="relative mx-auto max-w-3xl"
        style={{ height: virtualizer.getTotalSize() }}
        onFocus={(e) => {
          focusedId.current = (e.target as HTMLElement).closest<HTMLElement>('[data-message-row]')?.dataset.messageRow ?? null
        }}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focusedId.current = null
        }}
      >
        {rows.map((row) => (
          <div
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            data-message-row={row.key as string}
            className="absolute top-0 left-0 w-full px-4 sm:px-6"
            style={{ transform: `translateY(${row.start}px)` }}
          >
            <MessageItem id={row.key as string} isLast={row.key === lastId} position={row.index + 1} count={ids.length} />
          </div>
        ))}
      </section>
      {showJump && (
        <button
          type="button"
          className="sticky bottom-3 z-10 mx-auto block rounded-full border border-zinc-200 bg-white px-3 py-1 text-xs font-medium text-zinc-700 shadow-md hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-700"
          onClick={() => {
            stick.current = true
            setShowJump(false)
            scrollToBottom()
          }}
        >
          {t('message.jumpToLatest')}
        </button>
      )}
    </div>
  )
}
