import type {
  AuraErrorShape,
  Capability,
  CatalogItem,
  CatalogQuant,
  Download,
  DiscoveredModel,
  FitEstimate,
  FitLabel,
  HardwareProfile,
  HardwareTier,
} from '../api'
import { formatBytes } from './format'

/*
 * The words the model manager uses: everything a non-engineer reads about hardware, models,
 * quantizations and downloads is chosen here, with the technical names one click away.
 */

/** "a 3B model that runs well" → "A 3B model that runs well." */
export const sentence = (text: string): string => {
  const trimmed = text.trim()
  if (!trimmed) return ''
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`
}

export const tierNames: Record<HardwareTier, string> = {
  laptop: 'Laptop',
  gaming_pc: 'Gaming PC',
  enthusiast: 'Enthusiast PC',
  workstation: 'Workstation',
  cpu_only: 'Processor only',
}

/** What a tier means for the user, in one line. */
export const tierHints: Record<HardwareTier, string> = {
  laptop: 'Small and medium models run well here.',
  gaming_pc: 'Medium models (around 8 billion parameters) run well here.',
  enthusiast: 'Large models (around 14–32 billion parameters) run well here.',
  workstation: 'Even the largest models (70 billion parameters) can run here.',
  cpu_only: 'Models run on the processor: small ones work best.',
}

export const capabilityNames: Record<Capability, string> = {
  chat: 'Chat',
  coding: 'Coding',
  tools: 'Tools',
  reasoning: 'Reasoning',
  vision: 'Vision',
}

/** A longer plain-words line for each capability (shown as a tooltip and to screen readers). */
export const capabilityHints: Record<Capability, string> = {
  chat: 'Conversations, questions, writing help',
  coding: 'Writes and explains computer code',
  tools: 'Can use tools and other apps when asked',
  reasoning: 'Thinks step by step through harder problems',
  vision: 'Can look at pictures',
}

export const capabilityOrder: Capability[] = ['chat', 'coding', 'reasoning', 'vision', 'tools']

export const fitNames: Record<FitLabel, string> = {
  runs_well: 'Runs well',
  runs_slowly: 'Runs, but slowly',
  too_big: 'Too big for this computer',
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
  if (bits === null) return 'Version'
  if (quant?.toUpperCase() === 'Q4_K_M') return 'Standard (recommended)'
  if (bits < 4) return 'Smaller / faster'
  if (bits < 5) return 'Standard'
  if (bits < 8) return 'Higher quality'
  if (bits < 16) return 'Highest quality'
  return 'Original size (largest)'
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
    if (i === defaultIndex) label = 'Standard (recommended)'
    else if (i < defaultIndex) label = i === 0 && defaultIndex > 1 ? 'Smallest / fastest' : 'Smaller / faster'
    else label = i === sorted.length - 1 && sorted.length - 1 - defaultIndex > 1 ? 'Highest quality (largest)' : 'Higher quality'
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
      : `Going by its file’s size, it needs about ${formatBytes(why.neededBytes)} of memory — more than this computer can spare.`
  const size = sizeBytes !== null ? ` (${formatBytes(sizeBytes)})` : ''
  return {
    title: `${name} is too big for this computer`,
    body: `${reason} Aura can download it${size} into your models folder, but when you chat with it this computer may become very slow, or Aura may stop. A smaller version or model is the safer choice.`.trim(),
    confirm: 'Download anyway',
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
  if (seconds < 45) return 'less than a minute left'
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return `about ${Math.max(1, minutes)} min left`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `about ${hours} h ${rest} min left` : `about ${hours} h left`
}

/** A download waiting on its connection, in words (shared with `aura pull`). */
export { stallWords } from '../../../shared/downloadWords'

export const formatSpeed = (bytesPerSecond: number): string =>
  bytesPerSecond > 0 && Number.isFinite(bytesPerSecond) ? `${formatBytes(bytesPerSecond)}/s` : ''

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
  if (!tokenConfigured) {
    return {
      title: 'This model needs a Hugging Face token',
      advice:
        'Its makers ask you to accept their licence on huggingface.co and to sign in. Add a Hugging Face token, then try again — or pick another model; most need no account.',
      action: 'token',
    }
  }
  if (hubStatus(error) === 403) {
    return {
      title: 'Your token can’t open this model yet',
      advice: 'Open the model’s page on Hugging Face, sign in with the same account, and accept its licence there. Then try again.',
      action: 'licence',
    }
  }
  return {
    title: 'Hugging Face didn’t accept the token',
    advice:
      'If you added your token after this stopped, just try again. Otherwise it may have been deleted or mistyped: make a new read token on huggingface.co and replace the one in Aura.',
    action: 'token',
  }
}

/** A download (or any model manager) error in plain words, with what the user can do. */
export function problemWords(error: AuraErrorShape, context: ProblemContext = {}): ProblemWords {
  switch (error.code) {
    case 'hub_auth_required':
      return authWords(error, context.tokenConfigured ?? false)
    case 'disk_full':
      return {
        title: 'Not enough free space',
        advice: `${error.message} Free up space on this computer, or move your models folder to a bigger drive, then try again.`,
        action: 'folder',
      }
    case 'checksum_mismatch':
      return {
        title: 'The file arrived damaged',
        advice: 'It did not match the original, so Aura removed it — nothing broken was kept. Try again; it usually works the second time.',
        action: 'retry',
      }
    case 'hub_unreachable':
      return {
        title: 'Can’t reach Hugging Face',
        advice: 'Check that this computer is online. Aura keeps what it has downloaded so far and continues from there.',
        action: 'retry',
      }
    case 'not_found':
      return {
        title: 'This file is no longer available',
        advice: 'Its makers may have moved or removed it. Pick another version or another model.',
        action: null,
      }
    default:
      return { title: 'The download stopped', advice: error.message || 'Something went wrong. Try again.', action: 'retry' }
  }
}

export const sourceNames: Record<DiscoveredModel['source'], string> = {
  lm_studio: 'LM Studio',
  ollama: 'Ollama',
  jan: 'Jan',
  gpt4all: 'GPT4All',
  hf_cache: 'Hugging Face cache',
}

/** A FitEstimate carried by a `model_too_big` error, when it looks like one. */
export function fitFromError(error: AuraErrorShape | null | undefined): FitEstimate | null {
  const data = error?.data as Partial<FitEstimate> | undefined
  if (!data || typeof data !== 'object' || typeof data.totalBytes !== 'number' || typeof data.label !== 'string') return null
  return data as FitEstimate
}
