import { stat } from 'node:fs/promises'
import type { FitEstimate } from '../../../shared/api'
import type { ModelDefaults } from '../../../shared/modelDefaults'
import { readCheckedGguf, shardPaths } from '../models/modelInfo'
import { chosenFit } from './context'
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

/**
 * How a model file fits with its defaults as the user set them (KV type, layers on the GPU, flash
 * attention; context size given): the load the engine would make (see {@link chosenFit}).
 */
export async function fitAsChosen(file: string, contextSize: number, hardware: FitHardware, defaults: Pick<ModelDefaults, 'kvCacheType' | 'gpuLayers' | 'flashAttention'>): Promise<FitEstimate> {
  return chosenFit(await readFitInput(file), contextSize, hardware, defaults.kvCacheType, defaults).fit
}
