/**
 * What Auto learns from its user: per kind of task and size, whether the first tier Auto picks is
 * good enough. Pure: the state is plain data, every function takes the time. Explainable by design —
 * one number per (task type, size) and one rule:
 *
 * - 👎 or "Ask a stronger model" on an answer from the tier a request of that size starts on (or a
 *   cheaper one) adds 1; 👍 on such an answer takes 1 away. Answers from a higher tier say nothing
 *   about the cheaper one and are not counted.
 * - At SHIFT_AT or more, requests of that kind and size start one tier up (short ones on the quality
 *   model, medium ones in the cloud); below SHIFT_OFF they go back. Never more than one tier.
 * - The number halves every HALF_LIFE_DAYS, so a shift wears off after some weeks without new 👎
 *   and Auto tries the cheaper model again. Complex requests already start in the cloud: nothing
 *   to learn there.
 */
import type { Complexity, TaskType, Tier } from '../../../shared/api'

/**
 * Net negative signals before a kind of task moves up a tier: one bad answer is not a pattern.
 * Counted with decay, so it takes 3 within about a week (the score must pass SHIFT_AT − ½), more if spread out.
 */
export const SHIFT_AT = 3
/** It moves back once the (decayed) net count falls below this: hysteresis, so it does not flap. */
export const SHIFT_OFF = 1
export const HALF_LIFE_DAYS = 21
const DAY_MS = 86_400_000
/** The score's bounds: many 👍 bank no credit against later 👎, many 👎 wear off in bounded time. */
const MIN_SCORE = -SHIFT_AT
const MAX_SCORE = 2 * SHIFT_AT

/** The sizes whose first tier can move up (complex ones start in the cloud). */
export type LearnedComplexity = Exclude<Complexity, 'complex'>
export type CellKey = `${TaskType}:${LearnedComplexity}`

export interface Cell {
  /** Net negative signals, decayed to `at`. */
  score: number
  /** When `score` was last brought up to date (ms). */
  at: number
  /** Whether requests of this kind start one tier up (kept for the hysteresis). */
  shifted: boolean
  /** Signals counted since the last reset, undecayed: for the plain-words summary. */
  down: number
  up: number
}

export interface LearnedState {
  version: 1
  cells: Partial<Record<CellKey, Cell>>
}

export const emptyState = (): LearnedState => ({ version: 1, cells: {} })

/** One signal about one answer. `retract` takes back an earlier one (a rating changed or removed). */
export interface FeedbackSignal {
  kind: 'up' | 'down' | 'escalated'
  taskType: TaskType
  /** The request's size as Auto saw it; null when unknown (then read from the tier that answered). */
  complexity: Complexity | null
  /** The tier whose answer this is about. */
  tier: Tier
  modelId?: string | null
  retract?: boolean
}

/** The first tier of each size, as a step on the ladder local-fast (0) → local-quality (1) → cloud (2). */
const BASE_STEP: Record<Complexity, number> = { simple: 0, moderate: 1, complex: 2 }
const STEP: Record<Tier, number> = { 'local-fast': 0, 'local-quality': 1, cloud: 2 }

/** The cell a signal is about, or null when it teaches nothing (a cloud answer, a complex request). */
export function cellOf(signal: Pick<FeedbackSignal, 'taskType' | 'complexity' | 'tier'>): CellKey | null {
  const complexity = signal.complexity ?? (signal.tier === 'local-fast' ? 'simple' : signal.tier === 'local-quality' ? 'moderate' : null)
  if (complexity === null || complexity === 'complex') return null
  // An answer from above the size's first tier says nothing about that tier.
  if (STEP[signal.tier] > BASE_STEP[complexity]) return null
  return `${signal.taskType}:${complexity}`
}

function decayed(cell: Cell, now: number): number {
  const days = Math.max(0, now - cell.at) / DAY_MS
  return cell.score * 0.5 ** (days / HALF_LIFE_DAYS)
}

/** Whether a cell's requests start one tier up at `now`. */
export function isShifted(cell: Cell, now: number): boolean {
  const score = decayed(cell, now)
  return cell.shifted ? score >= SHIFT_OFF : score > SHIFT_AT - 0.5
}

/** The state after one signal (a new object; the input is left as it was). */
export function learn(state: LearnedState, signal: FeedbackSignal, now: number): LearnedState {
  const key = cellOf(signal)
  if (key === null) return state
  const previous = state.cells[key] ?? { score: 0, at: now, shifted: false, down: 0, up: 0 }
  const negative = signal.kind !== 'up'
  const sign = signal.retract ? -1 : 1
  const score = Math.min(MAX_SCORE, Math.max(MIN_SCORE, decayed(previous, now) + sign * (negative ? 1 : -1)))
  const cell: Cell = {
    score,
    at: now,
    shifted: isShifted(previous, now),
    down: Math.max(0, previous.down + (negative ? sign : 0)),
    up: Math.max(0, previous.up + (negative ? 0 : sign)),
  }
  // A rating taken back takes back its effect: no hysteresis holds a shift it alone caused.
  cell.shifted = isShifted(signal.retract ? { ...cell, shifted: false } : cell, now)
  return { ...state, cells: { ...state.cells, [key]: cell } }
}

/** The (task type, size) pairs whose requests start one tier up at `now`: what the policy reads. */
export function shiftsOf(state: LearnedState, now: number): Set<CellKey> {
  const out = new Set<CellKey>()
  for (const [key, cell] of Object.entries(state.cells) as [CellKey, Cell][]) if (isShifted(cell, now)) out.add(key)
  return out
}

/** A file's content as a state: anything unreadable or foreign is an empty state (nothing learned). */
export function parseState(text: string): LearnedState {
  try {
    const data = JSON.parse(text) as Partial<LearnedState>
    if (data.version !== 1 || typeof data.cells !== 'object' || data.cells === null) return emptyState()
    const cells: LearnedState['cells'] = {}
    for (const [key, cell] of Object.entries(data.cells) as [CellKey, Cell][]) {
      const numbers = [cell?.score, cell?.at, cell?.down, cell?.up]
      if (/^[a-z_]+:(simple|moderate)$/.test(key) && numbers.every(Number.isFinite) && typeof cell.shifted === 'boolean') cells[key] = cell
    }
    return { version: 1, cells }
  } catch {
    return emptyState()
  }
}
