import { useEffect, useId, useState } from 'react'
import type { ProviderInfo, RouteDecision, Settings, SettingsPatch } from '../../api'
import { groupByProvider, isServerProvider, modelPartOf } from '../../lib/cloudWords'
import { currencySymbol, formatMoney } from '../../lib/money'
import { COMPLEXITY_LABEL, reasonAfterPlace, TASK_LABEL, TIER_LABEL, tierPlace } from '../../lib/routeWords'
import { useCloud } from '../../stores/cloud'
import { isUsable, useModels } from '../../stores/models'
import { useRoutePreview } from '../../stores/routePreview'
import { useSettings } from '../../stores/settings'
import { useUsage } from '../../stores/usage'
import { ShieldIcon } from '../common/icons'
import { ui } from '../common/ui'
import { PlaceBadge } from '../chat/MessageRoute'
import { NumberField, Row, Section, Switch, useSaver, type SaveState } from './fields'
import { JumpLinks } from './JumpLinks'

const jumps = [
  { href: '#routing-auto', label: 'How Auto picks' },
  { href: '#routing-budget', label: 'Budget' },
  { href: '#routing-limits', label: 'Rate limits' },
  { href: '#routing-cache', label: 'Response cache' },
  { href: '#routing-savings', label: 'Savings' },
  { href: '#routing-try', label: 'Try it' },
]

/** Currencies offered as the user types (any ISO 4217 code works). */
const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'INR', 'CNY', 'KRW', 'SGD', 'HKD', 'BRL', 'MXN', 'ZAR']

/** Fields whose change moves the header's meter (its limits, its currency). */
const METER_FIELDS: (keyof Settings)[] = ['currency', 'currencyPerUsd', 'dailyBudget', 'monthlyBudget', 'budgetWarnShare', 'savingsBaselineModelId']

const selectClass = `${ui.input} max-w-full pr-8`

/**
 * Settings → Routing & Budget: how Auto picks a model for each message (and Local only, the
 * privacy switch), what the cloud may cost, how often each company may be asked, the response
 * cache, and the model savings are counted against. Every change is saved at once.
 */
export function RoutingPage() {
  const settings = useSettings((s) => s.settings)
  const loadError = useSettings((s) => s.error)
  const saver = useSaver((patch) => {
    if (METER_FIELDS.some((field) => field in patch)) void useUsage.getState().loadMeter()
  })

  useEffect(() => {
    void useCloud.getState().loadProviders()
    if (!useCloud.getState().modelsSettled) void useCloud.getState().refreshModels()
  }, [])

  return (
    <div className="mx-auto max-w-3xl px-6 py-8" data-testid="settings-routing">
      <h2 className="text-xl font-semibold tracking-tight">Routing &amp; Budget</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        With <strong className="font-medium text-zinc-800 dark:text-zinc-200">Auto</strong> picked in the chat, Aura chooses a model for
        each message: a quick model on this computer for simple questions, the best one on this computer for harder work, and a cloud model
        with your key only when a request needs it — within the budget you set here. Every reply says where it ran and why.
      </p>
      <JumpLinks jumps={jumps} />
      <p className="sr-only" role="status" aria-live="polite">
        {saver.announcement}
      </p>

      {!settings ? (
        <p className="mt-8 text-sm text-zinc-600 dark:text-zinc-400">{loadError ?? 'Loading…'}</p>
      ) : (
        <>
          <AutoSection settings={settings} saver={saver} />
          <BudgetSection settings={settings} saver={saver} />
          <LimitsSection settings={settings} saver={saver} />
          <CacheSection settings={settings} saver={saver} />
          <SavingsSection settings={settings} saver={saver} />
          <TryIt localOnly={settings.localOnly} />
        </>
      )}
    </div>
  )
}

type Saver = ReturnType<typeof useSaver>

function AutoSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const ids = {
    localOnly: useId(),
    localOnlyHelp: useId(),
    quality: useId(),
    qualityHelp: useId(),
    fast: useId(),
    best: useId(),
    cloud: useId(),
    retry: useId(),
    retryHelp: useId(),
    threshold: useId(),
  }
  const models = useModels((s) => s.models)
  const cloud = useCloud((s) => s.models)
  const local = models.filter(isUsable)
  const save = (key: string, patch: SettingsPatch) => void saver.save(key, patch)

  return (
    <Section id="routing-auto" title="How Auto picks" intro="What Auto may use, and how it weighs cost against quality.">
      <div
        className={`px-4 py-4 ${settings.localOnly ? 'bg-emerald-50/70 dark:bg-emerald-950/30' : ''}`}
        data-testid="routing-local-only"
        data-on={settings.localOnly}
      >
        <div className="grid gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,15rem)_1fr]">
          <div>
            <div id={ids.localOnly} className="flex items-center gap-1.5 text-sm font-medium">
              <ShieldIcon size={15} className="text-emerald-700 dark:text-emerald-400" />
              Local only
            </div>
            <p id={ids.localOnlyHelp} className="mt-0.5 text-xs leading-relaxed text-zinc-600 dark:text-zinc-400">
              Privacy mode. Nothing you write leaves this computer — not to Auto’s cloud model, not to any company. Cloud models can’t be picked
              while it is on.
            </p>
          </div>
          <div className="flex flex-col items-start justify-center gap-1.5">
            <Switch
              checked={settings.localOnly}
              labelledBy={ids.localOnly}
              describedBy={ids.localOnlyHelp}
              testId="setting-local-only"
              onChange={(localOnly) => save('localOnly', { localOnly })}
            />
            <SaveNoteFor state={saver.states.localOnly} />
          </div>
        </div>
        {settings.localOnly && (
          <p className="mt-3 text-xs text-emerald-900 dark:text-emerald-200" role="note">
            Local only is on. Auto answers with the models on this computer, even for hard questions; use it for private or confidential
            work. Turn it off to let Auto use a cloud model when a request needs one.
          </p>
        )}
      </div>

      <Row label="Prefer quality" help="Send medium-sized requests — drafting, explanations, a function — to the cloud rather than the best local model. Better answers; costs more." labelId={ids.quality} helpId={ids.qualityHelp} state={saver.states.preferQuality}>
        <Switch
          checked={settings.preferQuality}
          labelledBy={ids.quality}
          describedBy={ids.qualityHelp}
          disabled={settings.localOnly}
          testId="setting-prefer-quality"
          onChange={(preferQuality) => save('preferQuality', { preferQuality })}
        />
      </Row>

      <Row label="Quick local model" help="Answers simple questions: greetings, yes/no, short facts. Small models answer fastest." htmlFor={ids.fast} state={saver.states.fastModelId}>
        <LocalSelect id={ids.fast} testId="setting-fast-model" value={settings.fastModelId} models={local} automatic="Automatic — the smallest that runs well" onChange={(fastModelId) => save('fastModelId', { fastModelId })} />
      </Row>

      <Row label="Best local model" help="Takes harder work that can stay on this computer: writing, summaries, code." htmlFor={ids.best} state={saver.states.qualityModelId}>
        <LocalSelect id={ids.best} testId="setting-quality-model" value={settings.qualityModelId} models={local} automatic="Automatic — the best that fits this computer" onChange={(qualityModelId) => save('qualityModelId', { qualityModelId })} />
      </Row>

      <Row label="Auto’s cloud model" help="Takes the hardest requests — design, research, long reasoning — when a key allows it and the budget has room." htmlFor={ids.cloud} state={saver.states.autoCloudModelId}>
        <select
          id={ids.cloud}
          data-testid="setting-auto-cloud-model"
          value={settings.autoCloudModelId ?? ''}
          disabled={settings.localOnly}
          onChange={(e) => save('autoCloudModelId', { autoCloudModelId: e.target.value || null })}
          className={selectClass}
        >
          <option value="">Automatic — a good one for the task, among your keys</option>
          {settings.autoCloudModelId && !cloud.some((m) => m.id === settings.autoCloudModelId) && (
            <option value={settings.autoCloudModelId}>{modelPartOf(settings.autoCloudModelId)} (no working key now)</option>
          )}
          {groupByProvider(cloud).map((group) => (
            <optgroup key={group.provider} label={group.name}>
              {group.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {cloud.length === 0 && !settings.localOnly && (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">No cloud key yet: Auto stays on this computer (Settings → Cloud Keys).</span>
        )}
      </Row>

      <Row label="Ask a stronger model when an answer looks weak" help="Aura checks each answer (empty, cut off, a refusal, repeating itself). A weak one goes to the next model; both answers stay visible." labelId={ids.retry} helpId={ids.retryHelp} state={saver.states.retryWeakAnswers}>
        <Switch
          checked={settings.retryWeakAnswers}
          labelledBy={ids.retry}
          describedBy={ids.retryHelp}
          testId="setting-retry-weak"
          onChange={(retryWeakAnswers) => save('retryWeakAnswers', { retryWeakAnswers })}
        />
      </Row>

      <Row label="Weak below" help="How sure the check must be of an answer before keeping it. Higher asks the next model more often." htmlFor={ids.threshold} state={saver.states.qualityThreshold}>
        <ThresholdSlider id={ids.threshold} value={settings.qualityThreshold} disabled={!settings.retryWeakAnswers} onCommit={(qualityThreshold) => saver.save('qualityThreshold', { qualityThreshold })} />
      </Row>
    </Section>
  )
}

const SaveNoteFor = ({ state }: { state: SaveState | undefined }) => (state ? <RowNote state={state} /> : null)
function RowNote({ state }: { state: SaveState }) {
  if (!state) return null
  return (
    <span className={`text-xs ${state.kind === 'error' ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`} data-testid={state.kind === 'error' ? 'save-error' : 'save-state'} data-state={state.kind}>
      {state.kind === 'error' ? state.text : state.kind === 'saving' ? 'Saving…' : 'Saved'}
    </span>
  )
}

function LocalSelect({
  id,
  testId,
  value,
  models,
  automatic,
  onChange,
}: {
  id: string
  testId: string
  value: string | null
  models: { id: string; name: string }[]
  automatic: string
  onChange: (id: string | null) => void
}) {
  const missing = value !== null && !models.some((m) => m.id === value)
  return (
    <select id={id} data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} className={selectClass}>
      <option value="">{automatic}</option>
      {missing && <option value={value}>{modelPartOf(value)} (not on this computer now)</option>}
      {models.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  )
}

/** A slider saved when let go (not at each step of a drag). */
function ThresholdSlider({ id, value, disabled, onCommit }: { id: string; value: number; disabled: boolean; onCommit: (value: number) => Promise<unknown> }) {
  const [draft, setDraft] = useState<number | null>(null)
  const shown = draft ?? value
  const commit = () => {
    if (draft === null) return
    if (draft === value) {
      setDraft(null)
      return
    }
    // The draft stays on show until the saved value is back.
    void onCommit(draft).finally(() => setDraft(null))
  }

  return (
    <span className="flex items-center gap-3 text-sm">
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={shown}
        disabled={disabled}
        data-testid="setting-quality-threshold"
        aria-valuetext={`${Math.round(shown * 100)}% confidence`}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
        className="w-56 accent-violet-600 disabled:opacity-50"
      />
      <output htmlFor={id} className="w-12 tabular-nums">
        {Math.round(shown * 100)}%
      </output>
    </span>
  )
}

function BudgetSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const ids = { currency: useId(), rate: useId(), daily: useId(), monthly: useId(), warn: useId(), confirm: useId(), list: useId() }
  const symbol = currencySymbol(settings.currency)
  const [currencyDraft, setCurrencyDraft] = useState<string | null>(null)
  const unit = { currency: settings.currency, currencyPerUsd: settings.currencyPerUsd }
  const save = (key: string, patch: SettingsPatch) => void saver.save(key, patch)
  const problem = (key: string) => (text: string | null) => saver.reject(key, text)

  const commitCurrency = () => {
    if (currencyDraft === null) return
    const code = currencyDraft.trim().toUpperCase()
    if (!/^[A-Z]{3}$/.test(code)) {
      saver.reject('currency', 'Currency: a three-letter code such as USD, EUR or GBP.')
      return
    }
    setCurrencyDraft(null)
    if (code === settings.currency) {
      saver.reject('currency', null)
      return
    }
    // Dollars are dollars: the rate goes back to 1 with them.
    save('currency', code === 'USD' ? { currency: code, currencyPerUsd: 1 } : { currency: code })
  }

  return (
    <Section
      id="routing-budget"
      title="Budget"
      intro="What the cloud may cost you. At the limit Aura stops using cloud models and answers on this computer, with a note saying so."
    >
      <Row label="Currency" help="Budgets and costs show in this currency. Cloud companies bill in US dollars; Aura converts at your rate." htmlFor={ids.currency} state={saver.states.currency ?? saver.states.currencyPerUsd}>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <input
            id={ids.currency}
            list={ids.list}
            data-testid="setting-currency"
            value={currencyDraft ?? settings.currency}
            maxLength={3}
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => setCurrencyDraft(e.target.value.toUpperCase())}
            onBlur={commitCurrency}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                commitCurrency()
              }
            }}
            className={`${ui.input} w-20 uppercase`}
          />
          <datalist id={ids.list}>
            {COMMON_CURRENCIES.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          {settings.currency !== 'USD' && (
            <span className="flex items-center gap-2">
              <label htmlFor={ids.rate} className="text-zinc-600 dark:text-zinc-400">
                1 US dollar =
              </label>
              <NumberField
                id={ids.rate}
                testId="setting-currency-rate"
                value={settings.currencyPerUsd}
                rule={{ min: 0.000001, max: 1_000_000 }}
                what="Rate"
                suffix={settings.currency}
                width="w-24"
                onProblem={problem('currencyPerUsd')}
                onCommit={(v) => v !== null && save('currencyPerUsd', { currencyPerUsd: v })}
              />
            </span>
          )}
        </div>
      </Row>

      <Row label="Daily budget" help="Cloud spending allowed per day. Leave empty for no daily limit." htmlFor={ids.daily} state={saver.states.dailyBudget}>
        <NumberField
          id={ids.daily}
          testId="setting-daily-budget"
          value={settings.dailyBudget}
          rule={{ min: 0, max: 1_000_000, allowEmpty: true }}
          what="Daily budget"
          prefix={symbol}
          placeholder="No limit"
          onProblem={problem('dailyBudget')}
          onCommit={(dailyBudget) => save('dailyBudget', { dailyBudget })}
        />
      </Row>

      <Row label="Monthly budget" help="Cloud spending allowed per calendar month. Leave empty for no monthly limit." htmlFor={ids.monthly} state={saver.states.monthlyBudget}>
        <NumberField
          id={ids.monthly}
          testId="setting-monthly-budget"
          value={settings.monthlyBudget}
          rule={{ min: 0, max: 10_000_000, allowEmpty: true }}
          what="Monthly budget"
          prefix={symbol}
          placeholder="No limit"
          onProblem={problem('monthlyBudget')}
          onCommit={(monthlyBudget) => save('monthlyBudget', { monthlyBudget })}
        />
      </Row>

      <Row label="Warn me at" help="The header’s meter turns amber when this much of a budget is spent." htmlFor={ids.warn} state={saver.states.budgetWarnShare}>
        <NumberField
          id={ids.warn}
          testId="setting-warn-share"
          value={Math.round(settings.budgetWarnShare * 100)}
          rule={{ min: 5, max: 100, integer: true }}
          what="Warn at"
          suffix="% of a budget"
          width="w-20"
          onProblem={problem('budgetWarnShare')}
          onCommit={(v) => v !== null && save('budgetWarnShare', { budgetWarnShare: v / 100 })}
        />
      </Row>

      <Row
        label="Ask before a message above"
        help={
          <>
            A message expected to cost more than this waits for your OK, with the estimate. Leave empty to never ask.
            {settings.confirmCostAbove !== null && settings.currency !== 'USD' && <> (≈ {formatMoney(settings.confirmCostAbove / settings.currencyPerUsd)} US)</>}
          </>
        }
        htmlFor={ids.confirm}
        state={saver.states.confirmCostAbove}
      >
        <NumberField
          id={ids.confirm}
          testId="setting-confirm-above"
          value={settings.confirmCostAbove}
          rule={{ min: 0, max: 1_000_000, allowEmpty: true }}
          what="Ask above"
          prefix={symbol}
          placeholder="Never ask"
          onProblem={problem('confirmCostAbove')}
          onCommit={(confirmCostAbove) => save('confirmCostAbove', { confirmCostAbove })}
        />
      </Row>
      <p className="px-4 py-3 text-xs text-zinc-600 dark:text-zinc-400" data-testid="budget-in-usd">
        In US dollars: {settings.dailyBudget === null ? 'no daily limit' : `${formatMoney(settings.dailyBudget / settings.currencyPerUsd)} a day`},{' '}
        {settings.monthlyBudget === null ? 'no monthly limit' : `${formatMoney(settings.monthlyBudget / settings.currencyPerUsd)} a month`}
        {unit.currency !== 'USD' && ` (at ${settings.currencyPerUsd} ${settings.currency} per dollar)`}.
      </p>
    </Section>
  )
}

function LimitsSection({ settings, saver }: { settings: Settings; saver: Saver }) {
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
            <RowNote state={state} />
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

const CACHE_CHOICES: { value: Settings['responseCache']; label: string; help: string }[] = [
  { value: 'off', label: 'Off', help: 'Every message is answered afresh.' },
  {
    value: 'deterministic',
    label: 'Only exact repeats at Creativity 0',
    help: 'The same chat sent again to the same model at Creativity 0 gets the saved answer — free and instant.',
  },
  { value: 'always', label: 'Always for exact repeats', help: 'Also at higher Creativity, where a new answer would differ: saves the most, varies the least.' },
]

function CacheSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const legend = useId()
  return (
    <Section id="routing-cache" title="Response cache" intro="Aura can keep answers and give the same one again when exactly the same chat is sent to the same model.">
      <fieldset className="px-4 py-4" aria-labelledby={legend}>
        <legend id={legend} className="sr-only">
          Response cache
        </legend>
        <div className="space-y-2.5">
          {CACHE_CHOICES.map((choice) => (
            <label key={choice.value} className="flex items-start gap-2.5 text-sm">
              <input
                type="radio"
                name="response-cache"
                value={choice.value}
                data-testid={`setting-cache-${choice.value}`}
                checked={settings.responseCache === choice.value}
                onChange={() => void saver.save('responseCache', { responseCache: choice.value })}
                className="mt-1 accent-violet-600"
              />
              <span>
                <span className="font-medium">{choice.label}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{choice.help}</span>
              </span>
            </label>
          ))}
        </div>
        {saver.states.responseCache && (
          <div className="mt-2">
            <RowNote state={saver.states.responseCache} />
          </div>
        )}
      </fieldset>
    </Section>
  )
}

function SavingsSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const id = useId()
  const cloud = useCloud((s) => s.models)
  const baselineName = useUsage((s) => s.summary?.baseline.name)
  const priced = cloud.filter((m) => !isServerProvider(m.provider) && m.price !== null)
  const current = settings.savingsBaselineModelId
  const known = priced.some((m) => m.id === current)
  return (
    <Section id="routing-savings" title="Savings" intro="What staying on this computer saved: what the same words would have cost on a cloud model, minus what they did cost.">
      <Row label="Compare with" help="The cloud model savings are counted against — the one you would use otherwise." htmlFor={id} state={saver.states.savingsBaselineModelId}>
        <select id={id} data-testid="setting-savings-baseline" value={current} onChange={(e) => void saver.save('savingsBaselineModelId', { savingsBaselineModelId: e.target.value })} className={selectClass}>
          {!known && <option value={current}>{baselineName ?? modelPartOf(current)}</option>}
          {groupByProvider(priced).map((group) => (
            <optgroup key={group.provider} label={group.name}>
              {group.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Row>
    </Section>
  )
}

/** "See how Auto decides": a message's route without sending it (`router.preview`). */
function TryIt({ localOnly }: { localOnly: boolean }) {
  const id = useId()
  const [text, setText] = useState('')
  const busy = useRoutePreview((s) => s.busy)
  const result = useRoutePreview((s) => s.result)

  // Leaving the page forgets the try, as it forgets the typed message.
  useEffect(() => () => useRoutePreview.getState().clear(), [])

  return (
    <section aria-labelledby={`${id}-heading`} id="routing-try" className="mt-10 scroll-mt-4">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        Try it
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
        Type a message to see where Auto would send it and why{localOnly ? ' (with Local only on)' : ''}. Nothing is sent to any model.
      </p>
      <form
        className="mt-3 flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          void useRoutePreview.getState().run(text)
        }}
      >
        <label htmlFor={id} className="sr-only">
          A message to try
        </label>
        <input
          id={id}
          data-testid="route-preview-input"
          value={text}
          placeholder="e.g. Compare three designs for a billing system"
          onChange={(e) => setText(e.target.value)}
          className={`${ui.input} min-w-0 flex-1`}
        />
        <button type="submit" className={ui.secondary} disabled={!text.trim() || busy} data-testid="route-preview-run">
          {busy ? 'Deciding…' : 'Show the route'}
        </button>
      </form>
      <div aria-live="polite">
        {result && 'error' in result && (
          <p className="mt-3 text-sm text-red-700 dark:text-red-400" role="alert">
            {result.error}
          </p>
        )}
        {result && 'decision' in result && <DecisionCard decision={result.decision} />}
      </div>
    </section>
  )
}

function DecisionCard({ decision }: { decision: RouteDecision }) {
  const place = tierPlace(decision.tier)
  return (
    <div className={`${ui.card} mt-3 px-4 py-3 text-sm`} data-testid="route-preview" data-tier={decision.tier ?? 'none'}>
      <p className="flex items-start gap-2">
        {place && <PlaceBadge place={place} />}
        <span className="font-medium">{place ? reasonAfterPlace(decision.reason) : decision.reason}</span>
      </p>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Seen as {COMPLEXITY_LABEL[decision.complexity]} · task: {TASK_LABEL[decision.taskType]} · about {decision.promptTokens.toLocaleString('en-US')} tokens
        {decision.estimatedCostUsd !== null && decision.estimatedCostUsd > 0 && ` · about ${formatMoney(decision.estimatedCostUsd)}`}
      </p>
      {decision.candidates.length > 0 && (
        <ol className="mt-2 space-y-1 text-xs" aria-label="Models in the order Auto would try them">
          {decision.candidates.map((candidate, index) => (
            <li key={`${candidate.modelId}-${index}`} className={`flex flex-wrap gap-x-2 ${candidate.skipped ? 'text-zinc-600 dark:text-zinc-400' : ''}`}>
              <span className="tabular-nums">{index + 1}.</span>
              <span className="font-medium">{candidate.modelName}</span>
              <span>({TIER_LABEL[candidate.tier]})</span>
              {candidate.skipped ? <span>— passed over: {candidate.skipped}</span> : candidate.estimatedCostUsd ? <span>— about {formatMoney(candidate.estimatedCostUsd)}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
