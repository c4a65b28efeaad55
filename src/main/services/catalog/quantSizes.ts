/**
 * Typical bits per weight of llama.cpp quantizations, averaged over a whole file (embeddings and
 * output layers are often kept at higher precision, so Q4_K_M is ~4.85, not 4.5). Used only to
 * estimate a file size the reference does not give; the Hub's size wins at download time.
 */
const BITS_PER_WEIGHT: Record<string, number> = {
  IQ2_M: 2.7,
  'UD-IQ2_M': 2.85,
  Q2_K: 3.0,
  IQ3_M: 3.66,
  Q3_K_S: 3.5,
  Q3_K_M: 3.91,
  Q3_K_L: 4.27,
  IQ4_XS: 4.25,
  IQ4_NL: 4.5,
  Q4_0: 4.55,
  Q4_K_S: 4.58,
  Q4_K_M: 4.85,
  'UD-Q4_K_XL': 4.9,
  Q5_0: 5.54,
  Q5_K_S: 5.54,
  Q5_K_M: 5.69,
  Q6_K: 6.59,
  Q6_K_L: 6.7,
  Q8_0: 8.5,
  F16: 16,
  BF16: 16,
  F32: 32,
}

export function bitsPerWeight(quant: string): number | null {
  return BITS_PER_WEIGHT[quant.toUpperCase()] ?? null
}

/** Approximate file size of `parameters` weights at `quant`, or null for an unknown quantization. */
export function estimateQuantBytes(parameters: number, quant: string): number | null {
  const bits = bitsPerWeight(quant)
  return bits === null ? null : Math.round((parameters * bits) / 8)
}
