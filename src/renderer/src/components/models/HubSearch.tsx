import { useId, useMemo, useState } from 'react'
import type { AuraErrorShape, HubFile, HubRepo } from '../../api'
import { i18n, locale, Trans, useTranslation } from '../../i18n'
import { chatWith, showHubToken } from '../../lib/chatWith'
import { formatBytes, formatNumber } from '../../lib/format'
import { request } from '../../lib/client'
import { fileTitle, isActive, percentOf, quantBits, quantName, roughFit, tooBigAsk, type ProblemWords } from '../../lib/modelWords'
import { termHints } from '../../lib/termWords'
import { useApp } from '../../stores/app'
import { useCatalog } from '../../stores/catalog'
import { useHubToken } from '../../stores/hubToken'
import { latestDownload, useDownloads } from '../../stores/downloads'
import { useModelsPage } from '../../stores/modelsPage'
import { useSettings } from '../../stores/settings'
import { AlertIcon, ChatIcon, CheckCircleIcon, ChevronDownIcon, DownloadIcon, ExternalLinkIcon, KeyIcon, LockIcon, SearchIcon } from '../common/icons'
import { Term } from '../common/Term'
import { ui } from '../common/ui'
import { FitBadge, RoughFitDetails } from './Fit'
import { FailedDownloadNote, HubAuthActions, repoPage, useProblemWords } from './HubAuthHelp'
import { HubTokenCard } from './HubTokenCard'
import { TooBigAskDialog } from './ModelAction'
import { ProgressBar } from './ProgressBar'

const PAGE = 10

/** Search Hugging Face for any GGUF model: repos → their files (size, rough fit) → Download. */
export function HubSearch() {
  const { t } = useTranslation()
  const query = useModelsPage((s) => s.hubQuery)
  const searching = useModelsPage((s) => s.hubSearching)
  const results = useModelsPage((s) => s.hubResults)
  const error = useModelsPage((s) => s.hubError)
  const [shown, setShown] = useState(PAGE)
  const inputId = useId()

  return (
    <section aria-labelledby="hub-heading" className="mt-10" id="hub-section">
      <h3 id="hub-heading" className="text-base font-semibold">
        {t('models.hub.heading')}
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
        <Trans i18nKey="models.hub.intro" components={{ term: <Term hint={termHints.gguf}>{null}</Term> }} />
      </p>
      <form
        role="search"
        className="mt-3 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          setShown(PAGE)
          void useModelsPage.getState().searchHub()
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          {t('models.hub.label')}
        </label>
        <div className="relative min-w-0 flex-1">
          <SearchIcon size={16} className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-zinc-500 dark:text-zinc-400" />
          <input
            id={inputId}
            type="search"
            data-testid="hub-search"
            value={query}
            maxLength={200}
            placeholder={t('models.hub.placeholder')}
            onChange={(e) => useModelsPage.getState().setHubQuery(e.target.value)}
            className={`${ui.input} w-full py-2 pl-9`}
          />
        </div>
        <button type="submit" data-testid="hub-search-submit" className={ui.primary} disabled={searching || !query.trim()}>
          {searching ? t('models.hub.searching') : t('models.hub.search')}
        </button>
      </form>

      {error && <ProblemBox error={error} />}
      <p className="sr-only" role="status">
        {searching ? t('models.hub.searching') : results ? t('models.hub.results', { count: results.length }) : ''}
      </p>

      {results && results.length === 0 && (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="hub-empty">
          {t('models.hub.nothing')}
        </p>
      )}
      {results && results.length > 0 && (
        <ul className={`${ui.card} mt-4 divide-y divide-zinc-200 dark:divide-zinc-700/80`} aria-label={t('models.hub.resultsList')}>
          {results.slice(0, shown).map((repo) => (
            <HubResult key={repo.repo} repo={repo} />
          ))}
        </ul>
      )}
      {results && results.length > shown && (
        <div className="mt-3 text-center">
          <button type="button" className={ui.secondary} onClick={() => setShown((n) => n + PAGE)}>
            {t('models.hub.more', { count: results.length - shown })}
          </button>
        </div>
      )}
      <HubTokenCard />
      <DownloadSource />
    </section>
  )
}

/** Advanced: where models come from (a Hugging Face mirror, or a company's own copy). */
function DownloadSource() {
  const { t } = useTranslation()
  const saved = useSettings((s) => s.settings?.hubUrl ?? '')
  const inUse = useApp((s) => s.info?.hubUrl ?? null)
  const fromEnv = useApp((s) => s.info?.hubUrlFromEnv ?? false)
  const [draft, setDraft] = useState<string | null>(null)
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const ids = { input: useId(), hint: useId(), inUse: useId() }
  const value = draft ?? saved

  const save = async (url: string) => {
    const trimmed = url.trim()
    if (!/^https?:\/\/\S+$/.test(trimmed)) {
      setStatus({ kind: 'error', text: t('models.source.badAddress') })
      return
    }
    const problem = await useSettings.getState().update({ hubUrl: trimmed })
    if (problem) setStatus({ kind: 'error', text: t('common.couldNotSave', { problem }) })
    else {
      setDraft(null)
      setStatus({ kind: 'ok', text: t('models.source.saved') })
      useModelsPage.setState({ hubResults: null, hubFiles: {}, hubError: null })
      // The address in use, as the services now see it.
      const info = await request('app.info', {})
      if (info.ok) useApp.setState({ info: info.data })
    }
  }

  return (
    <details className="mt-4 text-sm" data-testid="hub-source">
      <summary className="cursor-pointer font-medium text-zinc-700 select-none hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
        {t('models.source.heading')}
        {fromEnv && <span className="font-normal text-zinc-600 dark:text-zinc-400">{t('models.source.setByEnvShort')}</span>}
      </summary>
      <form
        className="mt-2 rounded-xl border border-zinc-200 px-4 py-3.5 dark:border-zinc-700"
        onSubmit={(e) => {
          e.preventDefault()
          if (!fromEnv) void save(value)
        }}
      >
        {inUse && (
          <p id={ids.inUse} data-testid="hub-url-in-use" className="mb-3 flex flex-wrap items-baseline gap-x-1.5 text-zinc-700 dark:text-zinc-300">
            <span>{t('models.source.from')}</span>
            <code className="font-mono text-[0.8125rem] break-all text-zinc-900 dark:text-zinc-100">{inUse}</code>
            {fromEnv && <span>{t('models.source.setByEnv')}</span>}
          </p>
        )}
        <label htmlFor={ids.input} className="font-medium">
          {t('models.source.address')}
        </label>
        <p id={ids.hint} data-testid={fromEnv ? 'hub-url-env' : undefined} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
          {fromEnv ? t('models.source.envHint') : t('models.source.hint')}
        </p>
        <div className="mt-2 flex flex-wrap gap-2">
          <input
            id={ids.input}
            data-testid="hub-url"
            aria-describedby={inUse ? `${ids.inUse} ${ids.hint}` : ids.hint}
            value={value}
            disabled={fromEnv}
            onChange={(e) => {
              setDraft(e.target.value)
              setStatus(null)
            }}
            spellCheck={false}
            autoComplete="off"
            className={`${ui.input} min-w-0 flex-1 basis-64 font-mono`}
          />
          {!fromEnv && (
            <>
              <button type="submit" className={ui.secondary} disabled={draft === null || draft.trim() === saved}>
                {t('models.save')}
              </button>
              {saved !== DEFAULT_HUB && (
                <button type="button" className={ui.ghost} onClick={() => void save(DEFAULT_HUB)}>
                  {t('models.source.useDefault')}
                </button>
              )}
            </>
          )}
        </div>
        <p
          role={status?.kind === 'error' ? 'alert' : 'status'}
          className={`text-sm ${status ? 'mt-2' : ''} ${status?.kind === 'error' ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
        >
          {status?.text ?? ''}
        </p>
      </form>
    </details>
  )
}

const DEFAULT_HUB = 'https://huggingface.co'

function HubResult({ repo }: { repo: HubRepo }) {
  const { t } = useTranslation()
  const entry = useModelsPage((s) => s.hubFiles[repo.repo])
  const [open, setOpen] = useState(false)
  const filesId = useId()
  const [owner, name] = repo.repo.split('/')

  const toggle = () => {
    const next = !open
    setOpen(next)
    if (next && !entry?.files && !entry?.loading) void useModelsPage.getState().loadFiles(repo.repo)
  }
  const facts = [
    repo.downloads !== null ? t('models.hub.downloads', { count: repo.downloads, number: formatNumber(repo.downloads) }) : null,
    repo.likes !== null ? t('models.hub.likes', { count: repo.likes, number: formatNumber(repo.likes) }) : null,
    repo.updatedAt
      ? t('models.hub.updated', { date: new Date(repo.updatedAt).toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' }) })
      : null,
  ].filter(Boolean)

  return (
    <li data-testid="hub-result" data-repo={repo.repo} className="px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2 font-medium break-all">
            <span>
              <span className="font-normal text-zinc-600 dark:text-zinc-400">{owner}/</span>
              {name}
            </span>
            {repo.gated && (
              <span className={ui.chip} title={t('models.needsAccountHint')}>
                <LockIcon size={12} />
                {t('models.needsAccount')}
              </span>
            )}
          </p>
          {facts.length > 0 && <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{facts.join(' · ')}</p>}
        </div>
        <button type="button" data-testid="hub-result-files" aria-expanded={open} aria-controls={filesId} className={ui.secondary} onClick={toggle}>
          {open ? t('models.hub.hideFiles') : t('models.hub.showFiles')}
          <ChevronDownIcon size={14} className={`transition-transform ${open ? 'rotate-180' : ''}`} />
        </button>
      </div>
      <div id={filesId} hidden={!open}>
        {open && (
          <>
            {repo.gated && <GatedNote repo={repo.repo} />}
            <HubFiles repo={repo.repo} entry={entry} />
          </>
        )}
      </div>
    </li>
  )
}

/** A gated repo, before anything fails: what its makers ask, and the ways to do it. */
function GatedNote({ repo }: { repo: string }) {
  const { t } = useTranslation()
  const configured = useHubToken((s) => s.status?.configured ?? false)
  return (
    <div data-testid="hub-gated-note" className="mt-3 flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900/70 dark:bg-amber-950/40 dark:text-amber-100">
      <LockIcon size={15} className="mt-0.5 shrink-0" />
      <div className="min-w-0">
        <p>
          {configured ? t('models.hub.gatedWithToken') : t('models.hub.gated')}
        </p>
        <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
          <a href={repoPage(repo)} target="_blank" rel="noopener" className={`${ui.link} inline-flex items-center gap-1`}>
            {t('models.auth.openPage')}
            <ExternalLinkIcon size={12} />
            <span className="sr-only">{t('models.opensInBrowser')}</span>
          </a>
          {!configured && (
            <button type="button" className={`${ui.link} inline-flex items-center gap-1`} onClick={showHubToken}>
              <KeyIcon size={12} />
              {t('models.auth.addToken')}
            </button>
          )}
        </div>
      </div>
    </div>
  )
}

function HubFiles({ repo, entry }: { repo: string; entry: { loading: boolean; files: HubFile[] | null; error: AuraErrorShape | null } | undefined }) {
  const { t } = useTranslation()
  const files = useMemo(
    () => [...(entry?.files ?? [])].sort((a, b) => (a.sizeBytes ?? (quantBits(a.quant) ?? 99) * 1e12) - (b.sizeBytes ?? (quantBits(b.quant) ?? 99) * 1e12)),
    [entry?.files],
  )
  if (!entry || (entry.loading && !entry.files)) {
    return (
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" role="status">
        {t('models.hub.lookingFiles')}
      </p>
    )
  }
  if (entry.error) {
    return (
      <div className="mt-3">
        <ProblemBox error={entry.error} repo={repo} />
        <button type="button" className={`${ui.secondary} mt-2`} onClick={() => void useModelsPage.getState().loadFiles(repo)}>
          {t('models.tryAgain')}
        </button>
      </div>
    )
  }
  if (files.length === 0) {
    return <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{t('models.hub.noFiles')}</p>
  }
  return (
    <ul className="mt-3 divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-700 dark:border-zinc-700" aria-label={t('models.hub.filesIn', { repo })}>
      {files.map((file) => (
        <HubFileRow key={file.file} repo={repo} file={file} />
      ))}
    </ul>
  )
}

function HubFileRow({ repo, file }: { repo: string; file: HubFile }) {
  const { t } = useTranslation()
  const hardware = useCatalog((s) => s.hardware)
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const fit = hardware && file.sizeBytes !== null ? roughFit(file.sizeBytes, hardware) : null
  return (
    <li data-testid="hub-file" data-file={file.file} className="px-3 py-2.5">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1 basis-56">
          {file.quant ? (
            <>
              <p className="text-sm font-medium">
                {quantName(file.quant)}
                <Term hint={termHints.version} className="ml-1.5 font-mono text-xs font-normal text-zinc-600 dark:text-zinc-400">
                  {file.quant}
                </Term>
              </p>
              <p className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={file.file}>
                {fileTitle(file.file)}
                {file.parts > 1 && <span className="font-sans">{t('models.hub.parts', { count: file.parts })}</span>}
              </p>
            </>
          ) : (
            <p className="truncate text-sm font-medium" title={file.file}>
              {fileTitle(file.file)}
              {file.parts > 1 && <span className="font-normal text-zinc-600 dark:text-zinc-400">{t('models.hub.parts', { count: file.parts })}</span>}
            </p>
          )}
        </div>
        <span className="text-sm tabular-nums">{file.sizeBytes !== null ? formatBytes(file.sizeBytes) : t('models.hub.sizeUnknown')}</span>
        {fit && <FitBadge label={fit.label} rough controls={detailsId} expanded={open} onToggle={() => setOpen((o) => !o)} />}
        <HubFileAction repo={repo} file={file} tooBigNeeds={fit?.label === 'too_big' ? fit.neededBytes : null} />
      </div>
      <div id={detailsId} hidden={!open} className="mt-2">
        {open && fit && <RoughFitDetails id={`${detailsId}-fit`} neededBytes={fit.neededBytes} />}
      </div>
    </li>
  )
}

/** `tooBigNeeds`: the memory a file too big for this computer needs (then Download asks first). */
function HubFileAction({ repo, file, tooBigNeeds }: { repo: string; file: HubFile; tooBigNeeds: number | null }) {
  const { t } = useTranslation()
  const download = useDownloads((s) => latestDownload(s.byId, repo, file.file))
  const [starting, setStarting] = useState(false)
  const [asking, setAsking] = useState(false)
  if (download?.state === 'done') {
    const modelId = download.modelId
    return (
      <span className="flex items-center gap-2">
        <span className="inline-flex items-center gap-1 text-sm font-medium text-emerald-700 dark:text-emerald-400">
          <CheckCircleIcon size={15} />
          {t('models.downloaded')}
        </span>
        {modelId && (
          <button type="button" className={ui.secondary} onClick={() => chatWith(modelId)}>
            <ChatIcon size={14} />
            {t('models.chat')}
          </button>
        )}
      </span>
    )
  }
  if (download && isActive(download)) {
    const percent = percentOf(download)
    return (
      <div className="w-32">
        <p className="text-right text-xs font-medium tabular-nums">{download.state === 'paused' ? t('models.paused') : percent === null ? t('models.starting') : `${percent}%`}</p>
        <div className="mt-1">
          <ProgressBar value={percent} label={t('models.downloadingNamed', { name: fileTitle(file.file) })} tone={download.state === 'paused' ? 'paused' : 'active'} />
        </div>
      </div>
    )
  }
  const start = async () => {
    setStarting(true)
    await useDownloads.getState().start(repo, file.file)
    setStarting(false)
  }
  return (
    <span className="ml-auto flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid="hub-file-download"
        className={ui.primary}
        disabled={starting}
        aria-label={t('models.hub.downloadNamed', { name: fileTitle(file.file) })}
        onClick={() => (tooBigNeeds === null ? void start() : setAsking(true))}
      >
        <DownloadIcon size={15} />
        {starting ? t('models.starting') : t('models.downloadButton')}
      </button>
      {tooBigNeeds !== null && (
        <TooBigAskDialog
          open={asking}
          ask={tooBigAsk(fileTitle(file.file), file.sizeBytes, { neededBytes: tooBigNeeds })}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false)
            void start()
          }}
        />
      )}
      {download?.state === 'failed' && download.error && <FailedDownloadNote repo={repo} error={download.error} />}
    </span>
  )
}

/** A search or file-listing problem in plain words. */
function searchProblem(error: AuraErrorShape, authWords: ProblemWords | null): { title: string; advice: string } | null {
  switch (error.code) {
    case 'hub_unreachable':
      return { title: i18n.t('models.problems.unreachable.title'), advice: i18n.t('models.hub.offline') }
    case 'hub_auth_required':
      return authWords
    case 'not_found':
      return { title: i18n.t('models.hub.notFound'), advice: i18n.t('models.hub.notFoundAdvice') }
    default:
      return null
  }
}

function ProblemBox({ error, repo }: { error: AuraErrorShape; repo?: string }) {
  const authWords = useProblemWords(error.code === 'hub_auth_required' ? error : null)
  const words = searchProblem(error, authWords)
  return (
    <div
      role="alert"
      data-testid="hub-error"
      data-code={error.code}
      className="mt-3 flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100"
    >
      <AlertIcon size={16} className="mt-0.5 shrink-0" />
      {words ? (
        <div className="min-w-0">
          <p className="font-semibold">{words.title}</p>
          <p className="mt-0.5">{words.advice}</p>
          {authWords && (
            <div className="mt-2 flex flex-wrap gap-2">
              <HubAuthActions words={authWords} error={error} repo={repo} />
            </div>
          )}
        </div>
      ) : (
        <p>{error.message}</p>
      )}
    </div>
  )
}
