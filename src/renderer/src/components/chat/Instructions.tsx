import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from '../../i18n'
import { assistantWords } from '../../lib/assistantWords'
import { useApp } from '../../stores/app'
import { useAssistants } from '../../stores/assistants'
import { useChat } from '../../stores/chat'
import { isStreamingIn, useStreaming } from '../../stores/streaming'
import { FormActions } from '../common/FormActions'
import { PencilIcon } from '../common/icons'
import { ui } from '../common/ui'

/**
 * The chat's instructions (a system prompt), at the top of the chat: one line folded, a field to
 * edit. A new chat also offers the assistants to start from. Keyed by the chat: another chat starts folded.
 */
export function Instructions() {
  const { t } = useTranslation()
  const activeId = useChat((s) => s.activeId)
  const instructions = useChat((s) => s.instructions)
  const empty = useChat((s) => s.messageIds.length === 0)
  const streaming = useStreaming(isStreamingIn(activeId))
  const busy = useChat((s) => s.busy)
  const [editing, setEditing] = useState(false)
  const [open, setOpen] = useState(false)
  if (editing) return <InstructionsEditor onDone={() => setEditing(false)} />
  const text = instructions.trim()
  return (
    <section aria-label={t('message.instructions')} data-testid="instructions" className="border-b border-zinc-200 px-4 py-1.5 text-sm dark:border-zinc-800">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-2 gap-y-1">
        {text ? (
          <>
            <button
              type="button"
              aria-expanded={open}
              className="flex min-w-0 flex-1 items-baseline gap-2 rounded-md px-1 py-0.5 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              onClick={() => setOpen(!open)}
              title={open ? t('message.foldInstructions') : t('message.showInstructions')}
            >
              <span className="shrink-0 font-medium">{t('message.instructions')}</span>
              <span data-testid="instructions-text" className={`min-w-0 ${ui.muted} ${open ? 'whitespace-pre-wrap' : 'truncate'}`}>
                {text}
              </span>
            </button>
            <button type="button" className={ui.ghost} data-testid="instructions-edit" disabled={busy || streaming} onClick={() => setEditing(true)}>
              <PencilIcon size={14} />
              {t('message.editInstructions')}
            </button>
          </>
        ) : (
          <button type="button" className={ui.ghost} data-testid="instructions-edit" disabled={busy || streaming} onClick={() => setEditing(true)} title={t('message.addInstructionsTitle')}>
            <PencilIcon size={14} />
            {t('message.addInstructions')}
          </button>
        )}
        {activeId === null && empty && <StartWith />}
      </div>
    </section>
  )
}

/** An assistant with its name and description as the page shows them (Aura's own in the language on screen). */
const assistantWithWords = <T extends { id: string; name: string; description: string }>(assistant: T): T => ({ ...assistant, ...assistantWords(assistant) })

/** A new chat: the assistants it can start from. */
function StartWith() {
  const { t } = useTranslation()
  const items = useAssistants((s) => s.items)
  const loaded = useAssistants((s) => s.loaded)
  useEffect(() => {
    if (!loaded) void useAssistants.getState().refresh()
  }, [loaded])
  if (items.length === 0) return null
  return (
    <span role="group" aria-label={t('message.startWithGroup')} className="ml-auto flex flex-wrap items-center gap-1">
      <span className={`text-xs ${ui.muted}`}>{t('message.startWith')}</span>
      {items.slice(0, 6).map(assistantWithWords).map((assistant) => (
        <button
          key={assistant.id}
          type="button"
          data-testid="start-with"
          className={`${ui.chip} hover:border-violet-400 hover:text-violet-800 dark:hover:text-violet-200`}
          title={assistant.description || assistant.name}
          onClick={() => void useChat.getState().startWith(assistant.id)}
        >
          {assistant.name}
        </button>
      ))}
      <button type="button" className={`${ui.link} text-xs`} onClick={() => useApp.getState().openSettings('assistants')}>
        {t('message.manage')}
      </button>
    </span>
  )
}

function InstructionsEditor({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation()
  const saved = useChat((s) => s.instructions)
  const [text, setText] = useState(saved)
  const [saving, setSaving] = useState(false)
  const field = useRef<HTMLTextAreaElement>(null)
  const id = useId()
  useEffect(() => field.current?.focus(), [])
  const save = async () => {
    setSaving(true)
    const ok = await useChat.getState().setInstructions(text.trim())
    setSaving(false)
    if (ok) onDone()
  }
  return (
    <form
      aria-label={t('message.instructionsForm')}
      data-testid="instructions-editor"
      className="border-b border-zinc-200 px-4 py-2 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <div className="mx-auto max-w-3xl">
        <label htmlFor={id} className="text-sm font-medium">
          {t('message.instructionsLabel')}
        </label>
        <p id={`${id}-help`} className={`text-xs ${ui.muted}`}>
          {t('message.instructionsHelp')}
        </p>
        <textarea
          id={id}
          ref={field}
          aria-describedby={`${id}-help`}
          data-testid="instructions-field"
          rows={4}
          maxLength={20_000}
          placeholder={t('message.instructionsPlaceholder')}
          className={`${ui.input} mt-1.5 max-h-[40vh] w-full resize-y focus-visible:ring-2 focus-visible:ring-violet-500/60`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault()
              onDone()
            }
          }}
        />
        <FormActions onCancel={onDone} label={t('message.save')} testId="instructions-save" disabled={saving} />
      </div>
    </form>
  )
}
