import { useEffect, useId, useRef, useState, type MouseEvent } from 'react'
import type { Message, Source } from '../../api'
import { headingUnder } from '../../../../shared/attachments'
import { useTranslation } from '../../i18n'
import { CloseIcon } from '../common/icons'
import { Markdown } from '../chat/Markdown'

const LINK = /^#source-(\d+)$/

/** The reply's [1], [2] as links to its sources (only numbers it has a source for; a [n] already a link stays). */
export function citeLinks(text: string, count: number): string {
  if (count === 0) return text
  return text.replace(/\[(\d{1,3})\](?!\()/g, (whole, n: string) => (Number(n) >= 1 && Number(n) <= count ? `[[${n}]](#source-${n})` : whole))
}

/** Where a source is, in the page's language: "report.pdf, page 3" or "Guide › Install". */
export function usePlace(): (source: Pick<Source, 'title' | 'page' | 'heading'>) => string {
  const { t } = useTranslation()
  return (source) => {
    if (source.page !== undefined) return t('documents.page', { title: source.title, page: source.page })
    const heading = headingUnder(source)
    return heading ? `${source.title} › ${heading}` : source.title
  }
}

/** A reply's text with its citations as links, the list of its sources, and the passage a click opens. */
export function Cited({ message, text, streaming }: { message: Message; text: string; streaming: boolean }) {
  const sources = message.sources ?? []
  const [open, setOpen] = useState<Source | null>(null)
  const { t } = useTranslation()
  const place = usePlace()
  if (sources.length === 0) return <Markdown text={text} streaming={streaming} />
  // A citation link opens its passage here rather than a new window.
  const onClick = (event: MouseEvent) => {
    const link = (event.target as HTMLElement).closest('a')
    const n = Number(link?.getAttribute('href')?.match(LINK)?.[1])
    const source = sources.find((s) => s.n === n)
    if (!source) return
    event.preventDefault()
    event.stopPropagation()
    setOpen(source)
  }
  return (
    <div onClickCapture={onClick}>
      <Markdown text={citeLinks(text, sources.length)} streaming={streaming} />
      <div className="mt-2 flex flex-wrap items-center gap-1.5" data-testid="sources">
        <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{t('documents.sources')}</span>
        {sources.map((source) => (
          <button
            key={source.n}
            type="button"
            data-testid="source"
            title={source.text.slice(0, 200)}
            aria-label={t('documents.openSource', { n: source.n, place: place(source) })}
            className="inline-flex max-w-full items-center gap-1 rounded-full border border-zinc-200 bg-zinc-50 px-2 py-0.5 text-xs text-zinc-700 hover:border-violet-400 hover:text-violet-800 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300 dark:hover:text-violet-200"
            onClick={() => setOpen(source)}
          >
            <span className="font-semibold">[{source.n}]</span>
            <span className="truncate">{place(source)}</span>
          </button>
        ))}
      </div>
      {open && <Passage source={open} onClose={() => setOpen(null)} />}
    </div>
  )
}

/** The passage a citation stands for: its file, page or heading, and its text (a small modal panel). */
function Passage({ source, onClose }: { source: Source; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const { t } = useTranslation()
  const place = usePlace()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="passage"
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose()
      }}
    >
      <div className="flex items-start gap-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-700">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-sm font-semibold [overflow-wrap:anywhere]">
            [{source.n}] {place(source)}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-600 [overflow-wrap:anywhere] dark:text-zinc-400">{source.path}</p>
        </div>
        <button type="button" aria-label={t('documents.close')} className="rounded p-1 hover:bg-black/5 dark:hover:bg-white/10" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <blockquote className="max-h-[60vh] overflow-y-auto whitespace-pre-wrap px-4 py-3 text-sm leading-6 [overflow-wrap:anywhere]" data-testid="passage-text">
        {source.text}
      </blockquote>
    </dialog>
  )
}
