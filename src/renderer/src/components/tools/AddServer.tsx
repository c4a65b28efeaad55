import { useId, useState } from 'react'
import { useTranslation } from '../../i18n'
import { useTools } from '../../stores/tools'
import { PlusIcon } from '../common/icons'
import { ui } from '../common/ui'
import { ServerForm, type ServerValues } from './ServerForm'

/** Adds a server: a program Aura starts or an address ({@link ServerForm}). */
export function AddServer() {
  const { t } = useTranslation()
  const heading = useId()
  const [announcement, setAnnouncement] = useState('')

  const add = async ({ name, kind, command, args, url, secrets }: ServerValues) => {
    const values = Object.keys(secrets).length > 0 ? secrets : undefined
    const problem = await useTools.getState().add(kind === 'command' ? { name, command, args, ...(values && { env: values }) } : { name, url, ...(values && { headers: values }) })
    if (problem) return t('tools.add.notAdded', { problem })
    setAnnouncement(t('tools.add.added', { name }))
    return null
  }

  return (
    <section aria-labelledby={heading} id="tools-add" className={`${ui.card} mt-10 scroll-mt-4 px-4 py-4`}>
      <div className="flex items-start gap-3">
        <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300">
          <PlusIcon size={17} />
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={heading} className="font-semibold">
            {t('tools.add.title')}
          </h3>
          <p className={`mt-0.5 text-sm ${ui.muted}`}>{t('tools.add.intro')}</p>
        </div>
      </div>
      <div className="mt-3">
        <ServerForm onSave={add} testId="tools-add" />
      </div>
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </section>
  )
}
