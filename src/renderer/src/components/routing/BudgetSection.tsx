import { useId, useState } from 'react'
import type { Settings, SettingsPatch } from '../../api'
import { currencySymbol, formatMoney } from '../../lib/money'
import { ui } from '../common/ui'
import { NumberField, Row, Section, type Saver } from '../settings/fields'

/** Currencies offered as the user types (any ISO 4217 code works). */
const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'INR', 'CNY', 'KRW', 'SGD', 'HKD', 'BRL', 'MXN', 'ZAR']

/** "Budget": the currency and its rate, the daily and monthly limits, when to warn, and when to ask before a message. */
export function BudgetSection({ settings, saver }: { settings: Settings; saver: Saver }) {
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
