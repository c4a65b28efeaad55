import { useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { toolsOn, useTools } from '../../stores/tools'
import { WrenchIcon } from './WrenchIcon'

/** Beside the composer while any tools server is on: how many tools models may use (once known), a link to Settings → Tools. */
export function ToolsIndicator() {
  const { t } = useTranslation()
  const servers = useTools((s) => s.servers)
  const on = toolsOn(servers)
  if (on.servers === 0) return null
  const names = (servers ?? [])
    .filter((server) => server.enabled)
    .map((server) => server.name)
    .join(', ')
  return (
    <button
      type="button"
      data-testid="tools-indicator"
      data-tools={on.tools}
      title={t('tools.indicator.title', { servers: names })}
      className="inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      onClick={() => useApp.getState().openSettings('tools')}
    >
      <WrenchIcon size={13} />
      {on.tools > 0 ? t('tools.indicator.tools', { count: on.tools }) : t('tools.indicator.on')}
    </button>
  )
}
