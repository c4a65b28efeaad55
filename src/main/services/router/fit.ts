/**
 * A tiny deterministic optimiser for the classifier's weights: multinomial logistic regression by
 * full-batch gradient descent from zero, with L2 shrinkage. Same data in, same weights out — so
 * `scripts/fit-router.mjs` can be re-run and its output reviewed like code. Fit on the corpus train split only.
 */
import type { Complexity } from '../../../shared/api'
import { SIGNALS, type SignalValues } from './signals'

export const CLASSES: readonly Complexity[] = ['simple', 'moderate', 'complex']

export type Weights = Record<Complexity, { bias: number } & SignalValues>

export interface Sample {
  signals: SignalValues
  label: Complexity
}

/** The weights as one row of numbers per class (bias first), made once per weights object: fast to sum. */
const rows = new WeakMap<Weights, Float64Array[]>()
function rowsOf(weights: Weights): Float64Array[] {
  let out = rows.get(weights)
  if (out === undefined) {
    out = CLASSES.map((c) => Float64Array.from([weights[c].bias, ...SIGNALS.map((name) => weights[c][name])]))
    rows.set(weights, out)
  }
  return out
}

/** Class probabilities for one request. */
export function probabilities(weights: Weights, signals: SignalValues): Record<Complexity, number> {
  const [simple, moderate, complex] = rowsOf(weights) as [Float64Array, Float64Array, Float64Array]
  let s = simple[0] as number
  let m = moderate[0] as number
  let c = complex[0] as number
  for (let j = 0; j < SIGNALS.length; j++) {
    const x = signals[SIGNALS[j] as keyof SignalValues]
    if (x === 0) continue
    s += (simple[j + 1] as number) * x
    m += (moderate[j + 1] as number) * x
    c += (complex[j + 1] as number) * x
  }
  const top = Math.max(s, m, c)
  const [es, em, ec] = [Math.exp(s - top), Math.exp(m - top), Math.exp(c - top)]
  const sum = es + em + ec
  return { simple: es / sum, moderate: em / sum, complex: ec / sum }
}

export interface FitOptions {
  steps?: number
  rate?: number
  l2?: number
  /** How much each class's samples count: more weight on simple and moderate makes sending them to the cloud dearer. */
  classWeights?: Partial<Record<Complexity, number>>
}

export function fit(samples: readonly Sample[], options: FitOptions = {}): Weights {
  const { steps = 4000, rate = 0.3, l2 = 0.0005, classWeights = {} } = options
  const k = CLASSES.length
  const d = SIGNALS.length + 1
  const w = Array.from({ length: k }, () => new Float64Array(d))
  const xs = samples.map((s) => Float64Array.from([1, ...SIGNALS.map((name) => s.signals[name])]))
  const ys = samples.map((s) => CLASSES.indexOf(s.label))
  const counts = samples.map((s) => classWeights[s.label] ?? 1)
  const total = counts.reduce((a, x) => a + x, 0)
  const scores = new Float64Array(k)
  const grad = Array.from({ length: k }, () => new Float64Array(d))
  for (let step = 0; step < steps; step++) {
    for (const g of grad) g.fill(0)
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as Float64Array
      let top = Number.NEGATIVE_INFINITY
      for (let c = 0; c < k; c++) {
        const row = w[c] as Float64Array
        let score = 0
        for (let j = 0; j < d; j++) score += (row[j] as number) * (x[j] as number)
        scores[c] = score
        if (score > top) top = score
      }
      let sum = 0
      for (let c = 0; c < k; c++) sum += (scores[c] = Math.exp((scores[c] as number) - top))
      for (let c = 0; c < k; c++) {
        const err = ((scores[c] as number) / sum - (ys[i] === c ? 1 : 0)) * (counts[i] as number)
        if (err === 0) continue
        const g = grad[c] as Float64Array
        for (let j = 0; j < d; j++) g[j] = (g[j] as number) + err * (x[j] as number)
      }
    }
    for (let c = 0; c < k; c++) {
      const row = w[c] as Float64Array
      const g = grad[c] as Float64Array
      for (let j = 0; j < d; j++) row[j] = (row[j] as number) - rate * ((g[j] as number) / total + (j === 0 ? 0 : l2 * (row[j] as number)))
    }
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000
  const out = {} as Weights
  CLASSES.forEach((c, ci) => {
    const row = w[ci] as Float64Array
    const entry = { bias: round(row[0] as number) } as { bias: number } & SignalValues
    SIGNALS.forEach((name, j) => (entry[name] = round(row[j + 1] as number)))
    out[c] = entry
  })
  return out
}
