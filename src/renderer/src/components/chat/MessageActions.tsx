import { useEffect, useRef, useState } from 'react'
import type { Message } from '../../api'
import { useTranslation } from '../../i18n'
import { useEffectiveModel } from '../../lib/useModel'
import { useChat } from '../../stores/chat'
import { isStreamingIn, useStreaming } from '../../stores/streaming'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { FormActions } from '../common/FormActions'
import { PencilIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'

const action =
  'inline-flex items-center justify-center rounded-md p-1.5 text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 disabled:opacity-50 disabled:hover:bg-transparent dark:text-zinc-400 dark:hover:bg-zinc-700/70 dark:hover:text-white'

/** Nothing may change the chat while a request is on its way or a reply is being written. */
function useLocked(): boolean {
  const activeId = useChat((s) => s.activeId)
  const busy = useChat((s) => s.busy)
  const streaming = useStreaming(isStreamingIn(activeId))
  return busy || streaming
}

/** "Edit": the message becomes a field; sending it makes a new version of it (the earlier one stays). */
export function EditButton({ onEdit }: { onEdit: () => void }) {
  const { t } = useTranslation()
  const locked = useLocked()
  return (
    <button type="button" className={action} data-testid="edit-message" aria-label={t('message.edit')} title={t('message.editTitle')} disabled={locked} onClick={onEdit}>
      <PencilIcon size={15} />
    </button>
  )
}

/** Deletes a message (and what follows it in this version of the chat), after a yes. */
export function DeleteButton({ message }: { message: Message }) {
  const { t } = useTranslation()
  const locked = useLocked()
  const [asking, setAsking] = useState(false)
  const trigger = useRef<HTMLButtonElement>(null)
  const reply = message.role === 'assistant'
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className={action}
        data-testid="delete-message"
        aria-label={reply ? t('message.deleteReply') : t('message.deleteMessage')}
        title={reply ? t('message.deleteReplyTitle') : t('message.deleteMessageTitle')}
        disabled={locked}
        onClick={() => setAsking(true)}
      >
        <TrashIcon size={15} />
      </button>
      {/* Made only while asked: a chat of many messages does not hold a dialog for each. */}
      {asking && (
        <ConfirmDialog
          open
          testId="delete-message-dialog"
          title={reply ? t('message.deleteReplyQuestion') : t('message.deleteMessageQuestion')}
          body={reply ? t('message.deleteReplyBody') : t('message.deleteMessageBody')}
          confirmLabel={t('common.delete')}
          destructive
          onCancel={() => {
            setAsking(false)
            trigger.current?.focus()
          }}
          onConfirm={() => {
            setAsking(false)
            void useChat.getState().deleteMessage(message.id)
          }}
        />
      )}
    </>
  )
}

/** A message being edited: Enter sends it as a new version, Shift+Enter starts a new line, Esc cancels. */
export function EditMessage({ message, onDone }: { message: Message; onDone: () => void }) {
  const { t } = useTranslation()
  const [text, setText] = useState(message.content)
  const field = useRef<HTMLTextAreaElement>(null)
  const model = useEffectiveModel()
  const locked = useLocked()
  useEffect(() => {
    const el = field.current
    if (!el) return
    el.focus()
    el.setSelectionRange(el.value.length, el.value.length)
  }, [])
  const canSend = Boolean(model) && !locked && text.trim() !== '' && text.trim() !== message.content.trim()
  const send = async () => {
    if (!model || !canSend) return
    if (await useChat.getState().edit(message.id, text, model.id)) onDone()
  }
  return (
    <form
      className="w-full max-w-[85%]"
      data-testid="edit-form"
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      <label className="sr-only" htmlFor={`edit-${message.id}`}>
        {t('message.editLabel')}
      </label>
      <textarea
        id={`edit-${message.id}`}
        ref={field}
        data-testid="edit-field"
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        className={`${ui.input} w-full resize-y focus-visible:ring-2 focus-visible:ring-violet-500/60`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            onDone()
          } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault()
            void send()
          }
        }}
      />
      <FormActions onCancel={onDone} label={t('message.editSend')} testId="edit-send" disabled={!canSend} note={t('message.editNote')} />
    </form>
  )
}
