import { useTranslation } from '../../i18n'
import { useNotices } from '../../stores/notices'
import { AlertIcon, CloseIcon, InfoIcon } from './icons'

const tone = {
  info: 'border-sky-200 bg-sky-50 text-sky-950 dark:border-sky-900 dark:bg-sky-950/60 dark:text-sky-100',
  warning: 'border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100',
  error: 'border-red-200 bg-red-50 text-red-950 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100',
} as const

/** What the app wants the user to know (start-up notices, `app.notice`, failed actions): dismissible banners. */
export function Notices() {
  const items = useNotices((s) => s.items)
  const dismiss = useNotices((s) => s.dismiss)
  const { t } = useTranslation()
  if (items.length === 0) return null
  return (
    <section aria-label={t('common.notices')} className="flex shrink-0 flex-col gap-2 px-4 pt-3">
      {items.map((notice) => (
        <div
          key={notice.id}
          role={notice.level === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          data-level={notice.level}
          className={`mx-auto flex w-full max-w-3xl items-start gap-3 rounded-lg border px-3.5 py-2.5 text-sm ${tone[notice.level]}`}
        >
          <span className="mt-0.5 shrink-0">{notice.level === 'info' ? <InfoIcon size={16} /> : <AlertIcon size={16} />}</span>
          <p className="min-w-0 flex-1 leading-relaxed">{notice.message}</p>
          <button
            type="button"
            aria-label={t('common.dismiss')}
            title={t('common.dismiss')}
            data-testid="notice-dismiss"
            className="-m-1 shrink-0 rounded-md p-1 opacity-80 hover:bg-black/5 hover:opacity-100 dark:hover:bg-white/10"
            onClick={() => dismiss(notice.id)}
          >
            <CloseIcon size={16} />
          </button>
        </div>
      ))}
    </section>
  )
}
