/**
 * Average bits per weight of a whole GGUF file by quantization, including the tensors llama.cpp keeps
 * at higher precision (embeddings, output, norms). From llama.cpp's quantization table
 * (tools/quantize/README.md, sizes of Llama-3.1-8B files ÷ parameters) and the bits per block of each
 * ggml type for the plain ones. Used only when the catalog has no file size.
 */
const BITS_PER_WEIGHT: Record<string, number> = {
  F32: 32,
  F16: 16,
  BF16: 16,
  Q8_0: 8.5,
  Q6_K: 6.56,
  Q5_1: 6.0,
  Q5_K_M: 5.69,
  Q5_K_S: 5.54,
  Q5_0: 5.5,
  Q4_1: 5.0,
  Q4_K_M: 4.89,
  Q4_K_S: 4.58,
  Q4_0: 4.55,
  IQ4_NL: 4.5,
  IQ4_XS: 4.25,
  MXFP4: 4.25,
  Q3_K_L: 4.27,
  Q3_K_M: 3.91,
  IQ3_M: 3.66,
  Q3_K_S: 3.5,
  IQ3_S: 3.44,
  IQ3_XS: 3.3,
  IQ3_XXS: 3.06,
  Q2_K: 2.96,
  Q2_K_S: 2.79,
  IQ2_M: 2.7,
  IQ2_S: 2.5,
  IQ2_XS: 2.31,
  IQ2_XXS: 2.06,
  TQ2_0: 2.06,
  IQ1_M: 1.75,
  TQ1_0: 1.69,
  IQ1_S: 1.56,
}

/** Q4_K_M when the name is unknown: the usual default, and a middle-of-the-road size. */
export const DEFAULT_BITS_PER_WEIGHT = BITS_PER_WEIGHT.Q4_K_M as number

/** "q4_k_m", "Q4_K_M", "UD-Q4_K_XL" → bits per weight. */
export function bitsPerWeight(quant: string | null | undefined): number {
  if (!quant) return DEFAULT_BITS_PER_WEIGHT
  const name = quant.toUpperCase().replace(/^UD-/, '').replace(/_XL$/, '_M')
  return BITS_PER_WEIGHT[name] ?? DEFAULT_BITS_PER_WEIGHT
}
