import { useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { CopyButton } from './CopyButton'
import { FolderIcon } from './icons'

/** The models folder's path with a Copy button (the user pastes it into their file manager). */
export function ModelsFolder() {
  const path = useApp((s) => s.info?.modelsDir ?? '')
  const { t } = useTranslation()
  return (
    <div className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 py-1.5 pr-1.5 pl-3 dark:border-zinc-700 dark:bg-zinc-800/60">
      <FolderIcon size={16} className="shrink-0 text-zinc-600 dark:text-zinc-400" />
      <code data-testid="models-folder" className="min-w-0 flex-1 truncate font-mono text-sm" title={path}>
        {path || '…'}
      </code>
      <CopyButton getText={() => path} label={t('common.copyPath')} showLabel data-testid="copy-models-folder" />
    </div>
  )
}
