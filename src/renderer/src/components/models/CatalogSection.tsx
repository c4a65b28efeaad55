import { useId, useMemo, useState } from 'react'
import type { Capability, CatalogItem } from '../../api'
import { Trans, useTranslation } from '../../i18n'
import { formatBytes, formatNumber, formatCount } from '../../lib/format'
import { capabilityNames, capabilityOrder, fitOf, initialQuant, itemFits, quantChoices } from '../../lib/modelWords'
import { termHints, versionWords } from '../../lib/termWords'
import { useCatalog } from '../../stores/catalog'
import { useModelsPage } from '../../stores/modelsPage'
import { LockIcon, RefreshIcon } from '../common/icons'
import { Term } from '../common/Term'
import { ui } from '../common/ui'
import { CapabilityChips, FitBadge, FitDetails } from './Fit'
import { ModelAction } from './ModelAction'

const PAGE = 8

/** The filter's choice that shows every model. */
const ANY_PURPOSE = 'all'

/** The curated models, filtered by what they are for and whether they fit; paged. */
export function CatalogSection() {
  const { t } = useTranslation()
  const items = useCatalog((s) => s.items)
  const recommendation = useCatalog((s) => s.recommendation)
  const loaded = useCatalog((s) => s.loaded)
  const loading = useCatalog((s) => s.loading)
  const error = useCatalog((s) => s.error)
  const purpose = useModelsPage((s) => s.purpose)
  const fitsOnly = useModelsPage((s) => s.fitsOnly)
  const [shown, setShown] = useState(PAGE)
  const fitsId = useId()

  const purposes = useMemo(
    () => capabilityOrder.filter((c) => items.some((item) => item.capabilities.includes(c))),
    [items],
  )
  const filtered = useMemo(() => {
    const matching = items.filter(
      (item) => !item.embedding && (purpose === 'all' || item.capabilities.includes(purpose)) && (!fitsOnly || itemFits(item)),
    )
    // The suggestion for this computer comes first.
    const rec = recommendation?.entryId
    return rec ? [...matching.filter((i) => i.id === rec), ...matching.filter((i) => i.id !== rec)] : matching
  }, [items, purpose, fitsOnly, recommendation])

  // Models for documents cannot chat: listed apart, under Everything only.
  const forDocuments = useMemo(() => (purpose === 'all' ? items.filter((item) => item.embedding && (!fitsOnly || itemFits(item))) : []), [items, purpose, fitsOnly])
  const visible = filtered.slice(0, shown)
  const setPurpose = (next: Capability | 'all') => {
    useModelsPage.getState().setPurpose(next)
    setShown(PAGE)
  }

  return (
    <section aria-labelledby="catalog-heading" className="mt-10" id="catalog-section">
      <h3 id="catalog-heading" className="text-base font-semibold">
        {t('models.catalog.heading')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('models.catalog.intro')}</p>

      <div className="mt-4 flex flex-wrap items-center gap-x-5 gap-y-3">
        <fieldset data-testid="catalog-filter" className="flex flex-wrap items-center gap-1.5">
          <legend className="sr-only">{t('models.catalog.purpose')}</legend>
          <span aria-hidden="true" className="mr-1 text-sm text-zinc-600 dark:text-zinc-400">
            {t('models.catalog.goodFor')}
          </span>
          {([ANY_PURPOSE, ...purposes] as const).map((value) => (
            <label key={value} className="cursor-pointer">
              <input
                type="radio"
                name="catalog-purpose"
                value={value}
                checked={purpose === value}
                onChange={() => setPurpose(value)}
                className="peer sr-only"
              />
              <span className="inline-flex rounded-full border border-zinc-300 px-3 py-1 text-sm font-medium text-zinc-700 peer-checked:border-violet-600 peer-checked:bg-violet-600 peer-checked:text-white peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-600 hover:bg-zinc-100 peer-checked:hover:bg-violet-700 dark:border-zinc-600 dark:text-zinc-300 dark:peer-checked:border-violet-500 dark:peer-checked:bg-violet-600 dark:hover:bg-zinc-800">
                {value === 'all' ? t('models.catalog.everything') : capabilityNames[value]}
              </span>
            </label>
          ))}
        </fieldset>
        <label htmlFor={fitsId} className="flex cursor-pointer items-center gap-2 text-sm">
          <input
            id={fitsId}
            type="checkbox"
            data-testid="fits-only"
            checked={fitsOnly}
            onChange={(e) => {
              useModelsPage.getState().setFitsOnly(e.target.checked)
              setShown(PAGE)
            }}
            className="size-4 accent-violet-600"
          />
          {t('models.catalog.fitsOnly')}
        </label>
      </div>

      {error && (
        <div role="alert" className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-950 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <p className="flex-1">{t('models.catalog.failed', { error })}</p>
          <button type="button" className={ui.secondary} onClick={() => void useCatalog.getState().loadCatalog()} disabled={loading}>
            <RefreshIcon size={14} className={loading ? 'animate-spin' : ''} />
            {t('models.tryAgain')}
          </button>
        </div>
      )}

      <p className="sr-only" role="status">
        {loaded ? t('models.catalog.shown', { count: filtered.length }) : ''}
      </p>

      {!loaded && !error ? (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{t('models.catalog.loading')}</p>
      ) : loaded && filtered.length === 0 ? (
        <div className="mt-4 rounded-xl border border-dashed border-zinc-300 px-6 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" data-testid="catalog-empty">
          {t('models.catalog.noMatch')}{' '}
          <button
            type="button"
            className={ui.link}
            onClick={() => {
              setPurpose('all')
              useModelsPage.getState().setFitsOnly(false)
            }}
          >
            {t('models.catalog.showAll')}
          </button>
        </div>
      ) : (
        <ul className="mt-4 space-y-3" aria-label={t('models.catalog.list')}>
          {visible.map((item) => (
            <CatalogCard key={item.id} item={item} suggested={item.id === recommendation?.entryId} preferredQuant={item.id === recommendation?.entryId ? recommendation.quant : undefined} />
          ))}
        </ul>
      )}

      {filtered.length > shown && (
        <div className="mt-3 flex items-center justify-center gap-3">
          <button type="button" data-testid="catalog-more" className={ui.secondary} onClick={() => setShown((n) => n + PAGE * 2)}>
            {t('models.catalog.more')}
          </button>
          <span className="text-sm text-zinc-600 dark:text-zinc-400">{t('models.catalog.shownOf', { shown: visible.length, total: filtered.length })}</span>
        </div>
      )}

      {loaded && forDocuments.length > 0 && (
        <section aria-labelledby="catalog-documents-heading" className="mt-8" data-testid="catalog-documents">
          <h4 id="catalog-documents-heading" className="text-sm font-semibold">
            {t('models.catalog.documents')}
          </h4>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{t('models.catalog.documentsIntro')}</p>
          <ul className="mt-3 space-y-3" aria-label={t('models.catalog.documentsList')}>
            {forDocuments.map((item) => (
              <CatalogCard key={item.id} item={item} suggested={false} />
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}

function CatalogCard({ item, suggested, preferredQuant }: { item: CatalogItem; suggested: boolean; preferredQuant?: string }) {
  const { t } = useTranslation()
  const choices = useMemo(() => quantChoices(item.quants), [item.quants])
  const [quant, setQuant] = useState(() => initialQuant(item, preferredQuant))
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const selectId = useId()
  const chosen = choices.find((q) => q.quant === quant) ?? choices[0]
  if (!chosen) return null
  const fit = fitOf(item, chosen.quant)
  const standard = choices.find((q) => q.isDefault)
  const standardTooBig = standard && standard.quant !== chosen.quant && fitOf(item, standard.quant)?.label === 'too_big'

  return (
    <li
      data-testid="catalog-item"
      data-entry-id={item.id}
      className={`${ui.card} px-4 py-3.5 ${suggested ? 'ring-1 ring-violet-300 dark:ring-violet-800' : ''}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-64">
          <h4 className="flex flex-wrap items-center gap-x-2 gap-y-1 font-semibold">
            {item.name}
            {suggested && (
              <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200">
                {t('models.catalog.suggested')}
              </span>
            )}
            {item.gated && (
              <span className={ui.chip} title={t('models.needsAccountHint')}>
                <LockIcon size={12} />
                {t('models.needsAccount')}
              </span>
            )}
          </h4>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-300">{item.description}</p>
        </div>
        <ModelAction item={item} quant={chosen} fit={fit} testId="catalog-download" />
      </div>

      <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2">
        <CapabilityChips capabilities={item.capabilities} />
        {fit && <FitBadge label={fit.label} controls={detailsId} expanded={open} onToggle={() => setOpen((o) => !o)} />}
        <button type="button" aria-expanded={open} aria-controls={detailsId} className={`${ui.ghost} text-xs`} onClick={() => setOpen((o) => !o)}>
          {open ? t('models.hideDetails') : t('models.details')}
        </button>
        {choices.length > 1 && !item.installedModelId && (
          <div className="ml-auto flex max-w-full min-w-0 items-center gap-2 text-sm">
            <label htmlFor={selectId} className="text-zinc-600 dark:text-zinc-400">
              {t('models.version')}
            </label>
            <select
              id={selectId}
              data-testid="catalog-quant"
              value={chosen.quant}
              onChange={(e) => setQuant(e.target.value)}
              className={`${ui.input} min-w-0 py-1 pr-8 dark:[&>option]:bg-zinc-800`}
            >
              {choices.map((q) => (
                <option key={q.quant} value={q.quant}>
                  {q.label}
                  {q.sizeBytes !== null ? ` · ${formatBytes(q.sizeBytes)}` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {standardTooBig && (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          {t('models.catalog.smallerPicked')}
        </p>
      )}

      <div id={detailsId} hidden={!open} className="mt-3 space-y-2">
        {open && (
          <>
            {fit && <FitDetails id={`${detailsId}-fit`} fit={fit} />}
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 px-1 text-xs text-zinc-600 dark:text-zinc-400">
              <dt>{t('models.catalog.size')}</dt>
              <dd>
                {formatCount(item.parameters)} <Term hint={termHints.parameters}>{t('models.catalog.parameters')}</Term> ·{' '}
                {chosen.sizeBytes !== null ? t('models.catalog.fileSize', { size: formatBytes(chosen.sizeBytes) }) : t('models.catalog.sizeLater')}
              </dd>
              <dt>{item.embedding ? t('models.catalog.readsUpTo') : t('models.remembersUpTo')}</dt>
              <dd>
                <Trans
                  i18nKey={item.embedding ? 'models.textTokens' : 'models.conversationTokens'}
                  values={{ number: formatNumber(item.contextLength) }}
                  components={{ term: <Term hint={termHints.tokens}>{null}</Term> }}
                />
              </dd>
              <dt>{t('models.version')}</dt>
              <dd>
                <Term hint={termHints.version}>{versionWords(chosen.label, chosen.quant)}</Term>
              </dd>
              <dt>{t('models.catalog.licence')}</dt>
              <dd>{item.license}</dd>
              <dt>{t('models.catalog.from')}</dt>
              <dd className="font-mono break-all">
                {chosen.repo}/{chosen.file}
              </dd>
            </dl>
          </>
        )}
      </div>
    </li>
  )
}
