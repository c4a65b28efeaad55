import { useId } from 'react'
import type { Settings } from '../../api'
import { useTranslation } from '../../i18n'
import { ShieldIcon } from '../common/icons'
import { SaveText, Switch, type Saver } from '../settings/fields'

/** The privacy switch: while on, nothing leaves this computer (its panel turns green and says so). */
export function LocalOnly({ settings, saver }: { settings: Settings; saver: Saver }) {
  const { t } = useTranslation()
  const ids = { label: useId(), help: useId() }
  return (
    <div
      className={`px-4 py-4 ${settings.localOnly ? 'bg-emerald-50/70 dark:bg-emerald-950/30' : ''}`}
      data-testid="routing-local-only"
      data-on={settings.localOnly}
    >
      <div className="grid gap-x-6 gap-y-2 @3xl:grid-cols-[minmax(0,13rem)_1fr]">
        <div>
          <div id={ids.label} className="flex items-center gap-1.5 text-sm font-medium">
            <ShieldIcon size={15} className="text-emerald-700 dark:text-emerald-400" />
            {t('routing.localOnly.label')}
          </div>
          <p id={ids.help} className="mt-0.5 text-xs leading-relaxed text-zinc-600 dark:text-zinc-400">
            {t('routing.localOnly.help')}
          </p>
        </div>
        <div className="flex flex-col items-start justify-center gap-1.5">
          <Switch
            checked={settings.localOnly}
            labelledBy={ids.label}
            describedBy={ids.help}
            testId="setting-local-only"
            onChange={(localOnly) => void saver.save('localOnly', { localOnly })}
          />
          <SaveText state={saver.states.localOnly} />
        </div>
      </div>
      {settings.localOnly && (
        <p className="mt-3 text-xs text-emerald-900 dark:text-emerald-200" role="note">
          {t('routing.localOnly.on')}
        </p>
      )}
    </div>
  )
}
