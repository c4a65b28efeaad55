import { useEffect, useId, useRef } from 'react'
import { useTranslation } from '../../i18n'

interface ConfirmDialogProps {
  open: boolean
  title: string
  body: string
  confirmLabel: string
  /** Red confirm button for actions that cannot be undone. */
  destructive?: boolean
  onConfirm: () => void
  onCancel: () => void
  testId?: string
}

/** A modal question (native <dialog>: focus stays inside, Esc cancels). */
export function ConfirmDialog({ open, title, body, confirmLabel, destructive = false, onConfirm, onCancel, testId = 'confirm-dialog' }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const { t } = useTranslation()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const bodyId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      cancelRef.current?.focus()
    } else if (!open && dialog.open) {
      dialog.close()
    }
  }, [open])

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) cancels.
        if (event.target === ref.current) onCancel()
      }}
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <p id={bodyId} className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
            {body}
          </p>
          <div className="mt-5 flex justify-end gap-2">
            <button
              ref={cancelRef}
              type="button"
              className="rounded-lg px-3.5 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-700"
              onClick={onCancel}
              data-testid="confirm-cancel"
            >
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className={`rounded-lg px-3.5 py-2 text-sm font-medium text-white ${
                destructive ? 'bg-red-600 hover:bg-red-700' : 'bg-violet-600 hover:bg-violet-700'
              }`}
              onClick={onConfirm}
              data-testid="confirm-ok"
            >
              {confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  )
}
