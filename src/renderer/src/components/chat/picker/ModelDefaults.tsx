import { useEffect, useId, useRef, useState } from 'react'
import type { InstalledModel, Settings } from '../../../api'
import { useTranslation } from '../../../i18n'
import { formatNumber } from '../../../lib/format'
import { temperatureChoices, temperatureLabel } from '../../../lib/temperatures'
import { useModels } from '../../../stores/models'
import { useSettings } from '../../../stores/settings'
import { SettingsIcon } from '../../common/icons'
import { ui } from '../../common/ui'

const CONTEXT_SIZES = [1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072]

type Defaults = Settings['modelDefaults'][string]

/** The model's defaults with one field changed; a field set back to the settings' (or Automatic) is dropped, and so is an empty entry. */
export function withDefault<K extends keyof Defaults>(all: Settings['modelDefaults'], modelId: string, field: K, value: Defaults[K] | null): Settings['modelDefaults'] {
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
  const save = async <K extends keyof Defaults>(field: K, value: Defaults[K] | null) => {
    setState({ saving: true, error: null, saved: false })
    const error = await useSettings.getState().update({ modelDefaults: withDefault(settings.modelDefaults, model.id, field, value) })
    // The model's fit follows its context size, layers on the GPU and KV type: the picker's chips change with them.
    if (error === null && field !== 'temperature') void useModels.getState().refresh()
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
      className="absolute top-full left-0 z-40 mt-1 max-h-[calc(100vh-7rem)] w-[min(22rem,calc(100vw-1.5rem))] space-y-3 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-4 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
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
      <LoadChoices own={own} save={save} id={id} />
      <p role="status" className={`text-xs ${state.error ? 'text-red-700 dark:text-red-300' : ui.muted}`} data-testid="model-defaults-state">
        {state.error ?? (state.saving ? t('common.saving') : state.saved ? t('common.saved') : '')}
      </p>
    </div>
  )
}

/** Layer counts offered; the engine caps a count at the model's own layers, so "All" is the largest. */
const LAYER_COUNTS = [8, 16, 24, 32, 48, 64]
const ALL_LAYERS = 1000

/**
 * How the model is loaded: layers on the graphics card, KV cache type, flash attention, each
 * Automatic (the memory estimate chooses, services/fit) unless set; a choice that does not fit is
 * refused with the estimate's words before loading.
 */
function LoadChoices({ own, save, id }: { own: Defaults; save: <K extends keyof Defaults>(field: K, value: Defaults[K] | null) => Promise<void>; id: string }) {
  const { t } = useTranslation()
  const layerCounts = own.gpuLayers === undefined || own.gpuLayers === 0 || own.gpuLayers === ALL_LAYERS || LAYER_COUNTS.includes(own.gpuLayers) ? LAYER_COUNTS : [...LAYER_COUNTS, own.gpuLayers].sort((a, b) => a - b)
  const flash = own.flashAttention === undefined ? '' : own.flashAttention ? 'on' : 'off'
  const field = (name: string, label: string, help: string, control: React.ReactNode) => (
    <div className="space-y-1">
      <label htmlFor={`${id}-${name}`} className="block text-sm font-medium" title={help}>
        {label}
      </label>
      {control}
      <p className={`text-xs ${ui.muted}`}>{help}</p>
    </div>
  )
  return (
    <>
      {field(
        'gpu-layers',
        t('models.load.gpuLayers'),
        t('models.load.gpuLayersHelp'),
        <select
          id={`${id}-gpu-layers`}
          data-testid="model-default-gpu-layers"
          className={`${ui.input} w-full`}
          value={own.gpuLayers === undefined ? '' : String(own.gpuLayers)}
          onChange={(e) => void save('gpuLayers', e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">{t('models.load.automatic')}</option>
          <option value="0">{t('models.load.none')}</option>
          {layerCounts.map((count) => (
            <option key={count} value={count}>
              {t('models.load.layers', { count })}
            </option>
          ))}
          <option value={ALL_LAYERS}>{t('models.load.all')}</option>
        </select>,
      )}
      {field(
        'kv-cache',
        t('models.load.kvCache'),
        t('models.load.kvCacheHelp'),
        <select
          id={`${id}-kv-cache`}
          data-testid="model-default-kv-cache"
          className={`${ui.input} w-full`}
          value={own.kvCacheType ?? ''}
          onChange={(e) => void save('kvCacheType', e.target.value === '' ? null : (e.target.value as 'f16' | 'q8_0'))}
        >
          <option value="">{t('models.load.automatic')}</option>
          <option value="f16">{t('models.load.f16')}</option>
          <option value="q8_0">{t('models.load.q8')}</option>
        </select>,
      )}
      {field(
        'flash-attention',
        t('models.load.flash'),
        t('models.load.flashHelp'),
        <select
          id={`${id}-flash-attention`}
          data-testid="model-default-flash"
          className={`${ui.input} w-full`}
          value={flash}
          onChange={(e) => void save('flashAttention', e.target.value === '' ? null : e.target.value === 'on')}
        >
          <option value="">{t('models.load.automatic')}</option>
          <option value="on">{t('models.load.on')}</option>
          <option value="off">{t('models.load.off')}</option>
        </select>,
      )}
    </>
  )
}
