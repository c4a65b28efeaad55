import type { HandlersOf } from '../dispatch'
import type { InferenceEngine } from './inferenceEngine'

/** The local engine's state, and letting go of the loaded model. */
export function engineHandlers(engine: InferenceEngine): HandlersOf<'engine'> {
  return {
    'engine.status': () => engine.status(),
    'engine.unload': async () => {
      await engine.unload()
      return engine.status()
    },
  }
}
