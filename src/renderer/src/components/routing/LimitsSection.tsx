import { useId } from 'react'
import type { ProviderInfo, Settings, SettingsPatch } from '../../api'
import { useCloud } from '../../stores/cloud'
import { ui } from '../common/ui'
import { NumberField, Row, SaveText, Section, type Saver } from '../settings/fields'

/** "Rate limits": how many requests Aura may send to each cloud company, in general and for each company with a key. */
export function LimitsSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const ids = { minute: useId(), day: useId() }
  const providers = useCloud((s) => s.providers)
  const withKeys = (providers ?? []).filter((p) => p.key !== null || (p.kind === 'server' && !p.keyRequired))
  const save = (key: string, patch: SettingsPatch) => void saver.save(key, patch)

  return (
    <Section
      id="routing-limits"
      title="Rate limits"
      intro="How many requests Aura may send to each cloud company. A runaway chat can’t send hundreds of paid requests; at the limit Auto uses the next model."
    >
      <Row label="Per minute" help="Requests to one company in any minute, unless set for it below." htmlFor={ids.minute} state={saver.states.rateLimitPerMinute}>
        <NumberField
          id={ids.minute}
          testId="setting-rate-minute"
          value={settings.rateLimitPerMinute}
          rule={{ min: 1, max: 100_000, integer: true }}
          what="Per minute"
          suffix="requests"
          width="w-24"
          onProblem={(t) => saver.reject('rateLimitPerMinute', t)}
          onCommit={(v) => v !== null && save('rateLimitPerMinute', { rateLimitPerMinute: v })}
        />
      </Row>
      <Row label="Per day" help="Requests to one company per day, unless set for it below." htmlFor={ids.day} state={saver.states.rateLimitPerDay}>
        <NumberField
          id={ids.day}
          testId="setting-rate-day"
          value={settings.rateLimitPerDay}
          rule={{ min: 1, max: 10_000_000, integer: true }}
          what="Per day"
          suffix="requests"
          width="w-24"
          onProblem={(t) => saver.reject('rateLimitPerDay', t)}
          onCommit={(v) => v !== null && save('rateLimitPerDay', { rateLimitPerDay: v })}
        />
      </Row>
      <div className="px-4 py-4">
        <div className="text-sm font-medium">For each company</div>
        <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">Different limits for a company or server you have a key for. Empty boxes use the limits above.</p>
        {withKeys.length === 0 ? (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="rate-limits-none">
            No cloud keys yet — companies show here once you add a key in Settings → Cloud Keys.
          </p>
        ) : (
          <table className="mt-3 w-full text-sm" data-testid="provider-rate-limits">
            <thead>
              <tr className="text-left text-xs text-zinc-600 dark:text-zinc-400">
                <th scope="col" className="pb-2 font-medium">
                  Company
                </th>
                <th scope="col" className="pb-2 font-medium">
                  Per minute
                </th>
                <th scope="col" className="pb-2 font-medium">
                  Per day
                </th>
                <th scope="col" className="pb-2">
                  <span className="sr-only">Actions</span>
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
          label={`${provider.name}: requests per minute`}
          rule={{ min: 1, max: 100_000, integer: true, allowEmpty: true }}
          what={`${provider.name} per minute`}
          placeholder={String(settings.rateLimitPerMinute)}
          width="w-20"
          onProblem={(t) => saver.reject(key, t)}
          onCommit={(v) => commit('perMinute', v)}
        />
      </td>
      <td className="py-2 pr-3">
        <NumberField
          value={own?.perDay ?? null}
          label={`${provider.name}: requests per day`}
          rule={{ min: 1, max: 10_000_000, integer: true, allowEmpty: true }}
          what={`${provider.name} per day`}
          placeholder={String(settings.rateLimitPerDay)}
          width="w-24"
          onProblem={(t) => saver.reject(key, t)}
          onCommit={(v) => commit('perDay', v)}
        />
      </td>
      <td className="py-2 text-right">
        {own && (
          <button type="button" className={ui.ghost} onClick={() => setLimits(null)} aria-label={`Use the usual limits for ${provider.name}`}>
            Use usual
          </button>
        )}
      </td>
    </tr>
  )
}
