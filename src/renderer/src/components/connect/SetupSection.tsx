import { Trans, useTranslation } from '../../i18n'
import { useConnect } from '../../stores/connect'
import { useSettings } from '../../stores/settings'
import { CopyButton } from '../common/CopyButton'
import { ui } from '../common/ui'
import { apiAddress, KEY_PLACEHOLDER, setupSnippets } from './snippets'

/** Ready-to-paste set-up for Claude Code, the OpenAI SDK and apps, and Continue: the new key filled in, else a placeholder. */
export function SetupSection() {
  const { t } = useTranslation()
  const port = useSettings((s) => s.settings?.api.port ?? null)
  const url = useConnect((s) => s.status?.url ?? null)
  const fresh = useConnect((s) => s.fresh)
  if (port === null) return null
  const snippets = setupSnippets(apiAddress(port, url), fresh?.key ?? null)
  return (
    <section aria-labelledby="connect-setup-heading" id="connect-setup" className="mt-10 scroll-mt-4">
      <h3 id="connect-setup-heading" className="text-base font-semibold">
        {t('connect.setup.title')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
        {fresh ? (
          <Trans i18nKey="connect.setup.withKey" values={{ name: fresh.name }} components={{ b: <strong className="font-semibold" /> }} />
        ) : (
          t('connect.setup.withoutKey', { placeholder: KEY_PLACEHOLDER })
        )}{' '}
        {t('connect.setup.auto')}
      </p>
      <div className="mt-4 space-y-3">
        {snippets.map((snippet) => {
          const title = snippet.id === 'openai' ? t('connect.setup.openaiTitle') : snippet.title
          return (
            <div key={snippet.id} className={ui.card} data-testid="connect-snippet" data-app={snippet.id}>
              <div className="flex items-start justify-between gap-2 px-4 pt-3">
                <div className="min-w-0">
                  <h4 className="text-sm font-semibold">{title}</h4>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">{t(`connect.setup.where.${snippet.id}`)}</p>
                </div>
                <CopyButton getText={() => snippet.text} label={t('connect.setup.copy', { app: title })} showLabel={false} className="shrink-0" data-testid="connect-snippet-copy" />
              </div>
              <pre className="mx-4 mt-2 mb-3 rounded-lg break-all whitespace-pre-wrap bg-zinc-100 px-3 py-2 font-mono text-xs leading-relaxed text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100" aria-label={t('connect.setup.code', { app: title, language: snippet.language })}>
                <code>{snippet.text}</code>
              </pre>
            </div>
          )
        })}
      </div>
    </section>
  )
}
