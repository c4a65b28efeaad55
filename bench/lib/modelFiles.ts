/** The benchmark models: stories260K (small, overhead-bound) and a generated compute-bound F16 llama. */
import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeTinyLlama, type TinyLlamaOptions } from '../../src/main/services/testing/tinyLlama'

export interface BenchModel {
  /** The model id in the app (its file name in the models folder, without `.gguf`). */
  id: string
  file: string
  /** Where it came from, for the results file. */
  source: string
}

/**
 * ~148M parameters in F16 (~300 MB): 12 layers of 768, feed-forward 2560, 32k vocabulary, an
 * 8,192-token window (the prefix section reads 3,050-token prompts). Never stops by itself.
 */
export const SYNTHETIC_FULL: TinyLlamaOptions = {
  name: 'Aura Synthetic 150M',
  contextLength: 8192,
  tensorType: 'f16',
  embedding: 768,
  heads: 12,
  kvHeads: 12,
  layers: 12,
  feedForward: 2560,
  vocabSize: 32000,
  eosBias: -30,
  seed: 42,
}

/** The smoke run's stand-in: the tiny llama's shape, in F16. */
export const SYNTHETIC_SMOKE: TinyLlamaOptions = { name: 'Aura Synthetic (smoke)', tensorType: 'f16', eosBias: -30, seed: 42 }

/** stories260K from ../shared when present, else the project's generated tiny llama (same role: tiny, overhead-bound). */
export async function stories260K(root: string, modelsDir: string): Promise<BenchModel> {
  await mkdir(modelsDir, { recursive: true })
  const shared = join(root, '..', 'shared', 'fixtures', 'models', 'stories260K.gguf')
  const file = join(modelsDir, 'stories260K.gguf')
  if (existsSync(shared)) {
    await copyFile(shared, file)
    return { id: 'stories260K', file, source: 'shared/fixtures/models/stories260K.gguf' }
  }
  await writeTinyLlama(file, { eosBias: -8 })
  return { id: 'stories260K', file, source: 'generated tiny llama (writeTinyLlama, F32)' }
}

/** The compute-bound model, generated into the models folder (a few seconds at full size). */
export async function synthetic(modelsDir: string, smoke: boolean): Promise<BenchModel> {
  const file = join(modelsDir, 'synthetic.gguf')
  await writeTinyLlama(file, smoke ? SYNTHETIC_SMOKE : SYNTHETIC_FULL)
  return { id: 'synthetic', file, source: smoke ? 'generated tiny F16 llama (smoke)' : 'generated ~150M-parameter F16 llama' }
}
