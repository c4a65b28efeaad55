/**
 * What a GGUF file's name says: its quantization, whether it is one part of a llama.cpp split set,
 * whether it is a vision projector. Hub repos follow a loose naming habit
 * (`Qwen3-4B-Q4_K_M.gguf`, `qwen2.5-0.5b-instruct-q4_k_m.gguf`, `Model-UD-Q4_K_XL-00001-of-00003.gguf`),
 * so this reads the name, never the bytes.
 */
import { parseShardName } from '../models/modelInfo'

/**
 * A quantization token between separators: Q4_K_M, Q8_0, IQ4_XS, TQ1_0, F16, BF16, F32, MXFP4,
 * Unsloth's dynamic UD-Q4_K_XL. The `_[A-Z0-9]+` tail stops at `-`, so split suffixes are not eaten.
 */
const QUANT = /(?:^|[-_.])((?:UD-)?(?:I?Q\d(?:_[A-Z0-9]+)*|TQ\d_\d|BF16|FP16|F16|FP32|F32|MXFP4))(?=[-_.]|$)/gi


/** The quantization named in a file name, upper-cased (FP16 → F16), or null. The last one wins: it follows the model name. */
export function quantFromFileName(path: string): string | null {
  const stem = baseName(path).replace(/\.gguf$/i, '').replace(/-\d{5}-of-\d{5}$/i, '')
  const found = [...stem.matchAll(QUANT)].map((match) => match[1]!.toUpperCase())
  const quant = found.at(-1)
  if (!quant) return null
  return quant === 'FP16' ? 'F16' : quant === 'FP32' ? 'F32' : quant
}

export interface SplitName {
  /** The path without `-0000k-of-0000N.gguf`. */
  base: string
  /** 1-based. */
  part: number
  total: number
}

/** `Model-Q4_K_M-00002-of-00003.gguf` → {base: 'Model-Q4_K_M', part: 2, total: 3}; null for a single file. */
export function splitName(path: string): SplitName | null {
  // The same rule the model library uses to group the parts it finds on disk.
  const shard = parseShardName(path)
  return shard && { base: shard.base, part: shard.part, total: shard.count }
}

/** Every part of a split set, in order: the names llama.cpp's `gguf-split` writes. */
export function splitPartNames({ base, total }: SplitName): string[] {
  const pad = (n: number) => String(n).padStart(5, '0')
  return Array.from({ length: total }, (_, i) => `${base}-${pad(i + 1)}-of-${pad(total)}.gguf`)
}

export function isGguf(path: string): boolean {
  return /\.gguf$/i.test(path)
}

/** A vision projector (`mmproj-*.gguf`): it goes with a model, it is not one. */
export function isMmproj(path: string): boolean {
  return /(^|[-_.])mmproj([-_.]|$)/i.test(baseName(path))
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
