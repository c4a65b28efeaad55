import { stat } from 'node:fs/promises'
import type { FitEstimate } from '../../../shared/api'
import { readCheckedGguf, shardPaths } from '../models/modelInfo'
import { estimateFit, type ContextShape, type FitHardware } from './estimate'
import { fitInputFromGguf, type FitInput } from './input'

/** The shape of a GGUF model file (all parts of a split model). Throws when the file cannot be read. */
export async function readFitInput(file: string): Promise<FitInput> {
  const parts = shardPaths(file) ?? [file]
  const sizes = await Promise.all(parts.map(async (part) => (await stat(part)).size))
  return fitInputFromGguf(await readCheckedGguf(file, parts, sizes), sizes.reduce((a, b) => a + b, 0))
}

/** How a model file would fit this computer with a context of `contextSize` tokens (per sequence). */
export async function estimateForModelFile(file: string, contextSize: number, hardware: FitHardware, shape: ContextShape = {}): Promise<FitEstimate> {
  return estimateFit(await readFitInput(file), contextSize, hardware, shape)
}
