import { useEffect, useId, useState } from 'react'
import type { CollectionInfo, DocumentInfo } from '../../api'
import { useTranslation } from '../../i18n'
import { call, errorMessage } from '../../lib/client'
import { formatBytes } from '../../lib/format'
import { formatTimeLeft, percentOf } from '../../lib/modelWords'
import { useCatalog } from '../../stores/catalog'
import { useDocuments } from '../../stores/documents'
import { useDownloads } from '../../stores/downloads'
import { useModels } from '../../stores/models'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { AlertIcon, CheckCircleIcon, DownloadIcon, FolderIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'
import { ProgressBar } from '../models/ProgressBar'

/** The model for documents Aura offers first (the catalog's; docs/documents.md). */
export const DOCUMENTS_MODEL = 'bge-small-en-v1.5'

/** Settings → Documents: collections made from folders, their indexing, and the model for documents. */
export function DocumentsPage() {
  const collections = useDocuments((s) => s.collectionInfo)
  const error = useDocuments((s) => s.collectionsError)
  const { t } = useTranslation()

  useEffect(() => {
    void useDocuments.getState().refreshCollections()
  }, [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-documents">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.documents.label')}</h2>
      <p className={`mt-1 text-sm ${ui.muted}`}>{t('documents.intro')}</p>
      {error && (
        <p role="alert" className="mt-4 text-sm text-red-700 dark:text-red-300">
          {t('documents.loadFailed', { problem: error })}
        </p>
      )}
      <ModelOffer />
      <NewCollection />
      <section className="mt-4 space-y-3" aria-label={t('documents.collections')}>
        {collections.length === 0 ? <p className={`text-sm ${ui.muted}`}>{t('documents.empty')}</p> : collections.map((collection) => <Collection key={collection.name} collection={collection} />)}
      </section>
    </div>
  )
}

/** The model for documents: offered for download until one is installed (search works by words meanwhile). */
function ModelOffer() {
  const entry = useCatalog((s) => s.items.find((item) => item.id === DOCUMENTS_MODEL))
  const downloads = useDownloads((s) => s.byId)
  // Any model for documents will do (one added by hand too), not only the one offered.
  const installed = useModels((s) => s.models.some((model) => model.embedding))
  const { t } = useTranslation()
  useEffect(() => {
    void useCatalog.getState().loadCatalog()
  }, [])
  const quant = entry?.quants[0]
  if (!entry || !quant) return null
  const download = Object.values(downloads).find((d) => d.repo === quant.repo && d.file === quant.file && d.state !== 'done' && d.state !== 'canceled')
  const size = quant.sizeBytes === null ? '' : formatBytes(quant.sizeBytes)
  return (
    <section className={`${ui.card} mt-6 p-5`} data-testid="documents-model">
      <h3 className="font-semibold">{t('documents.modelTitle')}</h3>
      {entry.installedModelId || installed ? (
        <p className="mt-1 flex items-center gap-1.5 text-sm text-emerald-700 dark:text-emerald-300">
          <CheckCircleIcon size={15} />
          {t('documents.modelReady')}
        </p>
      ) : (
        <>
          <p className={`mt-1 text-sm ${ui.muted}`}>
            {t('documents.modelBody', { name: entry.name, size })} {t('documents.modelKeywordOnly')}
          </p>
          {download ? (
            <div className="mt-3">
              <ProgressBar value={percentOf(download)} label={entry.name} valueText={formatTimeLeft(download.etaSeconds)} />
            </div>
          ) : (
            <button type="button" data-testid="documents-model-get" className={`${ui.primary} mt-3`} onClick={() => void useDownloads.getState().start(quant.repo, quant.file)}>
              <DownloadIcon size={15} />
              {t('documents.modelGet', { size })}
            </button>
          )}
        </>
      )}
    </section>
  )
}

/** "My notes" from a folder the user picks (or types, where Aura has no folder dialog: the browser). */
function NewCollection() {
  const [name, setName] = useState('')
  const [folder, setFolder] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const nameId = useId()
  const folderId = useId()
  const { t } = useTranslation()

  const pick = async () => {
    try {
      const { path } = await call('models.chooseFolder', {})
      if (path) {
        setFolder(path)
        setName((current) => current || (path.split(/[\\/]/).filter(Boolean).pop() ?? ''))
      }
    } catch (error) {
      setProblem(errorMessage(error))
    }
  }
  const add = async () => {
    if (!name.trim()) return setProblem(t('documents.needName'))
    if (!folder.trim()) return setProblem(t('documents.needFolder'))
    setBusy(true)
    const refused = await useDocuments.getState().addCollection(name.trim(), folder.trim())
    setBusy(false)
    setProblem(refused)
    if (!refused) {
      setName('')
      setFolder('')
    }
  }
  return (
    <section className={`${ui.card} mt-4 p-5`} aria-labelledby={`${nameId}-h`}>
      <h3 id={`${nameId}-h`} className="font-semibold">
        {t('documents.newCollection')}
      </h3>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)]"
        onSubmit={(event) => {
          event.preventDefault()
          void add()
        }}
      >
        <div className="min-w-0">
          <label htmlFor={nameId} className="block text-sm font-medium">
            {t('documents.collectionName')}
          </label>
          <input id={nameId} data-testid="collection-name" className={`${ui.input} mt-1 w-full`} value={name} placeholder={t('documents.collectionNamePlaceholder')} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="min-w-0">
          <label htmlFor={folderId} className="block text-sm font-medium">
            {t('documents.folder')}
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <input id={folderId} data-testid="collection-folder" className={`${ui.input} min-w-0 flex-1`} value={folder} onChange={(e) => setFolder(e.target.value)} />
            <button type="button" className={ui.secondary} onClick={() => void pick()}>
              <FolderIcon size={15} />
              {t('documents.pickFolder')}
            </button>
          </div>
        </div>
        <div className="sm:col-span-2">
          <button type="submit" data-testid="collection-add" className={ui.primary} disabled={busy}>
            {t('documents.add')}
          </button>
          {problem && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
              {problem}
            </p>
          )}
        </div>
      </form>
    </section>
  )
}

/** One collection: its size, its indexing (progress, time left), the files that failed and why, remove. */
function Collection({ collection }: { collection: CollectionInfo }) {
  const [confirm, setConfirm] = useState(false)
  const [failed, setFailed] = useState<DocumentInfo[] | null>(null)
  const { t } = useTranslation()
  const { progress } = collection
  useEffect(() => {
    if (collection.failed === 0) return
    void call('documents.list', { collection: collection.name })
      .then((documents) => setFailed(documents.filter((d) => d.status === 'failed')))
      .catch(() => setFailed(null))
  }, [collection.name, collection.failed])
  return (
    <article className={`${ui.card} p-4`} data-testid="collection" data-status={collection.status} aria-label={collection.name}>
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <h4 className="font-semibold [overflow-wrap:anywhere]">{collection.name}</h4>
          {collection.folder && <p className={`text-xs ${ui.muted} [overflow-wrap:anywhere]`}>{collection.folder}</p>}
          <p className={`mt-1 text-sm ${ui.muted}`}>
            {t('documents.documents', { count: collection.documents })} · {t('documents.passages', { count: collection.chunks })}
            {collection.status === 'ready' && <span className="ml-2 text-emerald-700 dark:text-emerald-300">{t('documents.ready')}</span>}
          </p>
        </div>
        <button type="button" className={ui.danger} aria-label={t('documents.removeLabel', { name: collection.name })} onClick={() => setConfirm(true)}>
          <TrashIcon size={14} />
          {t('documents.remove')}
        </button>
      </div>
      {collection.status === 'indexing' && progress && (
        <div className="mt-3" data-testid="collection-progress">
          <ProgressBar
            value={progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : null}
            label={t('documents.indexing', { done: progress.done, total: progress.total })}
            valueText={formatTimeLeft(progress.etaMs === null ? null : progress.etaMs / 1000)}
          />
          <p className={`mt-1 text-xs ${ui.muted}`}>
            {t('documents.indexing', { done: progress.done, total: progress.total })}
            {progress.etaMs !== null && ` · ${formatTimeLeft(progress.etaMs / 1000)}`}
          </p>
        </div>
      )}
      {collection.problem && (
        <p role="alert" className="mt-2 flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
          <AlertIcon size={15} className="mt-0.5 shrink-0" />
          {t('documents.problem', { problem: collection.problem })}
        </p>
      )}
      {collection.failed > 0 && (
        <details className="mt-2 text-sm" data-testid="collection-failed">
          <summary className="cursor-pointer text-amber-800 dark:text-amber-200">{t('documents.failed', { count: collection.failed })}</summary>
          <ul className="mt-1 space-y-1">
            {(collection.failed > 0 ? (failed ?? []) : []).map((document) => (
              <li key={document.path} className="[overflow-wrap:anywhere]">
                <span className="font-medium">{document.title}</span>: {document.problem}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ConfirmDialog
        open={confirm}
        destructive
        title={t('documents.removeTitle', { name: collection.name })}
        body={t('documents.removeBody')}
        confirmLabel={t('documents.remove')}
        onConfirm={() => {
          setConfirm(false)
          void useDocuments.getState().removeCollection(collection.name)
        }}
        onCancel={() => setConfirm(false)}
      />
    </article>
  )
}
