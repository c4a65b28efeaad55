import { useEffect, useId, useState } from 'react'
import type { Assistant } from '../../api'
import { TEMPERATURES } from '../../lib/temperatures'
import { AUTO_MODEL_ID } from '../../lib/useModel'
import { useApp } from '../../stores/app'
import { type AssistantDraft, useAssistants } from '../../stores/assistants'
import { useChat } from '../../stores/chat'
import { useCloud } from '../../stores/cloud'
import { isUsable, useModels } from '../../stores/models'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { FormActions } from '../common/FormActions'
import { AlertIcon, ChatIcon, CopyIcon, PencilIcon, PlusIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'

const blank: AssistantDraft = { name: '', description: '', instructions: '', modelId: null, temperature: null }

/**
 * Settings → Assistants: presets for new chats — a name, instructions (a system prompt), a model and
 * a temperature. Aura's own are read-only (a copy can be changed); the user's own can be made,
 * changed and deleted. Any of them starts a new chat.
 */
export function AssistantsPage() {
  const items = useAssistants((s) => s.items)
  const error = useAssistants((s) => s.error)
  const [draft, setDraft] = useState<AssistantDraft | null>(null)
  const [deleting, setDeleting] = useState<Assistant | null>(null)

  useEffect(() => void useAssistants.getState().refresh(), [])

  const start = async (assistant: Assistant) => {
    await useChat.getState().startWith(assistant.id)
    useApp.getState().openChat()
  }

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-assistants">
      <h2 className="text-xl font-semibold tracking-tight">Assistants</h2>
      <p className={`mt-1 text-sm ${ui.muted}`}>
        An assistant is a ready-made start for a chat: instructions that tell the model how to answer, the model to use and how freely it
        writes. Start a chat from one here, or from “Start with” above a new chat. Changing an assistant later does not change the chats
        already made from it.
      </p>
      {error && (
        <p role="alert" className="mt-4 flex items-center gap-2 text-sm text-red-800 dark:text-red-200">
          <AlertIcon size={16} /> Aura couldn’t load the assistants: {error}
        </p>
      )}

      {draft && !draft.id ? (
        <AssistantForm draft={draft} onDone={() => setDraft(null)} />
      ) : (
        <button type="button" className={`${ui.primary} mt-5`} data-testid="assistant-new" onClick={() => setDraft({ ...blank })}>
          <PlusIcon size={16} />
          New assistant
        </button>
      )}

      <ul className="mt-5 space-y-3" aria-label="Assistants">
        {items.map((assistant) =>
          draft?.id === assistant.id ? (
            <li key={assistant.id}>
              <AssistantForm draft={draft} onDone={() => setDraft(null)} />
            </li>
          ) : (
            <li key={assistant.id} className={`${ui.card} p-4`} data-testid="assistant-card">
              <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
                <div className="min-w-0 flex-1">
                  <h3 className="flex flex-wrap items-center gap-2 font-medium">
                    {assistant.name}
                    {assistant.builtIn && <span className={ui.chip}>Built in</span>}
                  </h3>
                  {assistant.description && <p className={`text-sm ${ui.muted}`}>{assistant.description}</p>}
                  <p className={`mt-1 text-xs ${ui.muted}`}>
                    <ModelName id={assistant.modelId} /> · {temperatureWords(assistant.temperature)}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-1">
                  <button type="button" className={ui.secondary} data-testid="assistant-start" onClick={() => void start(assistant)}>
                    <ChatIcon size={15} />
                    Start a chat
                  </button>
                  {assistant.builtIn ? (
                    <button
                      type="button"
                      className={ui.ghost}
                      aria-label={`Copy ${assistant.name} to change it`}
                      title="Make a copy you can change"
                      onClick={() => setDraft({ ...fieldsOf(assistant), name: `${assistant.name} (my copy)`.slice(0, 60) })}
                    >
                      <CopyIcon size={15} />
                      Copy
                    </button>
                  ) : (
                    <>
                      <button type="button" className={ui.ghost} aria-label={`Edit ${assistant.name}`} data-testid="assistant-edit" onClick={() => setDraft({ ...fieldsOf(assistant), id: assistant.id })}>
                        <PencilIcon size={15} />
                        Edit
                      </button>
                      <button type="button" className={ui.danger} aria-label={`Delete ${assistant.name}`} data-testid="assistant-delete" onClick={() => setDeleting(assistant)}>
                        <TrashIcon size={15} />
                        Delete
                      </button>
                    </>
                  )}
                </div>
              </div>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">Instructions</summary>
                <p className={`mt-1 whitespace-pre-wrap ${ui.muted}`}>{assistant.instructions || 'None.'}</p>
              </details>
            </li>
          ),
        )}
      </ul>

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        body="The assistant is removed from the list. Chats already started from it keep their instructions."
        confirmLabel="Delete"
        destructive
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const id = deleting?.id
          setDeleting(null)
          if (id) void useAssistants.getState().remove(id)
        }}
      />
    </div>
  )
}

function fieldsOf({ name, description, instructions, modelId, temperature }: Assistant): AssistantDraft {
  return { name, description, instructions, modelId, temperature }
}

/** "Focused (0.2)": a temperature as its choice in the form calls it. */
function temperatureWords(value: number | null): string {
  const known = TEMPERATURES.find((t) => t.value === value)
  return known ? known.label.split(' — ')[0]! : `Temperature ${value}`
}

function ModelName({ id }: { id: string | null }) {
  const local = useModels((s) => s.models.find((m) => m.id === id)?.name)
  const cloud = useCloud((s) => s.models.find((m) => m.id === id)?.name)
  if (id === null) return <>The model picked in the chat</>
  if (id === AUTO_MODEL_ID) return <>Auto</>
  return <>{local ?? cloud ?? id}</>
}

function AssistantForm({ draft: initial, onDone }: { draft: AssistantDraft; onDone: () => void }) {
  const [draft, setDraft] = useState(initial)
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const models = useModels((s) => s.models)
  const local = models.filter(isUsable)
  const cloud = useCloud((s) => s.models)
  const id = useId()
  const temperatures = TEMPERATURES.some((t) => t.value === draft.temperature) ? TEMPERATURES : [...TEMPERATURES, { value: draft.temperature, label: String(draft.temperature) }]
  const modelKnown = draft.modelId === null || draft.modelId === AUTO_MODEL_ID || local.some((m) => m.id === draft.modelId) || cloud.some((m) => m.id === draft.modelId)

  const save = async () => {
    if (!draft.name.trim()) {
      setProblem('Give the assistant a name.')
      return
    }
    setSaving(true)
    const refused = await useAssistants.getState().save(draft)
    setSaving(false)
    if (refused) setProblem(refused)
    else onDone()
  }

  const field = `${ui.input} w-full focus-visible:ring-2 focus-visible:ring-violet-500/60`
  return (
    <form
      aria-label={draft.id ? `Edit ${initial.name}` : 'New assistant'}
      data-testid="assistant-form"
      className={`${ui.card} mt-5 space-y-3 p-4`}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <div>
        <label htmlFor={`${id}-name`} className="text-sm font-medium">
          Name
        </label>
        <input id={`${id}-name`} data-testid="assistant-name" className={field} maxLength={60} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="text-sm font-medium">
          What it is for <span className={`font-normal ${ui.muted}`}>(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          className={field}
          maxLength={200}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor={`${id}-instructions`} className="text-sm font-medium">
          Instructions
        </label>
        <p id={`${id}-instructions-help`} className={`text-xs ${ui.muted}`}>
          Sent to the model before every message in its chats: who it should be, how to answer, what to avoid.
        </p>
        <textarea
          id={`${id}-instructions`}
          aria-describedby={`${id}-instructions-help`}
          data-testid="assistant-instructions"
          rows={6}
          maxLength={20_000}
          className={`${field} mt-1 resize-y`}
          value={draft.instructions}
          onChange={(e) => setDraft({ ...draft, instructions: e.target.value })}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-model`} className="text-sm font-medium">
            Model
          </label>
          <select
            id={`${id}-model`}
            data-testid="assistant-model"
            className={field}
            value={draft.modelId ?? ''}
            onChange={(e) => setDraft({ ...draft, modelId: e.target.value || null })}
          >
            <option value="">The model picked in the chat</option>
            <option value={AUTO_MODEL_ID}>Auto (Aura picks for each message)</option>
            {local.length > 0 && (
              <optgroup label="On this computer">
                {local.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            )}
            {cloud.length > 0 && (
              <optgroup label="Cloud and your servers">
                {cloud.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            )}
            {!modelKnown && draft.modelId && <option value={draft.modelId}>{draft.modelId} (not available now)</option>}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-temperature`} className="text-sm font-medium">
            How freely it writes
          </label>
          <select
            id={`${id}-temperature`}
            data-testid="assistant-temperature"
            className={field}
            value={draft.temperature === null ? '' : String(draft.temperature)}
            onChange={(e) => setDraft({ ...draft, temperature: e.target.value === '' ? null : Number(e.target.value) })}
          >
            {temperatures.map((t) => (
              <option key={String(t.value)} value={t.value === null ? '' : String(t.value)}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {problem && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-200">
          {problem}
        </p>
      )}
      <FormActions onCancel={onDone} label="Save" testId="assistant-save" disabled={saving} />
    </form>
  )
}
