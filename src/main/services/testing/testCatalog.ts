import type { CatalogEntry } from '../../../shared/api'

/**
 * A small catalog for fit and recommendation tests: real models with the Q4_K_M (and some Q8_0)
 * file sizes their Hugging Face repos list. Not the app's catalog (that is services/catalog).
 */
function entry(id: string, name: string, family: string, billions: number, sizes: Record<string, number>, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id,
    name,
    family,
    description: name,
    parameters: billions * 1e9,
    contextLength: 32768,
    capabilities: ['chat'],
    license: 'apache-2.0',
    quants: Object.entries(sizes).map(([quant, gb], i) => ({
      quant,
      repo: `test/${id}-GGUF`,
      file: `${id}-${quant}.gguf`,
      sizeBytes: Math.round(gb * 1e9),
      isDefault: i === 0,
    })),
    gated: false,
    ...extra,
  }
}

export const TEST_CATALOG: CatalogEntry[] = [
  entry('tiny-llamas-15m', 'Tiny Llamas 15M (demo)', 'tiny-llamas', 0.015, { Q8_0: 0.018 }),
  entry('qwen2.5-0.5b', 'Qwen2.5 0.5B Instruct', 'Qwen2.5', 0.49, { Q4_K_M: 0.398, Q8_0: 0.531 }),
  entry('qwen2.5-coder-1.5b', 'Qwen2.5 Coder 1.5B', 'Qwen2.5-Coder', 1.54, { Q4_K_M: 1.12 }, { capabilities: ['chat', 'coding'] }),
  entry('llama-3.2-3b', 'Llama 3.2 3B Instruct', 'Llama 3.2', 3.21, { Q4_K_M: 2.02, Q8_0: 3.42 }),
  entry('phi-4-mini', 'Phi-4-mini Instruct', 'Phi-4-mini', 3.84, { Q4_K_M: 2.49, Q8_0: 4.08 }, { license: 'mit' }),
  entry('qwen3-4b', 'Qwen3 4B', 'Qwen3', 4.02, { Q4_K_M: 2.5, Q8_0: 4.28 }),
  entry('qwen3-8b', 'Qwen3 8B', 'Qwen3', 8.19, { Q4_K_M: 5.03, Q8_0: 8.71 }),
  entry('llama-3.1-8b', 'Llama 3.1 8B Instruct', 'Llama 3.1', 8.03, { Q4_K_M: 4.92 }, { gated: true }),
  entry('gemma-3-12b', 'Gemma 3 12B', 'Gemma 3', 12.2, { Q4_K_M: 7.3 }),
  entry('qwen3-14b', 'Qwen3 14B', 'Qwen3', 14.8, { Q4_K_M: 9.0, Q8_0: 15.7 }),
  entry('qwen3-32b', 'Qwen3 32B', 'Qwen3', 32.8, { Q4_K_M: 19.76, Q8_0: 34.8 }),
  entry('llama-3.3-70b', 'Llama 3.3 70B Instruct', 'Llama 3.3', 70.6, { Q4_K_M: 42.52, Q2_K: 26.38 }),
]

export function catalogEntry(id: string): CatalogEntry {
  const found = TEST_CATALOG.find((e) => e.id === id)
  if (!found) throw new Error(`no test catalog entry ${id}`)
  return found
}
