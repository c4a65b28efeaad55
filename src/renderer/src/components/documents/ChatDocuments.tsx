import { useEffect, useId, useRef, useState, type SVGProps } from 'react'
import type { AuraErrorShape } from '../../api'
import { useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { useChat } from '../../stores/chat'
import { useDocuments } from '../../stores/documents'
import { CloseIcon } from '../common/icons'
import { ui } from '../common/ui'
import { Switch } from '../settings/fields'

/** A book: documents (the chip, the Settings page). */
export const BookIcon = ({ size = 14, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
    <path d="M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5z" />
    <path d="M4 19.5A2.5 2.5 0 0 0 6.5 22H20v-5" />
  </svg>
)

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path

/**
 * The chat's documents under the composer: a chip that says how many sources the chat searches, and
 * opens a panel to pick collections, take off attached files and allow the cloud for this chat.
 */
export function DocumentsChip() {
  const chat = useDocuments((s) => s.chat)
  const collections = useDocuments((s) => s.collections)
  const attaching = useDocuments((s) => s.attaching)
  const [open, setOpen] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const box = useRef<HTMLDivElement>(null)
  const panelId = useId()
  const switchId = useId()
  const { t } = useTranslation()
  const count = chat.collections.length + chat.files.length

  useEffect(() => {
    void useDocuments.getState().refreshCollections()
  }, [])
  useEffect(() => {
    if (!open) return
    const away = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false)
    }
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false)
    document.addEventListener('pointerdown', away)
    document.addEventListener('keydown', escape)
    return () => {
      document.removeEventListener('pointerdown', away)
      document.removeEventListener('keydown', escape)
    }
  }, [open])
  // Nothing to show until there are documents to use.
  if (count === 0 && collections.length === 0 && attaching.length === 0) return null

  const change = async (patch: Parameters<ReturnType<typeof useDocuments.getState>['update']>[0]) => setProblem(await useDocuments.getState().update(patch))
  const toggle = (name: string) => void change({ collections: chat.collections.includes(name) ? chat.collections.filter((c) => c !== name) : [...chat.collections, name] })

  return (
    <div ref={box} className="relative">
      <button
        type="button"
        data-testid="documents-chip"
        aria-expanded={open}
        aria-controls={panelId}
        title={t('documents.chipTitle')}
        className={`${ui.chip} ${count > 0 ? 'border-violet-300 text-violet-800 dark:border-violet-700 dark:text-violet-200' : ''}`}
        onClick={() => setOpen((o) => !o)}
      >
        <BookIcon />
        {attaching.length > 0 ? t('documents.attaching', { name: attaching[0] }) : count > 0 ? t('documents.chip', { count }) : t('documents.chipNone')}
      </button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label={t('documents.inScope')}
          data-testid="documents-panel"
          className="fixed inset-x-0 bottom-28 z-20 mx-auto w-[min(22rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-3 text-left text-sm shadow-xl dark:border-zinc-700 dark:bg-zinc-800"
        >
          <p className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{t('documents.collections')}</p>
          {collections.length === 0 ? (
            <p className={`mt-1 text-xs ${ui.muted}`}>{t('documents.noCollections')}</p>
          ) : (
            <ul className="mt-1 max-h-40 space-y-1 overflow-y-auto">
              {collections.map((name) => (
                <li key={name}>
                  <label className="flex items-center gap-2 [overflow-wrap:anywhere]">
                    <input type="checkbox" data-testid="collection-option" checked={chat.collections.includes(name)} onChange={() => toggle(name)} className="accent-violet-600" />
                    {name}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className={`${ui.link} mt-1 text-xs`} onClick={() => useApp.getState().openSettings('documents')}>
            {t('documents.manage')}
          </button>
          {chat.files.length > 0 && (
            <>
              <p className="mt-3 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{t('documents.chatFiles')}</p>
              <ul className="mt-1 max-h-32 space-y-1 overflow-y-auto">
                {chat.files.map((path) => (
                  <li key={path} className="flex items-center gap-2" data-testid="chat-file">
                    <span className="min-w-0 flex-1 truncate" title={path}>
                      {fileName(path)}
                    </span>
                    <button
                      type="button"
                      aria-label={t('documents.removeFile', { name: fileName(path) })}
                      className="rounded p-0.5 hover:bg-black/5 dark:hover:bg-white/10"
                      onClick={() => void change({ files: chat.files.filter((f) => f !== path) })}
                    >
                      <CloseIcon size={12} />
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="mt-3 border-t border-zinc-200 pt-3 dark:border-zinc-700">
            <p id={switchId} className="font-medium">
              {t('documents.allowCloud')}
            </p>
            <p className={`mb-2 mt-0.5 text-xs ${ui.muted}`}>{t('documents.allowCloudHelp')}</p>
            <Switch checked={chat.allowCloud} labelledBy={switchId} testId="allow-cloud" onChange={(allowCloud) => void change({ allowCloud })} />
          </div>
          {problem && (
            <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  )
}

/** Under "nothing local can answer this chat with documents": the switch, one click away. */
export function AllowCloudButton({ error }: { error: AuraErrorShape | null | undefined }) {
  const { t } = useTranslation()
  if (error?.code !== 'local_only' || (error.data as { documents?: boolean } | undefined)?.documents !== true) return null
  return (
    <button
      type="button"
      data-testid="allow-cloud-now"
      className={`${ui.link} mt-1 text-sm`}
      onClick={() => {
        void useDocuments
          .getState()
          .update({ allowCloud: true })
          .then((problem) => problem === null && useChat.getState().clearSendError())
      }}
    >
      {t('documents.allowCloudNow')}
    </button>
  )
}
