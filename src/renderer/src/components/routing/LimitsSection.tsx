import { useId } from 'react'
import type { ProviderInfo, Settings, SettingsPatch } from '../../api'
import { useTranslation } from '../../i18n'
import { useCloud } from '../../stores/cloud'
import { ui } from '../common/ui'
import { NumberField, Row, SaveText, Section, type Saver } from '../settings/fields'

/** "Rate limits": how many requests Aura may send to each cloud company, in general and for each company with a key. */
export function LimitsSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const { t } = useTranslation()
  const ids = { minute: useId(), day: useId() }
  const providers = useCloud((s) => s.providers)
  const withKeys = (providers ?? []).filter((p) => p.key !== null || (p.kind === 'server' && !p.keyRequired))
  const save = (key: string, patch: SettingsPatch) => void saver.save(key, patch)

  return (
    <Section
      id="routing-limits"
      title={t('routing.limits.title')}
      intro={t('routing.limits.intro')}
    >
      <Row label={t('routing.limits.perMinute')} help={t('routing.limits.perMinuteHelp')} htmlFor={ids.minute} state={saver.states.rateLimitPerMinute}>
        <NumberField
          id={ids.minute}
          testId="setting-rate-minute"
          value={settings.rateLimitPerMinute}
          rule={{ min: 1, max: 100_000, integer: true }}
          what={t('routing.limits.perMinute')}
          suffix={t('routing.limits.requests')}
          width="w-24"
          onProblem={(problem) => saver.reject('rateLimitPerMinute', problem)}
          onCommit={(v) => v !== null && save('rateLimitPerMinute', { rateLimitPerMinute: v })}
        />
      </Row>
      <Row label={t('routing.limits.perDay')} help={t('routing.limits.perDayHelp')} htmlFor={ids.day} state={saver.states.rateLimitPerDay}>
        <NumberField
          id={ids.day}
          testId="setting-rate-day"
          value={settings.rateLimitPerDay}
          rule={{ min: 1, max: 10_000_000, integer: true }}
          what={t('routing.limits.perDay')}
          suffix={t('routing.limits.requests')}
          width="w-24"
          onProblem={(problem) => saver.reject('rateLimitPerDay', problem)}
          onCommit={(v) => v !== null && save('rateLimitPerDay', { rateLimitPerDay: v })}
        />
      </Row>
      <div className="px-4 py-4">
        <div className="text-sm font-medium">{t('routing.limits.each')}</div>
        <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{t('routing.limits.eachHelp')}</p>
        {withKeys.length === 0 ? (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="rate-limits-none">
            {t('routing.limits.none')}
          </p>
        ) : (
          <table className="mt-3 w-full text-sm" data-testid="provider-rate-limits">
            <thead>
              <tr className="text-left text-xs text-zinc-600 dark:text-zinc-400">
                <th scope="col" className="pb-2 font-medium">
                  {t('routing.limits.company')}
                </th>
                <th scope="col" className="pb-2 font-medium">
                  {t('routing.limits.perMinute')}
                </th>
                <th scope="col" className="pb-2 font-medium">
                  {t('routing.limits.perDay')}
                </th>
                <th scope="col" className="pb-2">
                  <span className="sr-only">{t('routing.limits.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {withKeys.map((provider) => (
                <ProviderLimitRow key={provider.id} provider={provider} settings={settings} saver={saver} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Section>
  )
}

function ProviderLimitRow({ provider, settings, saver }: { provider: ProviderInfo; settings: Settings; saver: Saver }) {
  const { t } = useTranslation()
  const own = settings.providerRateLimits[provider.id]
  const key = `limits.${provider.id}`
  const setLimits = (next: { perMinute: number; perDay: number } | null) => {
    const all = { ...settings.providerRateLimits }
    if (next === null) delete all[provider.id]
    else all[provider.id] = next
    void saver.save(key, { providerRateLimits: all })
  }
  const state = saver.states[key]
  const usual = { perMinute: settings.rateLimitPerMinute, perDay: settings.rateLimitPerDay }
  // An emptied box goes back to the usual limit; both usual means no limits of its own.
  const commit = (field: 'perMinute' | 'perDay', value: number | null) => {
    const next = { ...usual, ...own, [field]: value ?? usual[field] }
    setLimits(next.perMinute === usual.perMinute && next.perDay === usual.perDay ? null : next)
  }
  return (
    <tr className="border-t border-zinc-100 align-middle dark:border-zinc-800" data-testid="provider-rate-limit" data-provider={provider.id}>
      <th scope="row" className="py-2 pr-3 text-left font-normal">
        {provider.name}
        {state && (
          <span className="block">
            <SaveText state={state} />
          </span>
        )}
      </th>
      <td className="py-2 pr-3">
        <NumberField
          value={own?.perMinute ?? null}
          label={t('routing.limits.perMinuteOf', { provider: provider.name })}
          rule={{ min: 1, max: 100_000, integer: true, allowEmpty: true }}
          what={t('routing.limits.perMinuteWhat', { provider: provider.name })}
          placeholder={String(settings.rateLimitPerMinute)}
          width="w-20"
          onProblem={(problem) => saver.reject(key, problem)}
          onCommit={(v) => commit('perMinute', v)}
        />
      </td>
      <td className="py-2 pr-3">
        <NumberField
          value={own?.perDay ?? null}
          label={t('routing.limits.perDayOf', { provider: provider.name })}
          rule={{ min: 1, max: 10_000_000, integer: true, allowEmpty: true }}
          what={t('routing.limits.perDayWhat', { provider: provider.name })}
          placeholder={String(settings.rateLimitPerDay)}
          width="w-24"
          onProblem={(problem) => saver.reject(key, problem)}
          onCommit={(v) => commit('perDay', v)}
        />
      </td>
      <td className="py-2 text-right">
        {own && (
          <button type="button" className={ui.ghost} onClick={() => setLimits(null)} aria-label={t('routing.limits.useUsualFor', { provider: provider.name })}>
            {t('routing.limits.useUsual')}
          </button>
        )}
      </td>
    </tr>
  )
}
