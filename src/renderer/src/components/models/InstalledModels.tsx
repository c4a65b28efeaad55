import { useId, useState } from 'react'
import type { ModelListItem } from '../../api'
import { Trans, useTranslation } from '../../i18n'
import { chatWith } from '../../lib/chatWith'
import { call, errorMessage } from '../../lib/client'
import { formatBytes, formatNumber, formatCount } from '../../lib/format'
import { quantName } from '../../lib/modelWords'
import { termHints, versionWords } from '../../lib/termWords'
import { isUsable, useModels } from '../../stores/models'
import { notifyError } from '../../stores/notices'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { Term } from '../common/Term'
import { AlertIcon, ChatIcon, FolderIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'
import { RefreshModelsButton } from '../common/RefreshModelsButton'
import { VirtualList } from '../common/VirtualList'
import { FitBadge, FitDetails } from './Fit'

/** The file's own name: the services may give a full path. */
const fileName = (path: string): string => path.split(/[\\/]/).pop() || path

/** Opens the models folder in the file manager; resolves to why not, or null. */
async function openModelsFolder(): Promise<string | null> {
  try {
    await call('models.openFolder', {})
    return null
  } catch (error) {
    return errorMessage(error)
  }
}

/** The models on this computer: size, fit, where they come from; chat with one or delete it. */
export function InstalledModels() {
  const { t } = useTranslation()
  const models = useModels((s) => s.models)
  const loaded = useModels((s) => s.loaded)
  const error = useModels((s) => s.error)
  const [toDelete, setToDelete] = useState<ModelListItem | null>(null)
  const [folderProblem, setFolderProblem] = useState<string | null>(null)

  const confirmDelete = async () => {
    const model = toDelete
    setToDelete(null)
    if (!model) return
    const problem = await useModels.getState().remove(model.id)
    if (problem) notifyError(t('models.installed.deleteFailed', { name: model.name, problem }))
  }

  return (
    <section aria-labelledby="installed-heading" className="mt-10" id="installed-section">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h3 id="installed-heading" className="text-base font-semibold">
            {t('models.installed.heading')}
          </h3>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <Trans
              i18nKey="models.installed.intro"
              components={{ term: <Term hint={termHints.gguf}>{null}</Term>, code: <code className="font-mono" /> }}
            />
          </p>
        </div>
        <div className="flex gap-2">
          <button type="button" data-testid="open-models-folder" className={ui.secondary} onClick={async () => setFolderProblem(await openModelsFolder())}>
            <FolderIcon size={15} />
            {t('models.installed.openFolder')}
          </button>
          <RefreshModelsButton label={t('models.installed.refresh')} />
        </div>
      </div>

      {(error || folderProblem) && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400" data-testid="installed-problem">
          {folderProblem ?? error}
        </p>
      )}

      {!loaded ? (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{t('models.installed.looking')}</p>
      ) : models.length === 0 ? (
        <div
          className="mt-4 rounded-xl border border-dashed border-zinc-300 px-6 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
          data-testid="no-models"
        >
          <p className="font-medium text-zinc-900 dark:text-zinc-100">{t('models.installed.none')}</p>
          <p className="mt-1">{t('models.installed.noneHint')}</p>
        </div>
      ) : (
        <VirtualList
          items={models}
          getKey={(m) => m.id}
          label={t('models.installed.list')}
          estimateSize={92}
          className={`${ui.card} mt-4`}
          itemClassName="border-b border-zinc-200 last:border-b-0 dark:border-zinc-700/80"
          renderItem={(model) => <InstalledRow model={model} onDelete={() => setToDelete(model)} />}
        />
      )}

      <ConfirmDialog
        open={toDelete !== null}
        title={
          toDelete?.imported
            ? t('models.installed.forgetTitle', { name: toDelete.name })
            : toDelete
              ? t('models.installed.deleteTitle', { name: toDelete.name })
              : t('models.installed.deleteThis')
        }
        body={
          toDelete?.imported
            ? t('models.installed.forgetBody')
            : t('models.installed.deleteBody', { size: toDelete ? formatBytes(toDelete.sizeBytes) : '' })
        }
        confirmLabel={toDelete?.imported ? t('models.installed.forget') : t('common.delete')}
        destructive
        onCancel={() => setToDelete(null)}
        onConfirm={() => void confirmDelete()}
      />
    </section>
  )
}

function InstalledRow({ model, onDelete }: { model: ModelListItem; onDelete: () => void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  return (
    <div data-testid="installed-model" data-id={model.id} data-imported={model.imported || undefined} className="px-4 py-3">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-60">
          <p className="flex flex-wrap items-center gap-2 font-medium break-words">
            {model.name}
            {model.imported && (
              <span className={ui.chip} data-testid="imported-marker" title={t('models.installed.usedWhere', { file: model.file })}>
                {t('models.installed.elsewhere')}
              </span>
            )}
          </p>
          <p className="mt-0.5 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400" title={model.file}>
            {fileName(model.file)}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm tabular-nums">{formatBytes(model.sizeBytes)}</span>
          {model.fit && <FitBadge label={model.fit.label} controls={detailsId} expanded={open} onToggle={() => setOpen((o) => !o)} />}
          <button type="button" aria-expanded={open} aria-controls={detailsId} className={`${ui.ghost} text-xs`} onClick={() => setOpen((o) => !o)}>
            {open ? t('models.hideDetails') : t('models.details')}
          </button>
          {isUsable(model) && !model.embedding && (
            <button type="button" data-testid="installed-chat" className={ui.ghost} onClick={() => chatWith(model.id)}>
              <ChatIcon size={15} />
              {t('models.chat')}
              <span className="sr-only">{t('models.installed.chatWith', { name: model.name })}</span>
            </button>
          )}
          <button type="button" data-testid="delete-model" className={ui.danger} onClick={onDelete} aria-label={t('models.installed.deleteNamed', { name: model.name })} title={t('common.delete')}>
            <TrashIcon size={15} />
          </button>
        </div>
      </div>

      {model.problem && (
        <div
          data-testid="model-problem"
          className="mt-2 flex items-start gap-1.5 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-950 dark:bg-amber-950/50 dark:text-amber-100"
        >
          <AlertIcon size={14} className="mt-px shrink-0" />
          <span>
            <strong className="font-semibold">{t('models.installed.unusable')}</strong> {model.problem}
          </span>
        </div>
      )}
      {!model.problem && model.embedding && (
        <p data-testid="model-for-documents" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {t('models.installed.forDocuments')}
        </p>
      )}
      {!model.problem && !model.embedding && !model.hasChatTemplate && (
        <p data-testid="model-no-chat-format" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          <Trans i18nKey="models.installed.noChatFormat" components={{ term: <Term hint={termHints.noChatFormat}>{null}</Term> }} />
        </p>
      )}

      <div id={detailsId} hidden={!open} className="mt-3 space-y-2">
        {open && (
          <>
            {model.fit && <FitDetails id={`${detailsId}-fit`} fit={model.fit} />}
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 px-1 text-xs text-zinc-600 dark:text-zinc-400">
              <dt>{t('models.version')}</dt>
              <dd>
                {model.quantization ? <Term hint={termHints.version}>{versionWords(quantName(model.quantization), model.quantization)}</Term> : '—'}
              </dd>
              <dt>
                <Term hint={termHints.parameters}>{t('models.installed.parameters')}</Term>
              </dt>
              <dd>{formatCount(model.parameters)}</dd>
              <dt>{t('models.remembersUpTo')}</dt>
              <dd>
                {model.contextLength ? (
                  <Trans
                    i18nKey="models.conversationTokens"
                    values={{ number: formatNumber(model.contextLength) }}
                    components={{ term: <Term hint={termHints.tokens}>{null}</Term> }}
                  />
                ) : (
                  '—'
                )}
              </dd>
              <dt>
                <Term hint={termHints.architecture}>{t('models.installed.design')}</Term>
              </dt>
              <dd>{model.architecture ?? '—'}</dd>
              <dt>{t('models.installed.file')}</dt>
              <dd className="font-mono break-all">{model.file}</dd>
            </dl>
          </>
        )}
      </div>
    </div>
  )
}
