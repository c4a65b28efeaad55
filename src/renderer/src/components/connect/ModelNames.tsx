import { useId, useState, type ReactNode } from 'react'
import { DEFAULT_MODEL_NAMES, LOCAL_TARGET, type ModelNameRule } from '../../../../shared/modelNames'
import type { CloudModel, InstalledModel } from '../../api'
import { useTranslation } from '../../i18n'
import { useCloud } from '../../stores/cloud'
import { useModels } from '../../stores/models'
import { useSettings } from '../../stores/settings'
import { PlusIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'
import { SaveText, useSaver } from '../settings/fields'

const AUTO = 'auto'

/**
 * "When an app asks for a model Aura doesn't have…": the user's rules for the model names apps send
 * (settings.api.modelNames; the API reads them in gateway/modelNames.ts). Self-contained: it reads and
 * saves the setting itself, so the Connect apps page only mounts it.
 */
export function ModelNames() {
  const api = useSettings((s) => s.settings?.api ?? null)
  const models = useModels((s) => s.models)
  const cloud = useCloud((s) => s.models)
  const saver = useSaver()
  if (!api) return null
  const save = (rules: ModelNameRule[]) => void saver.save('modelNames', { api: { ...api, modelNames: rules } })
  return <ModelNamesView rules={api.modelNames} local={models} cloud={cloud} onSave={save} note={<SaveText state={saver.states.modelNames} />} />
}

interface ModelNamesViewProps {
  rules: readonly ModelNameRule[]
  /** Installed models (those for documents are left out). */
  local: readonly InstalledModel[]
  cloud: readonly CloudModel[]
  onSave(rules: ModelNameRule[]): void
  /** "Saving…", "Saved" or why not. */
  note?: ReactNode
}

export function ModelNamesView({ rules: saved, local, cloud, onSave, note }: ModelNamesViewProps) {
  // Names are typed here and saved when the field is left; everything else saves at once.
  const [rules, setRules] = useState<ModelNameRule[]>(() => [...saved])
  // A new saved list (saved here or elsewhere) replaces the drafts.
  const [shown, setShown] = useState(saved)
  if (shown !== saved) {
    setShown(saved)
    setRules([...saved])
  }
  const { t } = useTranslation()
  const id = useId()
  const [problem, setProblem] = useState<string | null>(null)

  const commit = (next: ModelNameRule[]) => {
    setRules(next)
    if (next.some((rule) => rule.pattern.trim() === '')) return setProblem(t('connect.modelNames.problem'))
    setProblem(null)
    onSave(next.map((rule) => ({ pattern: rule.pattern.trim(), target: rule.target })))
  }
  const change = (index: number, patch: Partial<ModelNameRule>) => rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule))
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules]
    const [rule] = next.splice(index, 1)
    next.splice(index + by, 0, rule!)
    commit(next)
  }
  const isDefault = JSON.stringify(rules) === JSON.stringify(DEFAULT_MODEL_NAMES)

  return (
    <section aria-labelledby={`${id}-heading`} id="connect-model-names" className="mt-10 scroll-mt-4 space-y-3" data-testid="model-names">
      <div>
        <h3 id={`${id}-heading`} className="text-base font-semibold">
          {t('connect.modelNames.title')}
        </h3>
        <p className={`mt-1 text-sm ${ui.muted}`}>{t('connect.modelNames.intro')}</p>
      </div>

      {rules.length === 0 ? (
        <p className={`text-sm ${ui.muted}`}>{t('connect.modelNames.none')}</p>
      ) : (
        <ol className="space-y-2">
          {rules.map((rule, index) => (
            <li key={index} className="flex flex-wrap items-center gap-2" data-testid="model-name-rule">
              <label className="flex items-center gap-2 text-sm">
                <span className={ui.muted}>{t('connect.modelNames.nameLike')}</span>
                <input
                  className={`${ui.input} w-40`}
                  value={rule.pattern}
                  placeholder="*haiku*"
                  aria-label={t('connect.modelNames.ruleName', { n: index + 1 })}
                  onChange={(event) => setRules(change(index, { pattern: event.target.value }))}
                  onBlur={() => rule.pattern !== saved[index]?.pattern && commit(rules)}
                />
              </label>
              <label className="flex min-w-0 items-center gap-2 text-sm">
                <span className={ui.muted}>{t('connect.modelNames.uses')}</span>
                <select className={`${ui.input} w-64 min-w-0`} value={rule.target} aria-label={t('connect.modelNames.ruleTarget', { n: index + 1 })} onChange={(event) => commit(change(index, { target: event.target.value }))}>
                  <TargetOptions target={rule.target} local={local} cloud={cloud} />
                </select>
              </label>
              <span className="flex items-center">
                <button type="button" className={ui.ghost} disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('connect.modelNames.moveUp', { n: index + 1 })} title={t('connect.modelNames.moveUpShort')}>
                  ↑
                </button>
                <button type="button" className={ui.ghost} disabled={index === rules.length - 1} onClick={() => move(index, 1)} aria-label={t('connect.modelNames.moveDown', { n: index + 1 })} title={t('connect.modelNames.moveDownShort')}>
                  ↓
                </button>
                <button type="button" className={ui.danger} onClick={() => commit(rules.filter((_, i) => i !== index))} aria-label={t('connect.modelNames.remove', { n: index + 1 })} title={t('connect.modelNames.removeShort')}>
                  <TrashIcon size={14} />
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={ui.secondary} onClick={() => setRules([...rules, { pattern: '', target: LOCAL_TARGET }])}>
          <PlusIcon size={14} /> {t('connect.modelNames.add')}
        </button>
        <button type="button" className={ui.ghost} disabled={isDefault} onClick={() => commit([...DEFAULT_MODEL_NAMES])}>
          {t('connect.modelNames.reset')}
        </button>
        {problem ? (
          <span className="text-xs text-red-700 dark:text-red-400" role="alert">
            {problem}
          </span>
        ) : (
          note
        )}
      </div>
    </section>
  )
}

/** Auto, "a model on this computer", then each installed and cloud model; a model that is gone stays shown as gone. */
function TargetOptions({ target, local, cloud }: { target: string; local: readonly InstalledModel[]; cloud: readonly CloudModel[] }) {
  const { t } = useTranslation()
  const chat = local.filter((model) => !model.embedding && !model.problem)
  const known = target === AUTO || target === LOCAL_TARGET || chat.some((m) => m.id === target) || cloud.some((m) => m.id === target)
  return (
    <>
      <option value={LOCAL_TARGET}>{t('connect.modelNames.local')}</option>
      <option value={AUTO}>{t('connect.modelNames.auto')}</option>
      {!known && <option value={target}>{t('connect.modelNames.gone', { model: target })}</option>}
      {chat.length > 0 && (
        <optgroup label={t('connect.modelNames.onThisComputer')}>
          {chat.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name}
            </option>
          ))}
        </optgroup>
      )}
      {cloud.length > 0 && (
        <optgroup label={t('connect.modelNames.inTheCloud')}>
          {cloud.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name} ({model.providerName})
            </option>
          ))}
        </optgroup>
      )}
    </>
  )
}
