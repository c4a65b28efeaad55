import { useDeferredValue, useId, useState, type ReactNode } from 'react'
import type { CloudModel } from '../../api'
import { locale, Trans, useTranslation } from '../../i18n'
import { formatDay, formatPrice, groupByProvider, isServerProvider, priceSource } from '../../lib/cloudWords'
import { useCloud } from '../../stores/cloud'
import { ChevronDownIcon, SearchIcon } from '../common/icons'
import { estimatedChip, ui } from '../common/ui'

/** Above this many models a search field helps (OpenRouter alone lists hundreds). */
const FILTER_FROM = 8

/**
 * What each cloud model costs per million tokens, where the price comes from and when it was
 * taken; the user can correct a price (marked "edited") and go back to the table's.
 */
export function PricesSection() {
  const models = useCloud((s) => s.models)
  const settled = useCloud((s) => s.modelsSettled)
  const error = useCloud((s) => s.modelsError)
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query.trim().toLowerCase())
  const searchId = useId()
  const { t } = useTranslation()

  const shown = deferred
    ? models.filter((m) => `${m.name} ${m.model} ${m.providerName}`.toLowerCase().includes(deferred))
    : models
  // The user's own servers cost nothing unless given a price (a paid gateway): they sit apart, folded.
  const cloudGroups = groupByProvider(shown.filter((m) => !isServerProvider(m.provider)))
  const serverModels = shown.filter((m) => isServerProvider(m.provider))
  const serverGroups = groupByProvider(serverModels)

  return (
    <section aria-labelledby="prices-heading" id="prices-section" className="mt-10 scroll-mt-4">
      <h3 id="prices-heading" className="text-base font-semibold">
        {t('cloud.prices.title')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400" id="prices-help">
        <Trans i18nKey="cloud.prices.intro" components={{ em: <em /> }} />
      </p>

      {!settled ? (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{t('cloud.prices.looking')}</p>
      ) : error && models.length === 0 ? (
        <p className="mt-4 text-sm text-amber-900 dark:text-amber-200" data-testid="prices-problem">
          {t('cloud.prices.listFailed', { problem: error })}
        </p>
      ) : models.length === 0 ? (
        <p
          className="mt-4 rounded-xl border border-dashed border-zinc-300 px-6 py-5 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
          data-testid="prices-empty"
        >
          {t('cloud.prices.empty')}
        </p>
      ) : (
        <>
          {models.length > FILTER_FROM && (
            <div className="relative mt-4 max-w-sm">
              <label htmlFor={searchId} className="sr-only">
                {t('cloud.prices.find')}
              </label>
              <SearchIcon size={15} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-500 dark:text-zinc-400" />
              <input
                id={searchId}
                type="search"
                data-testid="price-filter"
                placeholder={t('cloud.prices.find')}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                className={`${ui.input} w-full py-2 pl-8`}
              />
            </div>
          )}
          {shown.length === 0 && <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{t('cloud.prices.noMatch', { query: query.trim() })}</p>}
          {cloudGroups.map((group) => (
            <PriceTable key={group.provider} name={group.name} models={group.models} note={group.provider === 'openrouter' ? <LivePricesNote /> : null} />
          ))}
          {serverGroups.length > 0 && (
            <details className="group mt-4" open={(cloudGroups.length === 0 && deferred !== '') || undefined} data-testid="server-prices">
              <summary className="flex cursor-pointer list-none items-center gap-1 text-sm font-medium select-none [&::-webkit-details-marker]:hidden">
                <ChevronDownIcon size={14} className="-rotate-90 transition-transform group-open:rotate-0" />
                {t('cloud.prices.onServers', { count: serverModels.length })}
              </summary>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('cloud.prices.onServersHelp')}</p>
              {serverGroups.map((group) => (
                <PriceTable key={group.provider} name={group.name} models={group.models} />
              ))}
            </details>
          )}
        </>
      )}
    </section>
  )
}

/** "Prices as of Nov 18, 2026, from OpenRouter's model list" with a button to fetch them again. */
function LivePricesNote() {
  const live = useCloud((s) => s.livePrices)
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { t } = useTranslation()
  const refresh = async () => {
    setWorking(true)
    setError(null)
    setError(await useCloud.getState().refreshLivePrices())
    setWorking(false)
  }
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 pb-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="live-prices">
      <span data-testid="live-prices-date">
        {live?.asOf ? t('cloud.prices.liveAsOf', { day: formatDay(live.asOf) }) : t('cloud.prices.liveNotYet')}
      </span>
      <button type="button" className={ui.link} disabled={working} onClick={() => void refresh()} data-testid="live-prices-refresh">
        {working ? t('cloud.servers.checking') : t('cloud.prices.checkNow')}
      </button>
      <span role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error ?? ''}
      </span>
    </div>
  )
}

/** One grid for every group's rows (so the columns line up), stacked in a narrow window. */
const rowGrid =
  'grid grid-cols-2 items-start gap-x-3 gap-y-2 @xl:grid-cols-[minmax(0,1fr)_7.5rem_7.5rem_minmax(0,10rem)_6.5rem] @xl:gap-y-0'

function PriceTable({ name, models, note }: { name: string; models: CloudModel[]; note?: ReactNode }) {
  const headingId = useId()
  const { t } = useTranslation()
  return (
    <section aria-labelledby={headingId} className={`${ui.card} mt-4 @container`}>
      <h4 id={headingId} className="px-4 pt-3 pb-1 font-semibold">
        {name}
        <span className="sr-only"> {t('cloud.prices.srPrices')}</span>
      </h4>
      {note}
      <div aria-hidden="true" className={`${rowGrid} hidden px-4 py-1.5 text-xs font-medium text-zinc-600 @xl:grid dark:text-zinc-400`}>
        <span>{t('cloud.prices.model')}</span>
        <span>{t('cloud.prices.inputHeader')}</span>
        <span>{t('cloud.prices.outputHeader')}</span>
        <span>{t('cloud.prices.from')}</span>
        <span />
      </div>
      <ul className="divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {models.map((m) => (
          <PriceRow key={m.id} model={m} />
        ))}
      </ul>
    </section>
  )
}

/** 0.4 → "0.40" ("0,40" in Spanish), 10 → "10.00", 0.075 → "0.075": the bare number the field shows, in the language's decimal mark (parsePrice reads either mark). */
const asText = (value: number | undefined): string =>
  value === undefined ? '' : value.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 4, useGrouping: false })

/** "0.4" → 0.4; null when it is not a price. */
function parsePrice(text: string): number | null {
  const cleaned = text.trim().replace(/^\$/, '').replace(',', '.')
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(cleaned)) return null
  const value = Number(cleaned)
  return Number.isFinite(value) && value >= 0 && value <= 10_000 ? value : null
}

function PriceRow({ model }: { model: CloudModel }) {
  const price = model.price
  const original = `${asText(price?.inputPerMTokens)}|${asText(price?.outputPerMTokens)}`
  const [shown, setShown] = useState(original)
  const [input, setInput] = useState(asText(price?.inputPerMTokens))
  const [output, setOutput] = useState(asText(price?.outputPerMTokens))
  // The price changed (saved, reset, or a new list): the fields follow it.
  if (shown !== original) {
    setShown(original)
    setInput(asText(price?.inputPerMTokens))
    setOutput(asText(price?.outputPerMTokens))
  }
  const [error, setError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const ids = { error: useId(), source: useId() }
  const { t } = useTranslation()

  const dirty = `${input.trim()}|${output.trim()}` !== original
  const inputValue = parsePrice(input)
  const outputValue = parsePrice(output)

  const save = async () => {
    if (!dirty) return
    if (inputValue === null || outputValue === null) {
      setError(t('cloud.prices.notNumbers'))
      return
    }
    setWorking(true)
    setError(null)
    const failure = await useCloud.getState().setPrice(model.id, { inputPerMTokens: inputValue, outputPerMTokens: outputValue })
    setWorking(false)
    if (failure) setError(t('cloud.prices.notSaved', { problem: failure }))
    else setAnnouncement(t('cloud.prices.saved', { name: model.name, input: formatPrice(inputValue), output: formatPrice(outputValue) }))
  }

  const reset = async () => {
    setWorking(true)
    setError(null)
    const failure = await useCloud.getState().setPrice(model.id, null)
    setWorking(false)
    if (failure) setError(t('cloud.prices.notReset', { problem: failure }))
    else setAnnouncement(t('cloud.prices.resetDone', { name: model.name }))
  }

  const field = (label: string, value: string, set: (text: string) => void, testid: string) => (
    <input
      type="text"
      inputMode="decimal"
      data-testid={testid}
      aria-label={t('cloud.prices.fieldLabel', { which: label, name: model.name })}
      aria-describedby={`${ids.source} ${ids.error}`}
      aria-invalid={error && parsePrice(value) === null ? true : undefined}
      placeholder="—"
      value={value}
      disabled={working}
      autoComplete="off"
      onChange={(e) => {
        set(e.target.value)
        setError(null)
        setAnnouncement('')
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          void save()
        } else if (e.key === 'Escape' && dirty) {
          e.preventDefault()
          setInput(asText(price?.inputPerMTokens))
          setOutput(asText(price?.outputPerMTokens))
          setError(null)
        }
      }}
      className={`${ui.input} w-24 py-1 text-right tabular-nums ${error && parsePrice(value) === null ? 'border-red-600! dark:border-red-400!' : ''}`}
    />
  )

  const cell = (label: string, value: string, set: (text: string) => void, testid: string) => (
    <span className="flex flex-col gap-0.5">
      <span aria-hidden="true" className="text-xs text-zinc-600 @xl:hidden dark:text-zinc-400">
        {t('cloud.prices.cellLabel', { which: label })}
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="text-zinc-500 dark:text-zinc-400">
          $
        </span>
        {field(label, value, set, testid)}
      </span>
    </span>
  )

  return (
    <li data-testid="price-row" data-model-id={model.id} data-edited={price?.edited ? 'true' : undefined} className={`${rowGrid} px-4 py-2.5 text-sm`}>
      <span className="col-span-2 min-w-0 @xl:col-span-1 @xl:pt-1">
        <span className="block font-medium break-words">{model.name}</span>
        {model.model !== model.name && <span className="block truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">{model.model}</span>}
      </span>
      {cell(t('cloud.prices.input'), input, setInput, 'price-input')}
      {cell(t('cloud.prices.output'), output, setOutput, 'price-output')}
      <span className="min-w-0 text-xs text-zinc-600 @xl:pt-1.5 dark:text-zinc-400">
        <span id={ids.source} data-testid="price-source">
          {!price ? (
            t('cloud.prices.noPrice')
          ) : price.estimated ? (
            <>
              <span className={`${estimatedChip} mr-1`} data-testid="price-estimated">
                {t('cloud.prices.estimated')}
              </span>
              {t('cloud.prices.estimatedHelp')}
            </>
          ) : price.edited ? (
            <>
              <span
                className={`${ui.chip} mr-1 border-violet-200 bg-violet-50 text-violet-800 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-200`}
                data-testid="price-edited"
              >
                {t('cloud.prices.edited')}
              </span>
              {t('cloud.prices.byYou', { day: formatDay(price.asOf) })}
            </>
          ) : (
            <>
              {priceSource(price.source)}, {formatDay(price.asOf)}
            </>
          )}
        </span>
        <span id={ids.error} role="alert" className="block text-sm text-red-700 dark:text-red-400">
          {error ?? ''}
        </span>
        <span className="sr-only" role="status">
          {announcement}
        </span>
      </span>
      <span className="text-right @xl:pt-0.5">
        {dirty && (
          <button type="button" data-testid="price-save" className={ui.secondary} disabled={working} onClick={() => void save()}>
            {t('cloud.prices.save')}
          </button>
        )}
        {price?.edited && !dirty && (
          <button type="button" data-testid="price-reset" className={ui.ghost} disabled={working} onClick={() => void reset()}>
            {t('cloud.prices.reset')}
          </button>
        )}
      </span>
    </li>
  )
}
