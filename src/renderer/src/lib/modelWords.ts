import type {
  AuraErrorShape,
  Capability,
  CatalogItem,
  CatalogQuant,
  Download,
  DownloadStall,
  DiscoveredModel,
  FitEstimate,
  FitLabel,
  HardwareProfile,
  HardwareTier,
} from '../api'
import { i18n } from '../i18n'
import { stallParts, type Wait } from '../../../shared/downloadWords'
import { formatBytes } from './format'

/*
 * The words the model manager uses: everything a non-engineer reads about hardware, models,
 * quantizations and downloads is chosen here, with the technical names one click away. They are
 * read in the language on screen each time (`i18n.t`); a component showing them calls
 * `useTranslation()` so it shows them again when the language changes.
 */

/** A table of words whose values are looked up in the language on screen each time one is read. */
function wordsOf<K extends string>(keys: readonly K[], word: (key: K) => string): Readonly<Record<K, string>> {
  const table = {} as Record<K, string>
  for (const key of keys) Object.defineProperty(table, key, { get: () => word(key), enumerable: true })
  return table
}

const TIERS = ['laptop', 'gaming_pc', 'enthusiast', 'workstation', 'cpu_only'] as const satisfies readonly HardwareTier[]
const CAPABILITIES = ['chat', 'coding', 'tools', 'reasoning', 'vision'] as const satisfies readonly Capability[]
const FITS = ['runs_well', 'runs_slowly', 'too_big'] as const satisfies readonly FitLabel[]

/** "a 3B model that runs well" → "A 3B model that runs well." */
export const sentence = (text: string): string => {
  const trimmed = text.trim()
  if (!trimmed) return ''
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`
}

export const tierNames = wordsOf(TIERS, (tier) => i18n.t(`models.tiers.${tier}.name`))

/** What a tier means for the user, in one line. */
export const tierHints = wordsOf(TIERS, (tier) => i18n.t(`models.tiers.${tier}.hint`))

export const capabilityNames = wordsOf(CAPABILITIES, (capability) => i18n.t(`models.capabilities.${capability}.name`))

/** A longer plain-words line for each capability (shown as a tooltip and to screen readers). */
export const capabilityHints = wordsOf(CAPABILITIES, (capability) => i18n.t(`models.capabilities.${capability}.hint`))

export const capabilityOrder: Capability[] = ['chat', 'coding', 'reasoning', 'vision', 'tools']

/** About how many words fit in a number of tokens (a token is about ¾ of a word), rounded as a person would say it. */
export const wordsInTokens = (tokens: number): number => Math.round((tokens * 0.75) / (tokens >= 1000 ? 100 : 10)) * (tokens >= 1000 ? 100 : 10)

export const fitNames = wordsOf(FITS, (fit) => i18n.t(`models.fits.${fit}`))

/** A fit's label as a sentence, saying where a slow model runs: "Runs, but slowly (on the CPU)." */
export function fitSentence(fit: Pick<FitEstimate, 'label' | 'gpuShare'>): string {
  if (fit.label !== 'runs_slowly') return i18n.t(`models.fitSentence.${fit.label}`)
  return i18n.t(fit.gpuShare === 0 ? 'models.fitSentence.onCpu' : 'models.fitSentence.partlyCpu')
}

const GB = 1e9

/**
 * Roughly how many bits a weight takes in a quantization (Q4_K_M ≈ 4.5, Q8_0 = 8, F16 = 16), to
 * order versions when the Hub does not give sizes. null for names it cannot read.
 */
export function quantBits(quant: string | null): number | null {
  if (!quant) return null
  const name = quant.toUpperCase()
  const float = /^(?:B?F)(16|32)$/.exec(name)
  if (float) return Number(float[1])
  const match = /^(I?)Q(\d)(?:_(\d|K))?(?:_(XXS|XS|S|M|L|NL|XL))?/.exec(name)
  if (!match) return null
  const bump: Record<string, number> = { XXS: -0.1, XS: 0, S: 0.1, NL: 0.3, M: 0.2, L: 0.3, XL: 0.4 }
  let bits = Number(match[2])
  if (match[3] === 'K') bits += 0.3
  if (match[4]) bits += bump[match[4]] ?? 0
  return bits
}

/** A version of a model on its own (no catalog to compare with): "Standard", "Higher quality"... */
export function quantName(quant: string | null): string {
  const bits = quantBits(quant)
  if (bits === null) return i18n.t('models.quants.version')
  if (quant?.toUpperCase() === 'Q4_K_M') return i18n.t('models.quants.recommended')
  if (bits < 4) return i18n.t('models.quants.smaller')
  if (bits < 5) return i18n.t('models.quants.standard')
  if (bits < 8) return i18n.t('models.quants.higher')
  if (bits < 16) return i18n.t('models.quants.highest')
  return i18n.t('models.quants.original')
}

export interface QuantChoice extends CatalogQuant {
  /** "Standard (recommended)", "Smaller / faster", "Higher quality"... */
  label: string
}

/** A catalog entry's versions, smallest first, named against its default (recommended) one. */
export function quantChoices(quants: CatalogQuant[]): QuantChoice[] {
  if (quants.length === 0) return []
  const size = (q: CatalogQuant) => q.sizeBytes ?? (quantBits(q.quant) ?? 5) * 1e12
  const sorted = [...quants].sort((a, b) => size(a) - size(b))
  let defaultIndex = sorted.findIndex((q) => q.isDefault)
  if (defaultIndex < 0) defaultIndex = Math.max(0, sorted.findIndex((q) => q.quant.toUpperCase() === 'Q4_K_M'))
  return sorted.map((q, i) => {
    let label: string
    if (i === defaultIndex) label = i18n.t('models.quants.recommended')
    else if (i < defaultIndex) label = i18n.t(i === 0 && defaultIndex > 1 ? 'models.quants.smallest' : 'models.quants.smaller')
    else label = i18n.t(i === sorted.length - 1 && sorted.length - 1 - defaultIndex > 1 ? 'models.quants.highestLargest' : 'models.quants.higher')
    return { ...q, label }
  })
}

export const fitOf = (item: CatalogItem, quant: string): FitEstimate | null =>
  item.fits.find((f) => f.quant === quant)?.fit ?? null

/**
 * The version a catalog card starts on: the recommended one, unless it is too big for this
 * computer and a smaller one fits (then the largest that fits).
 */
export function initialQuant(item: CatalogItem, preferred?: string): string | null {
  if (preferred && item.quants.some((q) => q.quant === preferred)) return preferred
  const choices = quantChoices(item.quants)
  const standard = choices.find((q) => q.isDefault) ?? choices[0]
  if (!standard) return null
  if (fitOf(item, standard.quant)?.label !== 'too_big') return standard.quant
  const fitting = choices.filter((q) => {
    const fit = fitOf(item, q.quant)
    return fit !== null && fit.label !== 'too_big'
  })
  return fitting.at(-1)?.quant ?? standard.quant
}

/** Some version of the model fits this computer. */
export const itemFits = (item: CatalogItem): boolean => item.fits.some((f) => f.fit.label !== 'too_big')

/** The best label among an entry's versions (for sorting and the "fits" filter). */
export function bestFit(item: CatalogItem): FitLabel {
  const labels = item.fits.map((f) => f.fit.label)
  if (labels.includes('runs_well')) return 'runs_well'
  if (labels.includes('runs_slowly')) return 'runs_slowly'
  return 'too_big'
}

/**
 * A rough fit from a file's size alone (Hub search results, before anything is downloaded):
 * the weights plus about 15 % and half a gigabyte for the conversation and the runtime.
 */
export function roughFit(sizeBytes: number, hardware: HardwareProfile): { label: FitLabel; neededBytes: number } {
  const neededBytes = sizeBytes * 1.15 + 0.5 * GB
  const ram = hardware.ramTotalBytes
  const gpuUsable = hardware.gpuBackends.length > 0
  const vram = gpuUsable
    ? hardware.gpus.reduce((sum, gpu) => sum + (gpu.unifiedMemory ? ram * 0.7 : (gpu.vramTotalBytes ?? 0)), 0)
    : 0
  let label: FitLabel
  if (vram > 0) {
    if (neededBytes <= vram * 0.9) label = 'runs_well'
    else if (neededBytes <= vram * 0.9 + ram * 0.6) label = 'runs_slowly'
    else label = 'too_big'
  } else if (neededBytes <= ram * 0.5 && sizeBytes <= 5 * GB) label = 'runs_well'
  else if (neededBytes <= ram * 0.8) label = 'runs_slowly'
  else label = 'too_big'
  return { label, neededBytes }
}

export interface TooBigAsk {
  title: string
  body: string
  confirm: string
}

/**
 * The question before downloading a model too big for this computer, saying what will happen:
 * the file comes, but loading it may freeze the computer. `reason` is the fit's own sentence (from
 * the GGUF or the catalog); a Hub file has only its size, so `neededBytes` words a rough one.
 */
export function tooBigAsk(name: string, sizeBytes: number | null, why: { reason: string } | { neededBytes: number }): TooBigAsk {
  const reason =
    'reason' in why
      ? sentence(why.reason)
      : i18n.t('models.tooBig.bySize', { needed: formatBytes(why.neededBytes) })
  const body =
    sizeBytes !== null ? i18n.t('models.tooBig.bodySized', { reason, size: formatBytes(sizeBytes) }) : i18n.t('models.tooBig.body', { reason })
  return {
    title: i18n.t('models.tooBig.title', { name }),
    body: body.trim(),
    confirm: i18n.t('models.tooBig.confirm'),
  }
}

// ---------------------------------------------------------------- downloads

/** `qwen/Qwen3-4B-Q4_K_M-00001-of-00002.gguf` → `Qwen3-4B-Q4_K_M` */
export function fileTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() || file
  return base.replace(/\.gguf$/i, '').replace(/-\d{5}-of-\d{5}$/, '')
}

/** The catalog entry (and its version) a repo file belongs to, when it is one. */
export function catalogMatch(items: CatalogItem[], repo: string, file: string): { item: CatalogItem; quant: QuantChoice } | null {
  for (const item of items) {
    const quant = quantChoices(item.quants).find((q) => q.repo === repo && q.file === file)
    if (quant) return { item, quant }
  }
  return null
}

/** What a download row is called: the catalog name when it is a catalog model, else the file's name. */
export function downloadTitle(download: Pick<Download, 'repo' | 'file'>, items: CatalogItem[]): string {
  const match = catalogMatch(items, download.repo, download.file)
  return match ? match.item.name : fileTitle(download.file)
}

export const isActive = (download: Download): boolean =>
  download.state === 'queued' || download.state === 'downloading' || download.state === 'verifying' || download.state === 'paused'

export function percentOf(download: Pick<Download, 'receivedBytes' | 'totalBytes' | 'state'>): number | null {
  if (download.state === 'done') return 100
  if (!download.totalBytes || download.totalBytes <= 0) return null
  return Math.max(0, Math.min(100, Math.floor((download.receivedBytes / download.totalBytes) * 100)))
}

/** "less than a minute left", "about 5 min left", "about 2 h 10 min left". */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return ''
  if (seconds < 45) return i18n.t('models.timeLeft.underMinute')
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return i18n.t('models.timeLeft.minutes', { minutes: Math.max(1, minutes) })
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? i18n.t('models.timeLeft.hoursMinutes', { hours, minutes: rest }) : i18n.t('models.timeLeft.hours', { hours })
}

/** "4 s", "2 min" in the language on screen. */
const waitWords = ({ amount, unit }: Wait): string => i18n.t(unit === 's' ? 'models.wait.seconds' : 'models.wait.minutes', { amount })

/**
 * A download waiting on its connection, in words: "Connection lost — trying again in 4 s", never a
 * speed of 0 B/s. What it means is decided once, in `stallParts` (shared with `aura pull`).
 */
export function stallWords(stall: DownloadStall): string {
  const { problem, quiet, retryIn } = stallParts(stall)
  if (problem === 'quiet') return i18n.t('models.stall.quiet', { wait: waitWords(quiet) })
  const when = retryIn ? i18n.t('models.stall.retryIn', { wait: waitWords(retryIn) }) : i18n.t('models.stall.retryNow')
  return i18n.t(`models.stall.${problem}`, { wait: waitWords(quiet), when })
}

export const formatSpeed = (bytesPerSecond: number): string =>
  bytesPerSecond > 0 && Number.isFinite(bytesPerSecond) ? i18n.t('models.speed', { size: formatBytes(bytesPerSecond) }) : ''

export interface ProblemWords {
  /** What happened, in a few words. */
  title: string
  /** What to do about it. */
  advice: string
  /**
   * What the row offers besides its text: try again, go change the models folder, go add (or check)
   * the Hugging Face token, or open the model's page to accept its licence — each also with Try again.
   */
  action: 'retry' | 'folder' | 'token' | 'licence' | null
}

export interface ProblemContext {
  /** A Hugging Face token is kept (changes what a `hub_auth_required` means). */
  tokenConfigured?: boolean
}

/** The HTTP status a Hub error carries in its data, when it does. */
const hubStatus = (error: AuraErrorShape): number | null => {
  const status = (error.data as { status?: unknown } | undefined)?.status
  return typeof status === 'number' ? status : null
}

/** The repo a Hub error is about, when its data says. */
export const errorRepo = (error: AuraErrorShape): string | null => {
  const repo = (error.data as { repo?: unknown } | undefined)?.repo
  return typeof repo === 'string' && repo ? repo : null
}

/**
 * The Hub wants a token: without one, add it; with one it refused (401), check it; with one it
 * accepted but that cannot open the model yet (403), accept the model's licence on its page.
 */
function authWords(error: AuraErrorShape, tokenConfigured: boolean): ProblemWords {
  if (!tokenConfigured) return { ...problem('needsToken'), action: 'token' }
  if (hubStatus(error) === 403) return { ...problem('licence'), action: 'licence' }
  return { ...problem('tokenRefused'), action: 'token' }
}

type ProblemKey = 'needsToken' | 'licence' | 'tokenRefused' | 'diskFull' | 'damaged' | 'unreachable' | 'gone'

/** A problem's title and advice in the language on screen. */
const problem = (key: ProblemKey, message = ''): Omit<ProblemWords, 'action'> => ({
  title: i18n.t(`models.problems.${key}.title`),
  advice: i18n.t(`models.problems.${key}.advice`, { message }),
})

/** A download (or any model manager) error in plain words, with what the user can do. */
export function problemWords(error: AuraErrorShape, context: ProblemContext = {}): ProblemWords {
  switch (error.code) {
    case 'hub_auth_required':
      return authWords(error, context.tokenConfigured ?? false)
    case 'disk_full':
      return { ...problem('diskFull', error.message), action: 'folder' }
    case 'checksum_mismatch':
      return { ...problem('damaged'), action: 'retry' }
    case 'hub_unreachable':
      return { ...problem('unreachable'), action: 'retry' }
    case 'not_found':
      return { ...problem('gone'), action: null }
    default:
      return { title: i18n.t('models.problems.stopped'), advice: error.message || i18n.t('models.problems.somethingWrong'), action: 'retry' }
  }
}

const SOURCES = ['lm_studio', 'ollama', 'jan', 'gpt4all', 'hf_cache'] as const satisfies readonly DiscoveredModel['source'][]
const APP_NAMES: Partial<Record<DiscoveredModel['source'], string>> = { lm_studio: 'LM Studio', ollama: 'Ollama', jan: 'Jan', gpt4all: 'GPT4All' }

/** Apps keep their names; the Hugging Face cache is a place, said in the language on screen. */
export const sourceNames = wordsOf(SOURCES, (source) => APP_NAMES[source] ?? i18n.t('models.hfCache'))

/** A FitEstimate carried by a `model_too_big` error, when it looks like one. */
export function fitFromError(error: AuraErrorShape | null | undefined): FitEstimate | null {
  const data = error?.data as Partial<FitEstimate> | undefined
  if (!data || typeof data !== 'object' || typeof data.totalBytes !== 'number' || typeof data.label !== 'string') return null
  return data as FitEstimate
}
