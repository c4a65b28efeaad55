import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useChat } from '../../stores/chat'
import { MessageItem } from './MessageItem'

/** How close to the bottom (px) still counts as "following along". */
const STICK_THRESHOLD = 80

/**
 * The conversation, scrolled to the newest text while the reader is at the bottom. Growth
 * (streamed text) is noticed with a ResizeObserver, so this list never re-renders per delta.
 */
export function MessageList() {
  const ids = useChat((s) => s.messageIds)
  const lastIsUser = useChat((s) => {
    const last = s.messageIds.at(-1)
    return last ? s.messages[last]?.role === 'user' : false
  })
  const scroller = useRef<HTMLDivElement>(null)
  const content = useRef<HTMLDivElement>(null)
  const stick = useRef(true)
  const lastTop = useRef(0)
  const [showJump, setShowJump] = useState(false)

  const lastId = ids.at(-1)

  const scrollToBottom = () => {
    const el = scroller.current
    if (el) el.scrollTop = el.scrollHeight
  }

  // A new question from the user always brings the view down.
  useLayoutEffect(() => {
    if (lastIsUser) stick.current = true
    if (stick.current) scrollToBottom()
  }, [lastId, lastIsUser])

  useEffect(() => {
    const inner = content.current
    if (!inner) return
    const observer = new ResizeObserver(() => {
      if (stick.current) scrollToBottom()
    })
    observer.observe(inner)
    return () => observer.disconnect()
  }, [])

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
      <section ref={content} aria-label="Messages" className="mx-auto flex max-w-3xl flex-col gap-6 px-4 pt-6 pb-4 sm:px-6">
        {ids.map((id) => (
          <MessageItem key={id} id={id} isLast={id === lastId} />
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
          Jump to latest ↓
        </button>
      )}
    </div>
  )
}
