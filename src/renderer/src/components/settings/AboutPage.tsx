import type { ReactNode } from 'react'
import { useTranslation } from '../../i18n'
import { useApp } from '../../stores/app'
import { CopyButton } from '../common/CopyButton'

export function AboutPage() {
  const info = useApp((s) => s.info)
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-about">
      <h2 className="text-xl font-semibold tracking-tight">{t('about.title')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {t('about.intro')}
      </p>
      <dl className="mt-6 divide-y divide-zinc-200 rounded-xl border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
        <Row label={t('about.version')}>{info?.version ?? '…'}</Row>
        <Row label={t('about.runningAs')}>{info ? (info.shell === 'electron' ? t('about.desktop') : t('about.browser')) : '…'}</Row>
        <Row label={t('about.dataFolder')}>
          <span className="flex min-w-0 items-center gap-2">
            <code className="min-w-0 truncate font-mono" title={info?.dataDir}>
              {info?.dataDir ?? '…'}
            </code>
            {info && <CopyButton getText={() => info.dataDir} label={t('about.copyDataFolder')} />}
          </span>
        </Row>
        {info?.logFile && (
          <Row label={t('about.logFile')}>
            <span className="flex min-w-0 items-center gap-2" data-testid="about-log-file">
              <code className="min-w-0 truncate font-mono" title={info.logFile}>
                {info.logFile}
              </code>
              <CopyButton getText={() => info.logFile ?? ''} label={t('about.copyLogFile')} />
            </span>
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{t('about.logFileHint')}</p>
          </Row>
        )}
      </dl>
    </div>
  )
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-center gap-4 px-4 py-3">
      <dt className="w-32 shrink-0 text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 flex-1">{children}</dd>
    </div>
  )
}
