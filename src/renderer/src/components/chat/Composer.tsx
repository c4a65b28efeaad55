import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { i18n, useTranslation } from '../../i18n'
import { MAX_FILES, MAX_TOTAL_BYTES, readTextFile, toAttachments, type HeldFile } from '../../lib/attachments'
import { formatBytes } from '../../lib/format'
import { contextWindow, fileTooLong } from '../../lib/contextUse'
import { formatLocalMoney, formatMoney, useMoneyUnit } from '../../lib/money'
import { retryAfterText } from '../../lib/routeWords'
import { modelDefaultsOf } from '../../../../shared/modelDefaults'
import { whereItGoes, type ChatModel } from '../../lib/useModel'
import { useChat, type CostConfirm } from '../../stores/chat'
import { useDocuments } from '../../stores/documents'
import { isDocumentFile } from '../../lib/documentFiles'
import { AllowCloudButton, DocumentsChip } from '../documents/ChatDocuments'
import { useModels } from '../../stores/models'
import { useSettings } from '../../stores/settings'
import { isStreamingIn, useStreaming } from '../../stores/streaming'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { AlertIcon, CloseIcon, SendIcon, StopIcon } from '../common/icons'
import { AttachButton, AttachmentChips, DropOverlay, useFileDrop } from './Attachments'
import { ContextGauge } from './ContextGauge'
import { RoutingHelpLink } from './MessageItem'
import { TooBig } from './TooBig'
import { ToolsIndicator } from '../tools/ToolsIndicator'

const MAX_HEIGHT = 220

interface ComposerProps {
  model: ChatModel | null
  /** Why nothing can be sent right now (no usable model), in plain words. */
  disabledReason?: string
}

/** Enter sends, Shift+Enter adds a line, Esc stops a reply being written. Text files ride along (picker or drop). */
export function Composer({ model, disabledReason }: ComposerProps) {
  const [text, setText] = useState('')
  const [files, setFiles] = useState<HeldFile[]>([])
  const [fileProblems, setFileProblems] = useState<string[]>([])
  // The model's own context size (its defaults) over the settings'.
  const contextSize = useSettings((s) => (s.settings ? modelDefaultsOf(s.settings, model?.id ?? '').contextSize : 4096))
  const localModels = useModels((s) => s.models)
  const modelWindow = contextWindow(model, contextSize, localModels)
  const area = useRef<HTMLTextAreaElement>(null)
  const activeId = useChat((s) => s.activeId)
  const busy = useChat((s) => s.busy)
  const sendError = useChat((s) => s.sendError)
  const sendErrorShape = useChat((s) => s.sendErrorShape)
  const fromRegenerate = useChat((s) => s.sendErrorFromRegenerate)
  const focusTick = useChat((s) => s.focusTick)
  const streaming = useStreaming(isStreamingIn(activeId))

  const disabled = !model
  const { t } = useTranslation()
  const canSend = !disabled && !busy && !streaming && text.trim().length > 0

  // Grow with the text, up to a limit.
  useLayoutEffect(() => {
    const el = area.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`
  }, [text])

  useEffect(() => {
    area.current?.focus()
  }, [focusTick])

  const send = async () => {
    if (!canSend || !model) return
    const content = text
    const attached = files
    setText('')
    setFiles([])
    setFileProblems([])
    const sent = await useChat.getState().send(content, model.id, { attachments: toAttachments(attached) })
    // Refused: give the words and files back so nothing is lost.
    if (!sent) {
      setText((current) => (current ? current : content))
      setFiles((current) => (current.length ? current : attached))
    }
  }

  // Files are read here, in the page (browser mode has no paths); each refusal says why in plain words.
  const modelName = model?.name ?? t('composer.thisModel')
  const attach = async (picked: File[]) => {
    const problems: string[] = []
    const added: HeldFile[] = []
    const documents: File[] = []
    for (const file of picked) {
      if (isDocumentFile(file)) {
        documents.push(file)
        continue
      }
      if (files.length + added.length >= MAX_FILES) {
        problems.push(t('composer.tooManyFiles', { max: MAX_FILES, name: file.name }))
        continue
      }
      const held = [...files, ...added].reduce((sum, f) => sum + f.size, 0)
      if (held + file.size > MAX_TOTAL_BYTES) {
        problems.push(t('composer.tooMuch', { name: file.name, size: formatBytes(MAX_TOTAL_BYTES) }))
        continue
      }
      const read = await readTextFile(file)
      // A text too long for the model's window is searched as one of the chat's documents instead.
      if (read.ok && fileTooLong(read.file, modelWindow, modelName)) documents.push(file)
      else if (read.ok) added.push(read.file)
      else problems.push(read.problem)
    }
    if (documents.length) problems.push(...(await useDocuments.getState().attach(documents)))
    setFiles((current) => [...current, ...added])
    setFileProblems(problems)
    area.current?.focus()
  }
  const dragging = useFileDrop(!disabled, (picked) => void attach(picked))

  const stop = () => void useChat.getState().stop()

  // A message held for its cost: Send sends it as it was; Cancel leaves its words in the box.
  const confirmCost = async () => {
    const held = useChat.getState().costConfirm
    if (!held) return
    if (held.kind === 'send' && text.trim() === held.text) {
      setText('')
      setFiles([])
    }
    const sent = await useChat.getState().confirmCost()
    if (!sent && held.kind === 'send') {
      setText((current) => (current ? current : held.text))
      setFiles((current) => (current.length ? current : restored(held)))
    }
  }
  const cancelCost = () => {
    const held = useChat.getState().cancelCost()
    if (held?.kind === 'send') {
      setText((current) => (current.trim() ? current : held.text))
      setFiles((current) => (current.length ? current : restored(held)))
    }
    area.current?.focus()
  }

  return (
    <div className="px-4 pb-4 sm:px-6">
      <div className="mx-auto max-w-3xl">
        {sendErrorShape?.code === 'model_too_big' && (
          <TooBig error={sendErrorShape} modelId={model?.id ?? null} canRetry={activeId !== null && fromRegenerate} />
        )}
        {sendError && sendErrorShape?.code !== 'model_too_big' && (
          <div
            role="alert"
            data-testid="send-error"
            className="mb-2 flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100"
          >
            <AlertIcon size={16} className="mt-0.5 shrink-0" />
            <div className="min-w-0 flex-1">
              <p>
                {sendError}
                {retryAfterText(sendErrorShape) && ` ${retryAfterText(sendErrorShape)}`}
              </p>
              <RoutingHelpLink error={sendErrorShape} />
              <AllowCloudButton error={sendErrorShape} />
            </div>
            <button
              type="button"
              aria-label={t('common.dismiss')}
              className="-m-0.5 rounded p-0.5 hover:bg-black/5 dark:hover:bg-white/10"
              onClick={() => useChat.getState().clearSendError()}
            >
              <CloseIcon size={14} />
            </button>
          </div>
        )}
        {fileProblems.length > 0 && (
          <div
            role="alert"
            data-testid="attach-error"
            className="mb-2 flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-100"
          >
            <AlertIcon size={16} className="mt-0.5 shrink-0" />
            <div className="min-w-0 flex-1 space-y-1">
              {fileProblems.map((problem) => (
                <p key={problem}>{problem}</p>
              ))}
            </div>
            <button type="button" aria-label={t('common.dismiss')} className="-m-0.5 rounded p-0.5 hover:bg-black/5 dark:hover:bg-white/10" onClick={() => setFileProblems([])}>
              <CloseIcon size={14} />
            </button>
          </div>
        )}
        {files.length > 0 && (
          <div className="mb-2">
            <AttachmentChips files={files} onRemove={(index) => setFiles((current) => current.filter((_, i) => i !== index))} />
          </div>
        )}
        {dragging && <DropOverlay />}
        <form
          data-focus-ring="within"
          className="flex items-end gap-1 rounded-2xl border border-zinc-300 bg-white p-2 pl-1.5 shadow-sm focus-within:border-violet-500 focus-within:ring-2 focus-within:ring-violet-500/20 dark:border-zinc-700 dark:bg-zinc-800"
          onSubmit={(e) => {
            e.preventDefault()
            void send()
          }}
        >
          <AttachButton disabled={disabled} onFiles={(picked) => void attach(picked)} />
          <label htmlFor="composer" className="sr-only">
            {t('composer.message')}
          </label>
          <textarea
            id="composer"
            ref={area}
            data-testid="composer"
            rows={1}
            value={text}
            disabled={disabled}
            placeholder={
              disabled
                ? (disabledReason ?? t('composer.noModel'))
                : files.length
                  ? t('composer.askFiles')
                  : model.kind === 'auto'
                    ? t('composer.messageAura')
                    : t('composer.messageModel', { model: model.name })
            }
            className="max-h-[220px] min-h-10 flex-1 resize-none bg-transparent py-2 pl-1 text-[15px] leading-6 outline-none placeholder:text-zinc-500 focus-visible:outline-none disabled:cursor-not-allowed dark:placeholder:text-zinc-400"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault()
                void send()
              } else if (e.key === 'Escape' && streaming) {
                e.preventDefault()
                stop()
              }
            }}
          />
          {streaming ? (
            <button
              type="button"
              data-testid="stop"
              aria-label={t('composer.stop')}
              title={t('composer.stopTitle')}
              className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white"
              onClick={stop}
            >
              <StopIcon size={16} />
            </button>
          ) : (
            <button
              type="submit"
              data-testid="send"
              aria-label={t('composer.send')}
              title={t('composer.sendTitle')}
              disabled={!canSend}
              className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-violet-600 text-white hover:bg-violet-700 disabled:bg-zinc-200 disabled:text-zinc-500 dark:disabled:bg-zinc-700 dark:disabled:text-zinc-400"
            >
              {busy ? (
                <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
              ) : (
                <SendIcon size={18} />
              )}
            </button>
          )}
        </form>
        <div className="mt-2 flex flex-wrap items-center justify-center gap-x-4 gap-y-1">
          <DocumentsChip />
          <ContextGauge window={modelWindow} draft={text} files={files} />
          <ToolsIndicator />
          <p className="text-center text-xs text-zinc-600 dark:text-zinc-400" data-testid="where-it-goes">
            {t('composer.smallPrint', { goes: whereItGoes(model), mistakes: t('composer.mistakes') })}
          </p>
        </div>
        <CostConfirmDialog onConfirm={() => void confirmCost()} onCancel={cancelCost} />
      </div>
    </div>
  )
}

/** The files a held message carried, back in the composer. */
function restored(held: CostConfirm): HeldFile[] {
  return (held.attachments ?? []).map((file, i) => ({ ...file, key: `held-${i}-${file.name}` }))
}

/** "This message will cost about $0.14 with Claude Opus 5.5 (you asked to confirm above $0.10)." */
export function costQuestion(held: CostConfirm, unit: { currency: string; currencyPerUsd: number }, askAbove: number | null): string {
  const t = i18n.t.bind(i18n)
  const estimate = Number.isFinite(held.estimateUsd) ? t('composer.about', { amount: formatMoney(held.estimateUsd, unit) }) : t('composer.moreThanUsual')
  const above = askAbove !== null ? t('composer.above', { limit: formatLocalMoney(askAbove, unit.currency) }) : ''
  const sentence = held.kind === 'send' || held.kind === 'edit' ? 'composer.costSend' : held.kind === 'escalate' ? 'composer.costEscalate' : 'composer.costRegenerate'
  return t(sentence, { estimate, model: held.modelName, above })
}

function CostConfirmDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const held = useChat((s) => s.costConfirm)
  const unit = useMoneyUnit()
  const askAbove = useSettings((s) => s.settings?.confirmCostAbove ?? null)
  const { t } = useTranslation()
  return (
    <ConfirmDialog
      open={held !== null}
      title={t('composer.costTitle')}
      body={held ? costQuestion(held, unit, askAbove) : ''}
      confirmLabel={held?.kind === 'regenerate' ? t('composer.writeAgain') : t('composer.send')}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="cost-confirm"
    />
  )
}
