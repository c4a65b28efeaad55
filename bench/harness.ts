/**
 * The benchmark harness: each section measures Aura's path and a reference path in the same run and
 * reports ratios (Aura ÷ reference) with the absolute figures beside them. `npm run bench` runs every
 * section at full size; the e2e smoke run (e2e/bench.spec.ts) runs them at tiny sizes so they keep working.
 */

export interface BenchContext {
  /** Tiny sizes: the code paths run, the figures mean nothing. */
  smoke: boolean
  /** A scratch folder for this section, deleted after the run. */
  workDir: string
  /** The repository root; the built app is in `<root>/out` (run `npm run build` first). */
  root: string
  /** Progress for the person watching (stderr). */
  log(line: string): void
}

/** Figures by key, without the section's prefix (`stories260K.app_tps` → `decode.stories260K.app_tps`). */
export type BenchFigures = Record<string, number | string | boolean | null>

export interface BenchSection {
  /** The key prefix: `decode`, `decode.gpu`, `ttft`, `threads`, `concurrency`, `gateway`, `prefix`, `prompt`, `embeddings`, `documents`, `memory`, `download`, `router`, `router.replay`, `renderer`, `startup`. */
  name: string
  run(ctx: BenchContext): Promise<BenchFigures>
}

/**
 * The targets: a figure meets its target when it is at least `min` / at most `max`. Ratios
 * to llama.cpp's own binaries exist only when they are named (LLAMA_BENCH, LLAMA_BATCHED_BENCH):
 * their goals are in bench/README.md, not here (every target must be measured by every run).
 */
export const TARGETS: Record<string, { min?: number; max?: number }> = {
  'decode.synthetic.ratio': { min: 0.9 },
  'decode.stories260K.ratio': { min: 0.75 },
  'threads.ratio': { min: 0.9 },
  'embeddings.ratio': { min: 0.9 },
  'documents.query_ms_p50_100k': { max: 50 },
  'ttft.overhead_ms_p50': { max: 15 },
  'concurrency.speedup_4': { min: 2.5 },
  'concurrency.ratio_4': { min: 0.9 },
  'prefix.warm_over_cold': { max: 0.05 },
  'gateway.decode_ratio': { min: 0.9 },
  'gateway.ttfb_overhead_ms_p50': { max: 10 },
  'download.ratio': { min: 0.9 },
  'renderer.stream_max_long_task_ms': { max: 50 },
  'renderer.open_5000_messages_ms': { max: 300 },
  'router.decisions_per_s': { min: 10_000 },
  'router.classify_ratio': { min: 0.5 },
  'router.replay.everyday_local_share': { min: 0.98 },
}

/** The median of a list of numbers (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The nearest-rank percentile `p` (0–1) of a list of numbers (NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

/** Rounds a figure for the results file: ratios to 3 decimals, the rest to 1. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
