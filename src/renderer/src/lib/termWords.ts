import type { FitEstimate, HardwareProfile } from '../api'
import { i18n } from '../i18n'
import { formatBytes, formatNumber, formatTokensPerSecond, soldMemoryBytes } from './format'

/*
 * The technical words Aura cannot avoid (tokens, a model file's version code, GGUF…), each shown
 * with a plain explanation as its tooltip, and the lines that use them.
 */

const TERMS = ['tokens', 'speed', 'version', 'parameters', 'architecture', 'gguf', 'noChatFormat'] as const

/** What each term means, for its tooltip: each read when shown, so it is in the language on screen (`terms.hints.*`). */
export const termHints = Object.defineProperties(
  {},
  Object.fromEntries(TERMS.map((term) => [term, { enumerable: true, get: () => i18n.t(`terms.hints.${term}`) }])),
) as Readonly<Record<(typeof TERMS)[number], string>>

/** A reply's tokens: "read 1,234 · wrote 40 tokens", or "wrote 40 tokens" when the reading is not known. */
export function tokenCountWords(read: number | null | undefined, wrote: number): string {
  return read === null || read === undefined
    ? i18n.t('terms.wrote', { wrote: formatNumber(wrote) })
    : i18n.t('terms.readWrote', { read: formatNumber(read), wrote: formatNumber(wrote) })
}

/** The same counts for the tooltip, with what a token is. */
export function tokenCountHint(read: number | null | undefined, wrote: number): string {
  const counts =
    read === null || read === undefined
      ? i18n.t('terms.modelWrote', { wrote: formatNumber(wrote) })
      : i18n.t('terms.modelReadWrote', { read: formatNumber(read), wrote: formatNumber(wrote) })
  return `${i18n.t('terms.whatTokensAre')} ${counts}`
}

/** "12.3 tokens a second" (the tooltip says what a token is). */
export const speedWords = (tokensPerSecond: number): string => i18n.t('terms.speed', { speed: formatTokensPerSecond(tokensPerSecond) })

/** A model file's version in words with its code: "Standard (Q4_K_M)". */
export const versionWords = (name: string, quant: string): string => `${name} (${quant})`

/**
 * The numbers behind a fit, for the fit panel's tooltip: the panel shows one figure (what the model
 * needs, against what the computer can spare); how that splits up and what the computer has are here.
 */
export function fitBreakdown(fit: FitEstimate, hardware: HardwareProfile | null): string {
  const lines = [
    i18n.t('terms.fit.weights', { size: formatBytes(fit.weightsBytes) }),
    i18n.t('terms.fit.conversation', {
      tokens: formatNumber(fit.contextSize),
      words: formatNumber(Math.round((fit.contextSize * 0.75) / 100) * 100),
      size: formatBytes(fit.kvCacheBytes),
    }),
    i18n.t('terms.fit.overhead', { size: formatBytes(fit.overheadBytes) }),
  ]
  if (fit.vramBytes > 0) {
    lines.push(i18n.t('terms.fit.split', { vram: formatBytes(fit.vramBytes), share: Math.round(fit.gpuShare * 100), ram: formatBytes(fit.ramBytes) }))
  }
  if (hardware) lines.push(machineLine(hardware))
  return lines.join('\n')
}

/** "This computer has 16 GiB of memory (9.3 GiB free now) and 12 GiB on its graphics card." */
export function machineLine(hardware: HardwareProfile): string {
  const vram = hardware.gpus.reduce((sum, gpu) => sum + (gpu.unifiedMemory ? 0 : (gpu.vramTotalBytes ?? 0)), 0)
  const memory = { memory: formatBytes(soldMemoryBytes(hardware.ramTotalBytes)), free: formatBytes(hardware.ramFreeBytes) }
  return vram > 0 && hardware.gpuBackends.length > 0
    ? i18n.t('terms.fit.machineWithCard', { ...memory, vram: formatBytes(soldMemoryBytes(vram)) })
    : i18n.t('terms.fit.machine', memory)
}
