import { useId, useMemo, useState } from 'react'
import type { AuraErrorShape, HubFile, HubRepo } from '../../api'
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
  const query = useModelsPage((s) => s.hubQuery)
  const searching = useModelsPage((s) => s.hubSearching)
  const results = useModelsPage((s) => s.hubResults)
  const error = useModelsPage((s) => s.hubError)
  const [shown, setShown] = useState(PAGE)
  const inputId = useId()

  return (
    <section aria-labelledby="hub-heading" className="mt-10" id="hub-section">
      <h3 id="hub-heading" className="text-base font-semibold">
        Search Hugging Face
      </h3>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
        Find any other model made for apps like Aura (<Term hint={termHints.gguf}>GGUF files</Term>). These are not checked by Aura — the fit shown is an
        estimate from the file size.
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
          Search Hugging Face for models
        </label>
        <div className="relative min-w-0 flex-1">
          <SearchIcon size={16} className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-zinc-500 dark:text-zinc-400" />
          <input
            id={inputId}
            type="search"
            data-testid="hub-search"
            value={query}
            maxLength={200}
            placeholder="A model’s name, e.g. qwen, llama, mistral"
            onChange={(e) => useModelsPage.getState().setHubQuery(e.target.value)}
            className={`${ui.input} w-full py-2 pl-9`}
          />
        </div>
        <button type="submit" data-testid="hub-search-submit" className={ui.primary} disabled={searching || !query.trim()}>
          {searching ? 'Searching…' : 'Search'}
        </button>
      </form>

      {error && <ProblemBox error={error} />}
      <p className="sr-only" role="status">
        {searching ? 'Searching…' : results ? `${results.length} ${results.length === 1 ? 'result' : 'results'}` : ''}
      </p>

      {results && results.length === 0 && (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="hub-empty">
          Nothing found. Try a shorter name, like “qwen” or “llama”.
        </p>
      )}
      {results && results.length > 0 && (
        <ul className={`${ui.card} mt-4 divide-y divide-zinc-200 dark:divide-zinc-700/80`} aria-label="Search results">
          {results.slice(0, shown).map((repo) => (
            <HubResult key={repo.repo} repo={repo} />
          ))}
        </ul>
      )}
      {results && results.length > shown && (
        <div className="mt-3 text-center">
          <button type="button" className={ui.secondary} onClick={() => setShown((n) => n + PAGE)}>
            Show more results ({results.length - shown} more)
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
      setStatus({ kind: 'error', text: 'Enter a web address starting with https:// (or http://).' })
      return
    }
    const problem = await useSettings.getState().update({ hubUrl: trimmed })
    if (problem) setStatus({ kind: 'error', text: `Couldn’t save: ${problem}` })
    else {
      setDraft(null)
      setStatus({ kind: 'ok', text: 'Saved. New searches and downloads use it.' })
      useModelsPage.setState({ hubResults: null, hubFiles: {}, hubError: null })
      // The address in use, as the services now see it.
      const info = await request('app.info', {})
      if (info.ok) useApp.setState({ info: info.data })
    }
  }

  return (
    <details className="mt-4 text-sm" data-testid="hub-source">
      <summary className="cursor-pointer font-medium text-zinc-700 select-none hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
        Advanced: where models download from
        {fromEnv && <span className="font-normal text-zinc-600 dark:text-zinc-400"> — set by AURA_HF_ENDPOINT</span>}
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
            <span>Downloading from</span>
            <code className="font-mono text-[0.8125rem] break-all text-zinc-900 dark:text-zinc-100">{inUse}</code>
            {fromEnv && <span>(set by the AURA_HF_ENDPOINT environment variable)</span>}
          </p>
        )}
        <label htmlFor={ids.input} className="font-medium">
          Hugging Face address
        </label>
        <p id={ids.hint} data-testid={fromEnv ? 'hub-url-env' : undefined} className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
          {fromEnv
            ? 'This setting can’t be changed here right now: the AURA_HF_ENDPOINT environment variable on this computer overrides it. Start Aura without AURA_HF_ENDPOINT to use the address below.'
            : 'Leave it as https://huggingface.co unless you use a mirror of it (for example at work).'}
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
                Save
              </button>
              {saved !== DEFAULT_HUB && (
                <button type="button" className={ui.ghost} onClick={() => void save(DEFAULT_HUB)}>
                  Use huggingface.co
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
    repo.downloads !== null ? `${formatNumber(repo.downloads)} downloads` : null,
    repo.likes !== null ? `${formatNumber(repo.likes)} likes` : null,
    repo.updatedAt ? `updated ${new Date(repo.updatedAt).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}` : null,
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
              <span className={ui.chip} title="Its makers ask you to accept their licence on Hugging Face first">
                <LockIcon size={12} />
                Needs a Hugging Face account
              </span>
            )}
          </p>
          {facts.length > 0 && <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{facts.join(' · ')}</p>}
        </div>
        <button type="button" data-testid="hub-result-files" aria-expanded={open} aria-controls={filesId} className={ui.secondary} onClick={toggle}>
          {open ? 'Hide files' : 'Show files'}
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
  const configured = useHubToken((s) => s.status?.configured ?? false)
  return (
    <div data-testid="hub-gated-note" className="mt-3 flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-900/70 dark:bg-amber-950/40 dark:text-amber-100">
      <LockIcon size={15} className="mt-0.5 shrink-0" />
      <div className="min-w-0">
        <p>
          {configured
            ? 'Its makers ask you to accept their licence first: open its page on Hugging Face, signed in with the account your token is from, and accept it.'
            : 'Its makers ask you to accept their licence on its Hugging Face page and to sign in: add a Hugging Face token to Aura before downloading.'}
        </p>
        <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
          <a href={repoPage(repo)} target="_blank" rel="noopener" className={`${ui.link} inline-flex items-center gap-1`}>
            Open its page on Hugging Face
            <ExternalLinkIcon size={12} />
            <span className="sr-only"> (opens in your browser)</span>
          </a>
          {!configured && (
            <button type="button" className={`${ui.link} inline-flex items-center gap-1`} onClick={showHubToken}>
              <KeyIcon size={12} />
              Add a Hugging Face token
            </button>
          )}
        </div>
      </div>
    </div>
  )
}

function HubFiles({ repo, entry }: { repo: string; entry: { loading: boolean; files: HubFile[] | null; error: AuraErrorShape | null } | undefined }) {
  const files = useMemo(
    () => [...(entry?.files ?? [])].sort((a, b) => (a.sizeBytes ?? (quantBits(a.quant) ?? 99) * 1e12) - (b.sizeBytes ?? (quantBits(b.quant) ?? 99) * 1e12)),
    [entry?.files],
  )
  if (!entry || (entry.loading && !entry.files)) {
    return (
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" role="status">
        Looking at the files…
      </p>
    )
  }
  if (entry.error) {
    return (
      <div className="mt-3">
        <ProblemBox error={entry.error} repo={repo} />
        <button type="button" className={`${ui.secondary} mt-2`} onClick={() => void useModelsPage.getState().loadFiles(repo)}>
          Try again
        </button>
      </div>
    )
  }
  if (files.length === 0) {
    return <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">This repo has no model files Aura can use (.gguf).</p>
  }
  return (
    <ul className="mt-3 divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-700 dark:border-zinc-700" aria-label={`Files in ${repo}`}>
      {files.map((file) => (
        <HubFileRow key={file.file} repo={repo} file={file} />
      ))}
    </ul>
  )
}

function HubFileRow({ repo, file }: { repo: string; file: HubFile }) {
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
                {file.parts > 1 && <span className="font-sans"> · in {file.parts} parts</span>}
              </p>
            </>
          ) : (
            <p className="truncate text-sm font-medium" title={file.file}>
              {fileTitle(file.file)}
              {file.parts > 1 && <span className="font-normal text-zinc-600 dark:text-zinc-400"> · in {file.parts} parts</span>}
            </p>
          )}
        </div>
        <span className="text-sm tabular-nums">{file.sizeBytes !== null ? formatBytes(file.sizeBytes) : 'Size unknown'}</span>
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
  const download = useDownloads((s) => latestDownload(s.byId, repo, file.file))
  const [starting, setStarting] = useState(false)
  const [asking, setAsking] = useState(false)
  if (download?.state === 'done') {
    const modelId = download.modelId
    return (
      <span className="flex items-center gap-2">
        <span className="inline-flex items-center gap-1 text-sm font-medium text-emerald-700 dark:text-emerald-400">
          <CheckCircleIcon size={15} />
          Downloaded
        </span>
        {modelId && (
          <button type="button" className={ui.secondary} onClick={() => chatWith(modelId)}>
            <ChatIcon size={14} />
            Chat
          </button>
        )}
      </span>
    )
  }
  if (download && isActive(download)) {
    const percent = percentOf(download)
    return (
      <div className="w-32">
        <p className="text-right text-xs font-medium tabular-nums">{download.state === 'paused' ? 'Paused' : percent === null ? 'Starting…' : `${percent}%`}</p>
        <div className="mt-1">
          <ProgressBar value={percent} label={`Downloading ${fileTitle(file.file)}`} tone={download.state === 'paused' ? 'paused' : 'active'} />
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
        aria-label={`Download ${fileTitle(file.file)}`}
        onClick={() => (tooBigNeeds === null ? void start() : setAsking(true))}
      >
        <DownloadIcon size={15} />
        {starting ? 'Starting…' : 'Download'}
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
      return { title: 'Can’t reach Hugging Face', advice: 'Check that this computer is online, then try again.' }
    case 'hub_auth_required':
      return authWords
    case 'not_found':
      return { title: 'Not found on Hugging Face', advice: 'It may have been renamed or removed.' }
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
