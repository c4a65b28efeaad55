import { useId, useState } from 'react'
import type { AppKeyInfo } from '../../api'
import { currencySymbol, formatMoney, useMoneyUnit } from '../../lib/money'
import { useConnect } from '../../stores/connect'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { CloseIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'
import { NumberField, SaveText, Switch, type SaveState } from '../settings/fields'

type Change = Partial<Pick<AppKeyInfo, 'dailyBudgetUsd' | 'localOnly' | 'allowedModels'>>

/** One app's key: what it is (last 4, made when, spent today) and its limits, edited in place; Revoke asks first. */
export function AppKeyCard({ app }: { app: AppKeyInfo }) {
  const unit = useMoneyUnit()
  const [state, setState] = useState<SaveState>(null)
  const [confirming, setConfirming] = useState(false)
  const ids = { budget: useId(), localOnly: useId(), models: useId() }
  const rate = unit.currencyPerUsd > 0 ? unit.currencyPerUsd : 1

  const change = async (patch: Change) => {
    setState({ kind: 'saving' })
    const problem = await useConnect.getState().updateKey(app.name, patch)
    setState(problem ? { kind: 'error', text: `Couldn’t save: ${problem}` } : { kind: 'saved' })
  }

  return (
    <article className={`${ui.card} p-4`} aria-label={app.name} data-testid="connect-key" data-name={app.name}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 className="font-semibold break-words">{app.name}</h4>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            <code data-testid="connect-key-last4">aura-…{app.last4}</code> · made {new Date(app.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })} · spent today{' '}
            <span className="tabular-nums" data-testid="connect-key-spent">
              {formatMoney(app.spentTodayUsd, unit)}
            </span>
          </p>
        </div>
        <div className="flex items-center gap-2">
          <SaveText state={state} />
          <button type="button" className={ui.danger} onClick={() => setConfirming(true)} data-testid="connect-key-revoke">
            <TrashIcon size={14} />
            Revoke
          </button>
        </div>
      </header>

      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.budget} className="text-sm font-medium">
            Daily budget
          </label>
          <NumberField
            id={ids.budget}
            value={app.dailyBudgetUsd === null ? null : Math.round(app.dailyBudgetUsd * rate * 100) / 100}
            rule={{ min: 0, max: 1_000_000, allowEmpty: true }}
            what="Daily budget"
            prefix={currencySymbol(unit.currency)}
            placeholder="No limit"
            onCommit={(value) => void change({ dailyBudgetUsd: value === null ? null : value / rate })}
            onProblem={(problem) => setState(problem ? { kind: 'error', text: problem } : null)}
            testId="connect-key-budget"
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">In the cloud, per day. Empty: only your own budgets apply.</p>
        </div>
        <div className="flex flex-col gap-1">
          <span id={ids.localOnly} className="text-sm font-medium">
            Local only
          </span>
          <Switch checked={app.localOnly} onChange={(localOnly) => void change({ localOnly })} labelledBy={ids.localOnly} testId="connect-key-local-only" />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">Nothing this app sends leaves this computer.</p>
        </div>
        <AllowedModels app={app} labelId={ids.models} onChange={(allowedModels) => void change({ allowedModels })} />
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Revoke the key of “${app.name}”?`}
        body={`${app.name} can no longer use Aura from its next request. To connect it again, make a new key.`}
        confirmLabel="Revoke"
        destructive
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          void useConnect
            .getState()
            .revokeKey(app.name)
            .then((problem) => problem && setState({ kind: 'error', text: `Couldn’t revoke: ${problem}` }))
        }}
        testId="connect-revoke-dialog"
      />
    </article>
  )
}

/** The models a key may use: all (none listed), or the ones added here; Auto picks only among them. */
function AllowedModels({ app, labelId, onChange }: { app: AppKeyInfo; labelId: string; onChange: (ids: string[]) => void }) {
  const models = useConnect((s) => s.models)
  const nameOf = (id: string) => models.find((m) => m.id === id)?.name ?? id
  const left = models.filter((m) => !app.allowedModels.includes(m.id))
  const groups = [...new Set(left.map((m) => m.where))]
  return (
    <div className="flex flex-col gap-1.5 sm:col-span-2" role="group" aria-labelledby={labelId} data-testid="connect-key-models">
      <span id={labelId} className="text-sm font-medium">
        Models it may use
      </span>
      <div className="flex flex-wrap items-center gap-1.5">
        {app.allowedModels.length === 0 ? (
          <span className={ui.chip} data-testid="connect-key-models-all">
            All models
          </span>
        ) : (
          app.allowedModels.map((id) => (
            <span key={id} className={ui.chip} data-testid="connect-key-model" data-model={id}>
              <span className="max-w-56 truncate" title={id}>
                {nameOf(id)}
              </span>
              <button type="button" className="rounded-full p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-700" aria-label={`Remove ${nameOf(id)}`} onClick={() => onChange(app.allowedModels.filter((m) => m !== id))}>
                <CloseIcon size={12} />
              </button>
            </span>
          ))
        )}
        {left.length > 0 && (
          <select
            className={`${ui.input} max-w-full py-1 text-xs`}
            aria-label={`Limit “${app.name}” to a model`}
            value=""
            onChange={(e) => e.target.value && onChange([...app.allowedModels, e.target.value])}
            data-testid="connect-key-model-add"
          >
            <option value="">{app.allowedModels.length === 0 ? 'Limit to a model…' : 'Add a model…'}</option>
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
        {app.allowedModels.length === 0
          ? 'Auto may pick any model, and the app may name any. Limit it to keep an app on some models.'
          : 'Auto picks only among these; any other model the app names is refused.'}
      </p>
    </div>
  )
}
