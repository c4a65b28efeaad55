import { useId, useState } from 'react'
import type { Settings, SettingsPatch } from '../../api'
import { useTranslation } from '../../i18n'
import { currencySymbol, formatMoney } from '../../lib/money'
import { ui } from '../common/ui'
import { NumberField, Row, Section, type Saver } from '../settings/fields'

/** Currencies offered as the user types (any ISO 4217 code works). */
const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'INR', 'CNY', 'KRW', 'SGD', 'HKD', 'BRL', 'MXN', 'ZAR']

/** "Budget": the currency and its rate, the daily and monthly limits, when to warn, and when to ask before a message. */
export function BudgetSection({ settings, saver }: { settings: Settings; saver: Saver }) {
  const { t, i18n } = useTranslation()
  const money = (usd: number) => formatMoney(usd)
  const ids = { currency: useId(), rate: useId(), daily: useId(), monthly: useId(), warn: useId(), confirm: useId(), list: useId() }
  const symbol = currencySymbol(settings.currency)
  const [currencyDraft, setCurrencyDraft] = useState<string | null>(null)
  const save = (key: string, patch: SettingsPatch) => void saver.save(key, patch)
  const problem = (key: string) => (text: string | null) => saver.reject(key, text)

  const commitCurrency = () => {
    if (currencyDraft === null) return
    const code = currencyDraft.trim().toUpperCase()
    if (!/^[A-Z]{3}$/.test(code)) {
      saver.reject('currency', t('routing.budget.currencyProblem'))
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
      title={t('routing.budget.title')}
      intro={t('routing.budget.intro')}
    >
      <Row label={t('routing.budget.currency')} help={t('routing.budget.currencyHelp')} htmlFor={ids.currency} state={saver.states.currency ?? saver.states.currencyPerUsd}>
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
                {t('routing.budget.perDollar')}
              </label>
              <NumberField
                id={ids.rate}
                testId="setting-currency-rate"
                value={settings.currencyPerUsd}
                rule={{ min: 0.000001, max: 1_000_000 }}
                what={t('routing.budget.rate')}
                suffix={settings.currency}
                width="w-24"
                onProblem={problem('currencyPerUsd')}
                onCommit={(v) => v !== null && save('currencyPerUsd', { currencyPerUsd: v })}
              />
            </span>
          )}
        </div>
      </Row>

      <Row label={t('routing.budget.daily')} help={t('routing.budget.dailyHelp')} htmlFor={ids.daily} state={saver.states.dailyBudget}>
        <NumberField
          id={ids.daily}
          testId="setting-daily-budget"
          value={settings.dailyBudget}
          rule={{ min: 0, max: 1_000_000, allowEmpty: true }}
          what={t('routing.budget.daily')}
          prefix={symbol}
          placeholder={t('routing.budget.noLimit')}
          onProblem={problem('dailyBudget')}
          onCommit={(dailyBudget) => save('dailyBudget', { dailyBudget })}
        />
      </Row>

      <Row label={t('routing.budget.monthly')} help={t('routing.budget.monthlyHelp')} htmlFor={ids.monthly} state={saver.states.monthlyBudget}>
        <NumberField
          id={ids.monthly}
          testId="setting-monthly-budget"
          value={settings.monthlyBudget}
          rule={{ min: 0, max: 10_000_000, allowEmpty: true }}
          what={t('routing.budget.monthly')}
          prefix={symbol}
          placeholder={t('routing.budget.noLimit')}
          onProblem={problem('monthlyBudget')}
          onCommit={(monthlyBudget) => save('monthlyBudget', { monthlyBudget })}
        />
      </Row>

      <Row label={t('routing.budget.warn')} help={t('routing.budget.warnHelp')} htmlFor={ids.warn} state={saver.states.budgetWarnShare}>
        <NumberField
          id={ids.warn}
          testId="setting-warn-share"
          value={Math.round(settings.budgetWarnShare * 100)}
          rule={{ min: 5, max: 100, integer: true }}
          what={t('routing.budget.warnWhat')}
          suffix={t('routing.budget.warnSuffix')}
          width="w-20"
          onProblem={problem('budgetWarnShare')}
          onCommit={(v) => v !== null && save('budgetWarnShare', { budgetWarnShare: v / 100 })}
        />
      </Row>

      <Row
        label={t('routing.budget.confirm')}
        help={
          <>
            {t('routing.budget.confirmHelp')}
            {settings.confirmCostAbove !== null && settings.currency !== 'USD' && t('routing.budget.confirmInUsd', { amount: money(settings.confirmCostAbove / settings.currencyPerUsd) })}
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
          what={t('routing.budget.confirmWhat')}
          prefix={symbol}
          placeholder={t('routing.budget.neverAsk')}
          onProblem={problem('confirmCostAbove')}
          onCommit={(confirmCostAbove) => save('confirmCostAbove', { confirmCostAbove })}
        />
      </Row>
      <p className="px-4 py-3 text-xs text-zinc-600 dark:text-zinc-400" data-testid="budget-in-usd">
        {t(settings.currency === 'USD' ? 'routing.budget.inUsd' : 'routing.budget.inUsdAtRate', {
          daily: settings.dailyBudget === null ? t('routing.budget.noDaily') : t('routing.budget.perDay', { amount: money(settings.dailyBudget / settings.currencyPerUsd) }),
          monthly: settings.monthlyBudget === null ? t('routing.budget.noMonthly') : t('routing.budget.perMonth', { amount: money(settings.monthlyBudget / settings.currencyPerUsd) }),
          rate: settings.currencyPerUsd.toLocaleString(i18n.language, { maximumFractionDigits: 6 }),
          currency: settings.currency,
        })}
      </p>
    </Section>
  )
}
