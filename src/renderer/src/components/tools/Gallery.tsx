import { useId, useState } from 'react'
import type { McpGalleryEntry } from '../../api'
import { i18n, useTranslation } from '../../i18n'
import { en } from '../../i18n/en'
import { useApp } from '../../stores/app'
import { useTools } from '../../stores/tools'
import { CheckCircleIcon, AlertIcon } from '../common/icons'
import { ui } from '../common/ui'

/** The gallery's well-known servers: what each does and needs, whether that was found, and Add. */
export function Gallery() {
  const { t } = useTranslation()
  const gallery = useTools((s) => s.gallery)
  return (
    <section aria-labelledby="tools-gallery-heading" id="tools-gallery" className="mt-10 scroll-mt-4">
      <h3 id="tools-gallery-heading" className="text-base font-semibold">
        {t('tools.gallery.title')}
      </h3>
      <p className={`mt-0.5 text-sm ${ui.muted}`}>{t('tools.gallery.intro')}</p>
      {gallery && (
        <ul className="mt-3 grid gap-3 sm:grid-cols-2" aria-label={t('tools.gallery.list')}>
          {gallery.map((entry) => (
            <li key={entry.id} className="min-w-0">
              <GalleryCard entry={entry} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

type GalleryId = keyof typeof en.tools.gallery.entries

/** The entry's words in the language on screen (the services word it in English; an entry Aura has no words for keeps theirs). */
function entryWords(entry: McpGalleryEntry): { name: string; description: string } {
  if (!Object.hasOwn(en.tools.gallery.entries, entry.id)) return entry
  const id = entry.id as GalleryId
  return { name: i18n.t(`tools.gallery.entries.${id}.name`), description: i18n.t(`tools.gallery.entries.${id}.description`) }
}

function GalleryCard({ entry }: { entry: McpGalleryEntry }) {
  const { t } = useTranslation()
  const ids = { name: useId(), folder: useId(), folderHelp: useId(), error: useId() }
  // The desktop app asks for the files server's folder in the system's dialog; the browser page types it.
  const desktop = useApp((s) => s.info?.shell === 'electron')
  const added = useTools((s) => (s.servers ?? []).some((server) => server.galleryId === entry.id))
  const [folder, setFolder] = useState('')
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const words = entryWords(entry)
  const typesFolder = entry.needsFolder && !desktop

  const add = async () => {
    if (typesFolder && !folder.trim()) return setError(t('tools.gallery.needFolder'))
    setError(null)
    setWorking(true)
    const problem = await useTools.getState().addFromGallery(entry.id, typesFolder ? folder.trim() : undefined)
    setWorking(false)
    setError(problem ? t('tools.add.notAdded', { problem }) : null)
  }

  return (
    <article aria-labelledby={ids.name} data-testid="tools-gallery-entry" data-entry={entry.id} data-available={entry.available} className={`${ui.card} flex h-full flex-col px-4 py-3.5`}>
      <h4 id={ids.name} className="font-semibold">
        {words.name}
      </h4>
      <p className={`mt-0.5 text-sm ${ui.muted}`}>{words.description}</p>
      <p className="mt-2 flex items-start gap-1.5 text-xs" data-testid="tools-gallery-needs">
        {entry.available ? (
          <CheckCircleIcon size={14} className="mt-px shrink-0 text-emerald-700 dark:text-emerald-400" />
        ) : (
          <AlertIcon size={14} className="mt-px shrink-0 text-amber-700 dark:text-amber-400" />
        )}
        <span className="min-w-0">
          {entry.needs === 'node' ? t('tools.gallery.needsNode') : t('tools.gallery.needsPython')} — {entry.available ? t('tools.gallery.found') : t('tools.gallery.missing')}
        </span>
      </p>
      {!entry.available && entry.problem && <p className={`mt-1 text-xs break-words ${ui.muted}`}>{entry.problem}</p>}
      {entry.needsFolder && !added && (
        <div className="mt-2">
          {typesFolder && (
            <>
              <label htmlFor={ids.folder} className="text-xs font-medium">
                {t('tools.gallery.folder')}
              </label>
              <input
                id={ids.folder}
                data-testid="tools-gallery-folder"
                value={folder}
                spellCheck={false}
                autoComplete="off"
                disabled={working}
                aria-describedby={`${ids.folderHelp} ${ids.error}`}
                onChange={(e) => {
                  setFolder(e.target.value)
                  setError(null)
                }}
                className={`${ui.input} mt-1 w-full font-mono`}
              />
            </>
          )}
          <p id={ids.folderHelp} className={`mt-1 text-xs ${ui.muted}`}>
            {desktop ? t('tools.gallery.folderHelpDesktop') : t('tools.gallery.folderHelp')}
          </p>
        </div>
      )}
      <div className="mt-auto pt-3">
        {added ? (
          <span className={ui.chip} data-testid="tools-gallery-added">
            {t('tools.gallery.added')}
          </span>
        ) : (
          <button type="button" data-testid="tools-gallery-add" className={ui.secondary} disabled={working} aria-describedby={ids.error} onClick={() => void add()}>
            {working ? t('tools.gallery.adding') : t('tools.gallery.add')}
          </button>
        )}
      </div>
      <p id={ids.error} role="alert" className={`text-xs text-red-700 dark:text-red-400 ${error ? 'mt-2' : ''}`}>
        {error ?? ''}
      </p>
    </article>
  )
}
