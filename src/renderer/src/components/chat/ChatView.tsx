import { useEffect } from 'react'
import { useTranslation } from '../../i18n'
import { assistantWords } from '../../lib/assistantWords'
import { useEffectiveModel } from '../../lib/useModel'
import { useChat } from '../../stores/chat'
import { useCloud } from '../../stores/cloud'
import { useModels } from '../../stores/models'
import { isStreamingIn, useStreaming } from '../../stores/streaming'
import { PageHeader } from '../common/PageHeader'
import { Notices } from '../common/Notices'
import { ChatCost } from './ChatCost'
import { Composer } from './Composer'
import { Instructions } from './Instructions'
import { CostMeter } from './CostMeter'
import { NoModels, Welcome } from './EmptyStates'
import { MessageList } from './MessageList'
import { ModelPicker } from './ModelPicker'

export function ChatView() {
  const model = useEffectiveModel()
  const models = useModels((s) => s.models)
  const modelsLoaded = useModels((s) => s.loaded)
  const cloudModels = useCloud((s) => s.models.length)
  const cloudSettled = useCloud((s) => s.modelsSettled)
  const activeId = useChat((s) => s.activeId)
  const title = useChat((s) => s.title)
  const assistant = useChat((s) => s.assistant)
  const loading = useChat((s) => s.loading)
  const loadError = useChat((s) => s.loadError)
  const hasMessages = useChat((s) => s.messageIds.length > 0)
  const streaming = useStreaming(isStreamingIn(activeId))
  const { t } = useTranslation()

  useEffect(() => {
    document.title = activeId && title ? `${title} — Aura` : 'Aura'
  }, [activeId, title])

  // Esc stops a reply from anywhere in the chat (but not while a dialog or a field claims it).
  useEffect(() => {
    if (!streaming) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return
      void useChat.getState().stop()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [streaming])

  // No model at all: none on this computer, and no key or server opens a cloud one (once both lists are in).
  const noModels = modelsLoaded && models.length === 0 && cloudSettled && cloudModels === 0
  const disabledReason = !modelsLoaded || (models.length === 0 && !cloudSettled)
    ? t('chatView.looking')
    : noModels
      ? t('composer.noModel')
      : !model
        ? t('chatView.noneUsable')
        : undefined

  let body
  if (activeId === null && noModels) body = <NoModels />
  else if (activeId === null && models.length === 0 && !cloudSettled) body = <div className="flex-1" aria-busy="true" />
  // A chat with nothing in it yet (also one whose first message is waiting, e.g. for a cost OK) greets like a new one.
  else if (!hasMessages && (activeId === null || (!loading && !loadError))) body = <Welcome model={model} />
  else if (loading && !hasMessages) body = <div className="flex-1" aria-busy="true" />
  else if (loadError && !hasMessages)
    body = (
      <div className="m-auto max-w-md p-6 text-center" role="alert">
        <p className="font-medium">{t('message.openFailed')}</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{loadError}</p>
        <button
          type="button"
          className="mt-4 rounded-lg bg-violet-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-violet-700"
          onClick={() => activeId && void useChat.getState().open(activeId)}
        >
          {t('message.tryAgain')}
        </button>
      </div>
    )
  else body = <MessageList />

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader>
        <ModelPicker model={model} />
        <h1 className="ml-auto hidden min-w-0 truncate pr-2 text-sm text-zinc-600 sm:block dark:text-zinc-400" data-testid="chat-title">
          {activeId ? title || t('common.newChat') : t('common.newChat')}
        </h1>
        {assistant && (
          <span data-testid="chat-assistant" className="shrink-0 truncate rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200" title={t('message.startedFrom')}>
            {assistantWords(assistant).name}
          </span>
        )}
        <span className="ml-auto flex items-center gap-2 sm:ml-0 sm:pr-1">
          <ChatCost />
          <CostMeter />
        </span>
      </PageHeader>
      <Notices />
      {!(activeId === null && noModels) && <Instructions key={activeId ?? 'new'} />}
      {body}
      {!(activeId === null && noModels) && <Composer model={model} disabledReason={disabledReason} />}
      <p className="sr-only" role="status">
        {streaming ? t('chatView.writing') : ''}
      </p>
    </div>
  )
}
