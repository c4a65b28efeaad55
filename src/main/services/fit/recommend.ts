import type { CatalogEntry, FitEstimate, HardwareProfile, HardwareTier, Recommendation } from '../../../shared/api'
import { say, words, type MessageKey } from '../../../shared/i18n'

export interface RecommendCandidate {
  entry: CatalogEntry
  /** The entry's quantizations with their fit on this computer (as in CatalogItem.fits). */
  fits: Array<{ quant: string; fit: FitEstimate }>
}

/**
 * What to suggest first, by tier, in billions of parameters: a laptop gets a ~4B coder or Phi-4-mini,
 * a gaming PC an 8B, an enthusiast PC a 14B, a workstation 32B to 70B (the largest that runs well),
 * a computer without a usable GPU a small 0.5–3B model.
 */
export const RECOMMENDATION_BANDS: Record<HardwareTier, { min: number; max: number; prefer: RegExp | null }> = {
  cpu_only: { min: 0.4, max: 3.5, prefer: null },
  laptop: { min: 3, max: 5, prefer: /coder|phi-?4[\s-]?mini/i },
  gaming_pc: { min: 7, max: 9.5, prefer: null },
  enthusiast: { min: 12, max: 15, prefer: null },
  workstation: { min: 30, max: 75, prefer: null },
}

/** Demo models (ggml-org/tiny-llamas) and the like are never suggested as a starter. */
const MIN_PARAMS = 0.3e9

/** A starter is something to chat with: not a demo, not a code-completion-only model (StarCoder2). */
function isStarter(entry: CatalogEntry): boolean {
  return entry.parameters >= MIN_PARAMS && entry.capabilities.includes('chat')
}

const WHERE: Record<HardwareTier, MessageKey> = {
  cpu_only: 'fit.whereCpuOnly',
  laptop: 'fit.whereLaptop',
  gaming_pc: 'fit.whereGamingPc',
  enthusiast: 'fit.whereEnthusiast',
  workstation: 'fit.whereWorkstation',
}

interface Option {
  entry: CatalogEntry
  quant: string
  isDefault: boolean
  billions: number
}

/**
 * The starter to suggest for this computer: always one that runs well here, in the tier's size band
 * when one does (else the largest smaller one, else the smallest larger one). Null when nothing
 * in the catalog runs well.
 */
export function recommend(profile: Pick<HardwareProfile, 'tier'>, candidates: readonly RecommendCandidate[]): Recommendation | null {
  const band = RECOMMENDATION_BANDS[profile.tier]
  const options = candidates.map(bestQuant).filter((o): o is Option => o !== null && isStarter(o.entry))
  const inBand = options.filter((o) => o.billions >= band.min && o.billions <= band.max)
  const below = options.filter((o) => o.billions < band.min)
  const above = options.filter((o) => o.billions > band.max)
  const preferred = (o: Option) => (band.prefer?.test(`${o.entry.name} ${o.entry.family}`) ? 1 : 0)
  const byChoice = (a: Option, b: Option) =>
    Number(a.entry.gated) - Number(b.entry.gated) || preferred(b) - preferred(a) || b.billions - a.billions || Number(b.isDefault) - Number(a.isDefault)
  const pick =
    inBand.sort(byChoice)[0] ??
    below.sort(byChoice)[0] ??
    above.sort((a, b) => Number(a.entry.gated) - Number(b.entry.gated) || a.billions - b.billions)[0]
  if (!pick) return null
  return { entryId: pick.entry.id, quant: pick.quant, reason: reasonFor(pick.entry, profile.tier) }
}

/** The entry's default quantization if it runs well, else the largest one that does. */
function bestQuant(candidate: RecommendCandidate): Option | null {
  const runsWell = candidate.fits.filter((f) => f.fit.label === 'runs_well')
  if (runsWell.length === 0) return null
  const defaultQuant = candidate.entry.quants.find((q) => q.isDefault)?.quant
  const chosen = runsWell.find((f) => f.quant === defaultQuant) ?? [...runsWell].sort((a, b) => b.fit.weightsBytes - a.fit.weightsBytes)[0]
  if (!chosen) return null
  return { entry: candidate.entry, quant: chosen.quant, isDefault: chosen.quant === defaultQuant, billions: candidate.entry.parameters / 1e9 }
}

/** "A 4B coder that runs well on a laptop like yours.", in the user's language. */
export function reasonFor(entry: CatalogEntry, tier: HardwareTier): string {
  const size = sizeLabel(entry)
  const kind = /coder|devstral|codestral/i.test(`${entry.name} ${entry.family}`) ? 'Coder' : ''
  // English's "An" before a size read with a vowel ("an 8B"); the other languages ignore it.
  const article = /^(8|11|18|80)/.test(size) ? 'An' : ''
  return say(`fit.suggest${kind}${article}` as MessageKey, { size, where: words(WHERE[tier]) })
}

/** The size people know the model by: from its name ("Qwen3 14B" → "14B"), else from the parameter count. */
export function sizeLabel(entry: Pick<CatalogEntry, 'name' | 'parameters'>): string {
  const named = /(?:^|[\s-])(\d+(?:\.\d+)?)B\b/i.exec(entry.name)
  if (named?.[1]) return `${named[1]}B`
  const billions = entry.parameters / 1e9
  return billions >= 10 ? `${Math.round(billions)}B` : `${Math.round(billions * 10) / 10}B`
}
