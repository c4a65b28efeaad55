import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from '../../i18n'
import { call, errorMessage, request } from '../../lib/client'
import { formatBytes } from '../../lib/format'
import { useApp } from '../../stores/app'
import { useCatalog } from '../../stores/catalog'
import { useModels } from '../../stores/models'
import { useModelsPage } from '../../stores/modelsPage'
import { ModelsFolder } from '../common/ModelsFolder'
import { ui } from '../common/ui'

type Status = { kind: 'working' | 'done' | 'error'; text: string }

/** Where models are kept, and moving them (or just pointing Aura) somewhere else. */
export function ModelsFolderSection() {
  const { t } = useTranslation()
  const open = useModelsPage((s) => s.folderFormOpen)
  const current = useApp((s) => s.info?.modelsDir ?? '')
  // The desktop app moves models only to a folder picked in the system's dialog; the browser page types a path.
  const desktop = useApp((s) => s.info?.shell === 'electron')
  const diskFree = useCatalog((s) => s.hardware?.diskFreeBytes ?? null)
  const modelCount = useModels((s) => s.models.filter((m) => !m.imported).length)
  const [path, setPath] = useState('')
  const [move, setMove] = useState(true)
  const [status, setStatus] = useState<Status | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const ids = { path: useId(), move: useId(), hint: useId() }

  useEffect(() => {
    if (open) inputRef.current?.focus()
  }, [open])

  const working = status?.kind === 'working'
  const close = () => {
    useModelsPage.getState().setFolderFormOpen(false)
    setPath('')
  }

  const choose = async () => {
    try {
      const { path: picked } = await call('models.chooseFolder', {})
      if (picked) setPath(picked)
    } catch (error) {
      setStatus({ kind: 'error', text: t('models.folder.dialogFailed', { problem: errorMessage(error) }) })
    }
  }

  const save = async () => {
    const target = path.trim().replace(/^["']|["']$/g, '')
    if (!target) return
    setStatus({
      kind: 'working',
      text: move && modelCount > 0 ? t('models.folder.moving') : t('models.folder.changing'),
    })
    try {
      const result = await call('models.setFolder', { path: target, moveFiles: move })
      const info = await request('app.info', {})
      if (info.ok) useApp.setState({ info: info.data })
      void useModels.getState().refresh()
      void useCatalog.getState().loadHardware()
      setStatus({
        kind: 'done',
        text: move
          ? t('models.folder.moved', { count: result.moved, folder: result.modelsDir })
          : t('models.folder.changed', { folder: result.modelsDir }),
      })
      close()
    } catch (error) {
      setStatus({ kind: 'error', text: t('models.folder.notChanged', { problem: errorMessage(error) }) })
    }
  }

  return (
    <section aria-labelledby="folder-heading" className="mt-10 scroll-mt-4" id="models-folder-section">
      <h3 id="folder-heading" className="text-base font-semibold">
        {t('models.folder.heading')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
        {diskFree !== null ? t('models.folder.introFree', { size: formatBytes(diskFree) }) : t('models.folder.intro')}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1 basis-72">
          <ModelsFolder />
        </div>
        {!open && (
          <button
            type="button"
            data-testid="models-folder-change"
            className={ui.secondary}
            onClick={() => {
              setStatus(null)
              setPath(current)
              useModelsPage.getState().setFolderFormOpen(true)
            }}
          >
            {t('models.folder.change')}
          </button>
        )}
      </div>

      {open && (
        <form
          className="mt-3 rounded-xl border border-zinc-200 px-4 py-3.5 dark:border-zinc-700"
          data-testid="models-folder-form"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <label htmlFor={ids.path} className="text-sm font-medium">
            {t('models.folder.new')}
          </label>
          <p id={ids.hint} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            {desktop ? t('models.folder.chooseHint') : t('models.folder.pathHint')}
          </p>
          <div className="mt-2 flex gap-2">
            <input
              ref={inputRef}
              id={ids.path}
              data-testid="models-folder-path"
              aria-describedby={ids.hint}
              value={path}
              disabled={working}
              readOnly={desktop}
              onChange={(e) => setPath(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              className={`${ui.input} min-w-0 flex-1 font-mono`}
            />
            {desktop && (
              <button type="button" data-testid="models-folder-choose" className={ui.secondary} disabled={working} onClick={() => void choose()}>
                {t('models.folder.choose')}
              </button>
            )}
          </div>
          <label htmlFor={ids.move} className="mt-3 flex items-start gap-2 text-sm">
            <input
              id={ids.move}
              type="checkbox"
              data-testid="models-folder-move"
              checked={move}
              disabled={working}
              onChange={(e) => setMove(e.target.checked)}
              className="mt-0.5 size-4 accent-violet-600"
            />
            <span>
              {t('models.folder.move')}
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                {move ? t('models.folder.moveHint', { count: modelCount }) : t('models.folder.stayHint')}
              </span>
            </span>
          </label>
          <div className="mt-3 flex justify-end gap-2">
            <button type="button" className={ui.ghost} onClick={close} disabled={working}>
              {t('common.cancel')}
            </button>
            <button type="submit" data-testid="models-folder-save" className={ui.primary} disabled={working || !path.trim() || path.trim() === current}>
              {working ? t('models.folder.working') : move ? t('models.folder.moveModels') : t('models.folder.use')}
            </button>
          </div>
        </form>
      )}

      <p
        role={status?.kind === 'error' ? 'alert' : 'status'}
        data-testid="models-folder-status"
        data-state={status?.kind}
        className={`flex items-center gap-2 text-sm ${status ? 'mt-2' : ''} ${
          status?.kind === 'error' ? 'text-red-700 dark:text-red-400' : status?.kind === 'done' ? 'text-emerald-700 dark:text-emerald-400' : 'text-zinc-600 dark:text-zinc-400'
        }`}
      >
        {working && <span className="size-3.5 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />}
        {status?.text ?? ''}
      </p>
    </section>
  )
}
