import { useId, useState } from 'react'
import type { AppKeyInfo } from '../../api'
import { useTranslation } from '../../i18n'
import { currencySymbol, useMoney, useMoneyUnit } from '../../lib/money'
import { useConnect } from '../../stores/connect'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { CloseIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'
import { NumberField, SaveText, Switch, type SaveState } from '../settings/fields'

type Change = Partial<Pick<AppKeyInfo, 'dailyBudgetUsd' | 'localOnly' | 'allowedModels'>>

/** One app's key: what it is (last 4, made when, spent today) and its limits, edited in place; Revoke asks first. */
export function AppKeyCard({ app }: { app: AppKeyInfo }) {
  const { t, i18n } = useTranslation()
  const unit = useMoneyUnit()
  const money = useMoney()
  const [state, setState] = useState<SaveState>(null)
  const [confirming, setConfirming] = useState(false)
  const ids = { budget: useId(), localOnly: useId(), models: useId() }
  const rate = unit.currencyPerUsd > 0 ? unit.currencyPerUsd : 1

  const change = async (patch: Change) => {
    setState({ kind: 'saving' })
    const problem = await useConnect.getState().updateKey(app.name, patch)
    setState(problem ? { kind: 'error', text: t('common.couldNotSave', { problem }) } : { kind: 'saved' })
  }

  return (
    <article className={`${ui.card} p-4`} aria-label={app.name} data-testid="connect-key" data-name={app.name}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 className="font-semibold break-words">{app.name}</h4>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            <code data-testid="connect-key-last4">aura-…{app.last4}</code>
            {t('connect.card.madeSpent', { date: new Date(app.createdAt).toLocaleDateString(i18n.language, { dateStyle: 'medium' }) })}
            <span className="tabular-nums" data-testid="connect-key-spent">
              {money(app.spentTodayUsd)}
            </span>
          </p>
        </div>
        <div className="flex items-center gap-2">
          <SaveText state={state} />
          <button type="button" className={ui.danger} onClick={() => setConfirming(true)} data-testid="connect-key-revoke">
            <TrashIcon size={14} />
            {t('connect.card.revoke')}
          </button>
        </div>
      </header>

      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.budget} className="text-sm font-medium">
            {t('connect.card.budget')}
          </label>
          <NumberField
            id={ids.budget}
            value={app.dailyBudgetUsd === null ? null : Math.round(app.dailyBudgetUsd * rate * 100) / 100}
            rule={{ min: 0, max: 1_000_000, allowEmpty: true }}
            what={t('connect.card.budget')}
            prefix={currencySymbol(unit.currency)}
            placeholder={t('connect.card.noLimit')}
            onCommit={(value) => void change({ dailyBudgetUsd: value === null ? null : value / rate })}
            onProblem={(problem) => setState(problem ? { kind: 'error', text: problem } : null)}
            testId="connect-key-budget"
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('connect.card.budgetHelp')}</p>
        </div>
        <div className="flex flex-col gap-1">
          <span id={ids.localOnly} className="text-sm font-medium">
            {t('connect.card.localOnly')}
          </span>
          <Switch checked={app.localOnly} onChange={(localOnly) => void change({ localOnly })} labelledBy={ids.localOnly} testId="connect-key-local-only" />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('connect.card.localOnlyHelp')}</p>
        </div>
        <AllowedModels app={app} labelId={ids.models} onChange={(allowedModels) => void change({ allowedModels })} />
      </div>

      <ConfirmDialog
        open={confirming}
        title={t('connect.card.revokeTitle', { app: app.name })}
        body={t('connect.card.revokeBody', { app: app.name })}
        confirmLabel={t('connect.card.revoke')}
        destructive
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          void useConnect
            .getState()
            .revokeKey(app.name)
            .then((problem) => problem && setState({ kind: 'error', text: t('connect.card.couldNotRevoke', { problem }) }))
        }}
        testId="connect-revoke-dialog"
      />
    </article>
  )
}

/** The models a key may use: all (none listed), or the ones added here; Auto picks only among them. */
function AllowedModels({ app, labelId, onChange }: { app: AppKeyInfo; labelId: string; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation()
  const models = useConnect((s) => s.models)
  const nameOf = (id: string) => models.find((m) => m.id === id)?.name ?? id
  const left = models.filter((m) => !app.allowedModels.includes(m.id))
  const groups = [...new Set(left.map((m) => m.where))]
  return (
    <div className="flex flex-col gap-1.5 sm:col-span-2" role="group" aria-labelledby={labelId} data-testid="connect-key-models">
      <span id={labelId} className="text-sm font-medium">
        {t('connect.card.models')}
      </span>
      <div className="flex flex-wrap items-center gap-1.5">
        {app.allowedModels.length === 0 ? (
          <span className={ui.chip} data-testid="connect-key-models-all">
            {t('connect.card.all')}
          </span>
        ) : (
          app.allowedModels.map((id) => (
            <span key={id} className={ui.chip} data-testid="connect-key-model" data-model={id}>
              <span className="max-w-56 truncate" title={id}>
                {nameOf(id)}
              </span>
              <button type="button" className="rounded-full p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-700" aria-label={t('connect.card.remove', { model: nameOf(id) })} onClick={() => onChange(app.allowedModels.filter((m) => m !== id))}>
                <CloseIcon size={12} />
              </button>
            </span>
          ))
        )}
        {left.length > 0 && (
          <select
            className={`${ui.input} max-w-full py-1 text-xs`}
            aria-label={t('connect.card.limitTo', { app: app.name })}
            value=""
            onChange={(e) => e.target.value && onChange([...app.allowedModels, e.target.value])}
            data-testid="connect-key-model-add"
          >
            <option value="">{t(app.allowedModels.length === 0 ? 'connect.card.limitFirst' : 'connect.card.addModel')}</option>
            {groups.map((where) => (
              <optgroup key={where} label={where}>
                {left
                  .filter((m) => m.where === where)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        )}
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {t(app.allowedModels.length === 0 ? 'connect.card.allHelp' : 'connect.card.someHelp')}
      </p>
    </div>
  )
}
