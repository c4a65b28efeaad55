import { useEffect, useId, useRef, useState } from 'react'
import type { InstalledModel, Settings } from '../../../api'
import { useTranslation } from '../../../i18n'
import { formatNumber } from '../../../lib/format'
import { temperatureChoices, temperatureLabel } from '../../../lib/temperatures'
import { useSettings } from '../../../stores/settings'
import { SettingsIcon } from '../../common/icons'
import { ui } from '../../common/ui'

const CONTEXT_SIZES = [1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072]

type Defaults = Settings['modelDefaults'][string]

/** The model's defaults with one field changed; a field set back to the settings' is dropped, and so is an empty entry. */
export function withDefault(all: Settings['modelDefaults'], modelId: string, field: keyof Defaults, value: number | null): Settings['modelDefaults'] {
  const { [modelId]: own = {}, ...others } = all
  const { [field]: _, ...rest } = own
  const next: Defaults = value === null ? rest : { ...rest, [field]: value }
  return Object.keys(next).length > 0 ? { ...others, [modelId]: next } : others
}

/**
 * "Defaults for this model": a local model's own context size and temperature, over the ones in
 * Settings → Performance. A chat started from an assistant keeps the assistant's temperature.
 */
export function ModelDefaults({ model, name }: { model: InstalledModel; name: string }) {
  const [open, setOpen] = useState(false)
  const { t } = useTranslation()
  const button = useRef<HTMLButtonElement>(null)
  const close = () => {
    setOpen(false)
    button.current?.focus()
  }
  return (
    <div className="relative shrink-0">
      <button
        ref={button}
        type="button"
        data-testid="model-defaults-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={t('picker.defaults.title', { name })}
        title={t('picker.defaults.button')}
        onClick={() => setOpen(!open)}
        className="rounded-lg p-2 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white"
      >
        <SettingsIcon size={16} />
      </button>
      {open && <DefaultsPanel model={model} name={name} onClose={close} />}
    </div>
  )
}

function DefaultsPanel({ model, name, onClose }: { model: InstalledModel; name: string; onClose(): void }) {
  const id = useId()
  const { t } = useTranslation()
  const settings = useSettings((s) => s.settings)
  const [state, setState] = useState<{ saving: boolean; error: string | null; saved: boolean }>({ saving: false, error: null, saved: false })
  const panel = useRef<HTMLDivElement>(null)

  useEffect(() => {
    panel.current?.querySelector('select')?.focus()
    const outside = (event: PointerEvent) => {
      if (!panel.current?.parentElement?.contains(event.target as Node)) onClose()
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [onClose])

  if (!settings) return null
  const own = settings.modelDefaults[model.id] ?? {}
  // Sizes beyond what the model was trained on would not be used.
  const fitting = CONTEXT_SIZES.filter((size) => model.contextLength === null || size <= model.contextLength)
  // A value set elsewhere (another version of Aura, the settings file) is shown as it is.
  const sizes = own.contextSize === undefined || fitting.includes(own.contextSize) ? fitting : [...fitting, own.contextSize].sort((a, b) => a - b)
  const temperatures = temperatureChoices(own.temperature)
  const save = async (field: keyof Defaults, value: number | null) => {
    setState({ saving: true, error: null, saved: false })
    const error = await useSettings.getState().update({ modelDefaults: withDefault(settings.modelDefaults, model.id, field, value) })
    setState({ saving: false, error: error && t('picker.defaults.couldNotSave', { problem: error }), saved: error === null })
  }
  const number = (value: string) => (value === '' ? null : Number(value))

  return (
    <div
      ref={panel}
      role="dialog"
      aria-labelledby={`${id}-title`}
      data-testid="model-defaults"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
      className="absolute top-full left-0 z-40 mt-1 w-[min(22rem,calc(100vw-1.5rem))] space-y-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      <h2 id={`${id}-title`} className="text-sm font-semibold">
        {t('picker.defaults.title', { name })}
      </h2>
      <div className="space-y-1">
        <label htmlFor={`${id}-temperature`} className="block text-sm font-medium">
          {t('picker.defaults.temperature')}
        </label>
        <select
          id={`${id}-temperature`}
          data-testid="model-default-temperature"
          className={`${ui.input} w-full`}
          value={own.temperature === undefined ? '' : String(own.temperature)}
          onChange={(e) => void save('temperature', number(e.target.value))}
        >
          {temperatures.map((value) => (
            <option key={String(value)} value={value === null ? '' : String(value)}>
              {value === null ? t('picker.defaults.sameTemperature', { value: formatNumber(settings.temperature) }) : temperatureLabel(value)}
            </option>
          ))}
        </select>
        <p className={`text-xs ${ui.muted}`}>{t('picker.defaults.temperatureHelp')}</p>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-context`} className="block text-sm font-medium">
          {t('picker.defaults.context')}
        </label>
        <select
          id={`${id}-context`}
          data-testid="model-default-context"
          className={`${ui.input} w-full`}
          value={own.contextSize === undefined ? '' : String(own.contextSize)}
          onChange={(e) => void save('contextSize', number(e.target.value))}
        >
          <option value="">{t('picker.defaults.sameContext', { size: formatNumber(settings.contextSize) })}</option>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {t('picker.defaults.tokens', { size: formatNumber(size) })}
            </option>
          ))}
        </select>
        <p className={`text-xs ${ui.muted}`}>{t('picker.defaults.contextHelp')}</p>
      </div>
      <p role="status" className={`text-xs ${state.error ? 'text-red-700 dark:text-red-300' : ui.muted}`} data-testid="model-defaults-state">
        {state.error ?? (state.saving ? t('common.saving') : state.saved ? t('common.saved') : '')}
      </p>
    </div>
  )
}
