import { useEffect, useId, useState } from 'react'
import type { Assistant } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { assistantWords } from '../../lib/assistantWords'
import { formatNumber } from '../../lib/format'
import { temperatureChoices, temperatureLabel, temperatureName } from '../../lib/temperatures'
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
  const { t } = useTranslation()

  useEffect(() => void useAssistants.getState().refresh(), [])

  const start = async (assistant: Assistant) => {
    await useChat.getState().startWith(assistant.id)
    useApp.getState().openChat()
  }

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-assistants">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.assistants.label')}</h2>
      <p className={`mt-1 text-sm ${ui.muted}`}>{t('assistants.intro')}</p>
      {error && (
        <p role="alert" className="mt-4 flex items-center gap-2 text-sm text-red-800 dark:text-red-200">
          <AlertIcon size={16} /> {t('assistants.loadFailed', { problem: error })}
        </p>
      )}

      {draft && !draft.id ? (
        <AssistantForm draft={draft} onDone={() => setDraft(null)} />
      ) : (
        <button type="button" className={`${ui.primary} mt-5`} data-testid="assistant-new" onClick={() => setDraft({ ...blank })}>
          <PlusIcon size={16} />
          {t('assistants.new')}
        </button>
      )}

      <ul className="mt-5 space-y-3" aria-label={t('settings.pages.assistants.label')}>
        {items.map((assistant) => {
          const { name, description } = assistantWords(assistant)
          return draft?.id === assistant.id ? (
            <li key={assistant.id}>
              <AssistantForm draft={draft} onDone={() => setDraft(null)} />
            </li>
          ) : (
            <li key={assistant.id} className={`${ui.card} p-4`} data-testid="assistant-card">
              <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
                <div className="min-w-0 flex-1">
                  <h3 className="flex flex-wrap items-center gap-2 font-medium">
                    {name}
                    {assistant.builtIn && <span className={ui.chip}>{t('assistants.builtIn')}</span>}
                  </h3>
                  {description && <p className={`text-sm ${ui.muted}`}>{description}</p>}
                  <p className={`mt-1 text-xs ${ui.muted}`}>
                    <ModelName id={assistant.modelId} /> · {temperatureWords(assistant.temperature)}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-1">
                  <button type="button" className={ui.secondary} data-testid="assistant-start" onClick={() => void start(assistant)}>
                    <ChatIcon size={15} />
                    {t('assistants.start')}
                  </button>
                  {assistant.builtIn ? (
                    <button
                      type="button"
                      className={ui.ghost}
                      aria-label={t('assistants.copyLabel', { name })}
                      title={t('assistants.copyTitle')}
                      onClick={() => setDraft({ ...fieldsOf(assistant), description, name: t('assistants.copyName', { name }).slice(0, 60) })}
                    >
                      <CopyIcon size={15} />
                      {t('assistants.copy')}
                    </button>
                  ) : (
                    <>
                      <button type="button" className={ui.ghost} aria-label={t('assistants.editLabel', { name })} data-testid="assistant-edit" onClick={() => setDraft({ ...fieldsOf(assistant), id: assistant.id })}>
                        <PencilIcon size={15} />
                        {t('assistants.edit')}
                      </button>
                      <button type="button" className={ui.danger} aria-label={t('assistants.deleteLabel', { name })} data-testid="assistant-delete" onClick={() => setDeleting(assistant)}>
                        <TrashIcon size={15} />
                        {t('common.delete')}
                      </button>
                    </>
                  )}
                </div>
              </div>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">{t('assistants.instructions')}</summary>
                {assistant.builtIn && i18n.language !== 'en' && <p className={`mt-1 text-xs ${ui.muted}`}>{t('assistants.asWritten')}</p>}
                <p className={`mt-1 whitespace-pre-wrap ${ui.muted}`}>{assistant.instructions || t('assistants.none')}</p>
              </details>
            </li>
          )
        })}
      </ul>

      <ConfirmDialog
        open={deleting !== null}
        title={t('assistants.deleteTitle', { name: deleting?.name ?? '' })}
        body={t('assistants.deleteBody')}
        confirmLabel={t('common.delete')}
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
  if (value === null) return temperatureLabel(null)
  return temperatureName(value) ?? i18n.t('assistants.temperature', { value: formatNumber(value) })
}

function ModelName({ id }: { id: string | null }) {
  const local = useModels((s) => s.models.find((m) => m.id === id)?.name)
  const cloud = useCloud((s) => s.models.find((m) => m.id === id)?.name)
  const { t } = useTranslation()
  if (id === null) return <>{t('assistants.chatModel')}</>
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
  const { t } = useTranslation()
  const temperatures = temperatureChoices(draft.temperature).map((value) => ({ value, label: temperatureLabel(value) }))
  const modelKnown = draft.modelId === null || draft.modelId === AUTO_MODEL_ID || local.some((m) => m.id === draft.modelId) || cloud.some((m) => m.id === draft.modelId)

  const save = async () => {
    if (!draft.name.trim()) {
      setProblem(t('assistants.needName'))
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
      aria-label={draft.id ? t('assistants.editLabel', { name: initial.name }) : t('assistants.new')}
      data-testid="assistant-form"
      className={`${ui.card} mt-5 space-y-3 p-4`}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <div>
        <label htmlFor={`${id}-name`} className="text-sm font-medium">
          {t('assistants.name')}
        </label>
        <input id={`${id}-name`} data-testid="assistant-name" className={field} maxLength={60} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="text-sm font-medium">
          {t('assistants.whatFor')} <span className={`font-normal ${ui.muted}`}>{t('assistants.optional')}</span>
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
          {t('assistants.instructions')}
        </label>
        <p id={`${id}-instructions-help`} className={`text-xs ${ui.muted}`}>
          {t('assistants.instructionsHelp')}
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
            {t('assistants.model')}
          </label>
          <select
            id={`${id}-model`}
            data-testid="assistant-model"
            className={field}
            value={draft.modelId ?? ''}
            onChange={(e) => setDraft({ ...draft, modelId: e.target.value || null })}
          >
            <option value="">{t('assistants.chatModel')}</option>
            <option value={AUTO_MODEL_ID}>{t('assistants.auto')}</option>
            {local.length > 0 && (
              <optgroup label={t('assistants.local')}>
                {local.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            )}
            {cloud.length > 0 && (
              <optgroup label={t('assistants.cloud')}>
                {cloud.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            )}
            {!modelKnown && draft.modelId && <option value={draft.modelId}>{t('assistants.notAvailable', { model: draft.modelId })}</option>}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-temperature`} className="text-sm font-medium">
            {t('assistants.howFreely')}
          </label>
          <select
            id={`${id}-temperature`}
            data-testid="assistant-temperature"
            className={field}
            value={draft.temperature === null ? '' : String(draft.temperature)}
            onChange={(e) => setDraft({ ...draft, temperature: e.target.value === '' ? null : Number(e.target.value) })}
          >
            {temperatures.map((c) => (
              <option key={String(c.value)} value={c.value === null ? '' : String(c.value)}>
                {c.label}
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
      <FormActions onCancel={onDone} label={t('assistants.save')} testId="assistant-save" disabled={saving} />
    </form>
  )
}
