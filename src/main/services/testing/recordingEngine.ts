import type { GenerateRequest, InferenceEngine } from '../engine/inferenceEngine'

/** The real engine, with each request it is asked to generate noted in `asked` on the way in. */
export function recordingEngine(real: InferenceEngine, asked: GenerateRequest[]): InferenceEngine {
  return new Proxy(real, {
    get(target, key) {
      if (key === 'generate') return (request: GenerateRequest) => (asked.push(request), target.generate(request))
      const value = Reflect.get(target, key, target) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}
