import { useEffect } from 'react'
import { useTranslation } from '../../i18n'
import { useTools } from '../../stores/tools'
import { AlertIcon } from '../common/icons'
import { ui } from '../common/ui'
import { JumpLinks } from '../settings/JumpLinks'
import { AddServer } from './AddServer'
import { Gallery } from './Gallery'
import { ServerCard } from './ServerCard'

const JUMPS = [
  ['#tools-servers', 'tools.jumps.servers'],
  ['#tools-add', 'tools.jumps.add'],
  ['#tools-gallery', 'tools.jumps.gallery'],
] as const

/**
 * Settings → Tools (docs/tools.md): the user's MCP servers with their state and tools, adding one by
 * command or address, and the gallery. Opening it starts the enabled servers, so their tools show.
 */
export function ToolsPage() {
  const { t } = useTranslation()
  const servers = useTools((s) => s.servers)
  const error = useTools((s) => s.error)

  useEffect(() => {
    void useTools.getState().load({ start: true })
    void useTools.getState().loadGallery()
  }, [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-tools">
      <h2 className="text-xl font-semibold tracking-tight">{t('settings.pages.tools.label')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('tools.intro')}</p>
      <JumpLinks jumps={JUMPS.map(([href, key]) => ({ href, label: t(key) }))} />

      {error && (
        <div role="alert" className="mt-6 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <AlertIcon size={16} className="shrink-0" />
          <p className="min-w-0 flex-1">{t('tools.loadFailed', { error })}</p>
          <button
            type="button"
            className={ui.secondary}
            onClick={() => {
              void useTools.getState().load({ start: true })
              void useTools.getState().loadGallery()
            }}
          >
            {t('tools.tryAgain')}
          </button>
        </div>
      )}

      <section aria-labelledby="tools-servers-heading" id="tools-servers" className="mt-8 scroll-mt-4">
        <h3 id="tools-servers-heading" className="text-base font-semibold">
          {t('tools.servers.title')}
        </h3>
        {servers === null ? (
          !error && (
            <p className={`mt-2 text-sm ${ui.muted}`} aria-busy="true">
              {t('tools.loading')}
            </p>
          )
        ) : servers.length === 0 ? (
          <p className={`mt-1 text-sm ${ui.muted}`} data-testid="tools-none">
            {t('tools.servers.none')}
          </p>
        ) : (
          <ul className="mt-3 space-y-3" aria-label={t('tools.servers.list')}>
            {servers.map((server) => (
              <li key={server.name}>
                <ServerCard server={server} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <AddServer />
      <Gallery />
    </div>
  )
}
