import { useEffect, useRef, useState } from 'react'
import type { Attachment } from '../../api'
import { useTranslation } from '../../i18n'
import { TEXT_FILE_TYPES } from '../../lib/attachments'
import { DOCUMENT_FILE_TYPES } from '../../lib/documentFiles'
import { formatBytes } from '../../lib/format'
import { CloseIcon } from '../common/icons'

const PaperclipIcon = ({ size = 18 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="m21 11.5-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l8-8" />
  </svg>
)

const FileIcon = ({ size = 14 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M9 13h6M9 17h4" />
  </svg>
)

/** The paperclip: opens the system's file picker (text files). */
export function AttachButton({ disabled, onFiles }: { disabled: boolean; onFiles: (files: File[]) => void }) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={[...TEXT_FILE_TYPES, ...DOCUMENT_FILE_TYPES].join(',')}
        className="hidden"
        data-testid="attach-input"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])]
          // The same file can be picked again after it was removed.
          e.target.value = ''
          if (files.length) onFiles(files)
        }}
      />
      <button
        type="button"
        data-testid="attach"
        aria-label={t('message.attach')}
        title={t('message.attachTitle')}
        disabled={disabled}
        className="flex size-10 shrink-0 items-center justify-center rounded-xl text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-50 disabled:hover:bg-transparent dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-white"
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
      </button>
    </>
  )
}

/** The files going with a message: name and size, and (while writing it) a button to take each one off. */
export function AttachmentChips({ files, onRemove }: { files: readonly (Attachment & { key?: string })[]; onRemove?: (index: number) => void }) {
  const { t } = useTranslation()
  if (files.length === 0) return null
  return (
    <ul aria-label={t('message.attached')} data-testid="attachments" className="flex flex-wrap gap-1.5">
      {files.map((file, index) => (
        <li
          key={file.key ?? `${file.name}-${index}`}
          data-testid="attachment"
          className="flex max-w-full min-w-0 items-center gap-1.5 rounded-lg border border-zinc-200 bg-white py-1 pr-1 pl-2 text-xs text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
        >
          <FileIcon />
          <span className="min-w-0 truncate font-medium" title={file.name}>
            {file.name}
          </span>
          <span className="shrink-0 text-zinc-500 dark:text-zinc-400">{formatBytes(file.size)}</span>
          {onRemove && (
            <button
              type="button"
              aria-label={t('message.remove', { name: file.name })}
              data-testid="attachment-remove"
              className="rounded p-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              onClick={() => onRemove(index)}
            >
              <CloseIcon size={12} />
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * Files dropped anywhere on the window while the chat is open (the composer is mounted): `dragging`
 * while files are held over it, for the overlay. Text dragged in is left to the page.
 */
export function useFileDrop(enabled: boolean, onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false)
  const handler = useRef(onFiles)
  useEffect(() => {
    handler.current = onFiles
  }, [onFiles])
  useEffect(() => {
    if (!enabled) return
    let depth = 0
    const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'))
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth++
      setDragging(true)
    }
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      // Never let the browser open the file in place of Aura.
      e.preventDefault()
      depth = 0
      setDragging(false)
      const files = [...(e.dataTransfer?.files ?? [])]
      if (files.length) handler.current(files)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [enabled])
  return dragging
}

/** Shown over the chat while files are dragged over it. */
export function DropOverlay() {
  const { t } = useTranslation()
  return (
    <div
      data-testid="drop-overlay"
      aria-hidden="true"
      className="pointer-events-none fixed inset-3 z-50 flex items-center justify-center rounded-2xl border-2 border-dashed border-violet-500 bg-violet-50/90 text-base font-medium text-violet-900 dark:bg-violet-950/90 dark:text-violet-100"
    >
      <span className="flex items-center gap-2">
        <PaperclipIcon size={20} />
        {t('message.drop')}
      </span>
    </div>
  )
}
