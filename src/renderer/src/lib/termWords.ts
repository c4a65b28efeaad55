import type { FitEstimate, HardwareProfile } from '../api'
import { formatBytes, formatNumber, formatTokensPerSecond, soldMemoryBytes } from './format'

/*
 * The technical words Aura cannot avoid (tokens, a model file's version code, GGUF…), each shown
 * with a plain explanation as its tooltip, and the lines that use them.
 */

const TOKEN = 'a piece of a word: about ¾ of an English word'

/** What each term means, for its tooltip. */
export const termHints = {
  tokens: `Models read and write in tokens — ${TOKEN}. Cloud companies charge by them, and a model can keep only so many in mind at once.`,
  speed: `How fast the reply was written, in tokens (${TOKEN}) a second. People read about 5 a second.`,
  version:
    'Model files come in versions shrunk to different sizes: smaller ones need less memory and run faster, larger ones answer a little better. This code names the version (Q4_K_M: about 4½ bits per number; F16: the original 16).',
  parameters: 'The numbers a model learned in training: more usually means smarter, but bigger and slower.',
  architecture: 'The model’s design (llama, qwen3…): Aura needs a runner that knows it.',
  gguf: 'GGUF is the file format of models that run on your own computer — in Aura, LM Studio, Ollama and Jan.',
  noChatFormat:
    'Its file has no chat template — the pattern that tells Aura how to lay out a conversation for this model — so Aura hands it your words as plain text, and it writes on from them instead of answering.',
} as const

/** A reply's tokens: "read 1,234 · wrote 40 tokens", or "wrote 40 tokens" when the reading is not known. */
export function tokenCountWords(read: number | null | undefined, wrote: number): string {
  return read === null || read === undefined ? `wrote ${formatNumber(wrote)} tokens` : `read ${formatNumber(read)} · wrote ${formatNumber(wrote)} tokens`
}

/** The same counts for the tooltip, with what a token is. */
export function tokenCountHint(read: number | null | undefined, wrote: number): string {
  const counts =
    read === null || read === undefined
      ? `The model wrote ${formatNumber(wrote)}.`
      : `The model read ${formatNumber(read)} (your chat so far, with its instructions) and wrote ${formatNumber(wrote)}.`
  return `Tokens are pieces of words — about ¾ of an English word each. ${counts}`
}

/** "12.3 tokens a second" (the tooltip says what a token is). */
export const speedWords = (tokensPerSecond: number): string => `${formatTokensPerSecond(tokensPerSecond)} tokens a second`

/** A model file's version in words with its code: "Standard (Q4_K_M)". */
export const versionWords = (name: string, quant: string): string => `${name} (${quant})`

/**
 * The numbers behind a fit, for the fit panel's tooltip: the panel shows one figure (what the model
 * needs, against what the computer can spare); how that splits up and what the computer has are here.
 */
export function fitBreakdown(fit: FitEstimate, hardware: HardwareProfile | null): string {
  const lines = [
    `The model itself: ${formatBytes(fit.weightsBytes)}`,
    `Its memory of the conversation (${formatNumber(fit.contextSize)} tokens, about ${formatNumber(Math.round((fit.contextSize * 0.75) / 100) * 100)} words): ${formatBytes(fit.kvCacheBytes)}`,
    `Working space: ${formatBytes(fit.overheadBytes)}`,
  ]
  if (fit.vramBytes > 0) {
    lines.push(`On the graphics card: ${formatBytes(fit.vramBytes)} (${Math.round(fit.gpuShare * 100)}% of the model); in the computer’s memory: ${formatBytes(fit.ramBytes)}`)
  }
  if (hardware) lines.push(machineLine(hardware))
  return lines.join('\n')
}

/** "This computer has 16 GiB of memory (9.3 GiB free now) and 12 GiB on its graphics card." */
export function machineLine(hardware: HardwareProfile): string {
  const vram = hardware.gpus.reduce((sum, gpu) => sum + (gpu.unifiedMemory ? 0 : (gpu.vramTotalBytes ?? 0)), 0)
  const parts = [`This computer has ${formatBytes(soldMemoryBytes(hardware.ramTotalBytes))} of memory (${formatBytes(hardware.ramFreeBytes)} free now)`]
  if (vram > 0 && hardware.gpuBackends.length > 0) parts.push(`${formatBytes(soldMemoryBytes(vram))} on its graphics card`)
  return `${parts.join(' and ')}.`
}
