import type { Learned, LearnedAdjustment, TaskType } from '../../../shared/api'
import { isShifted, type Cell, type CellKey, type LearnedComplexity, type LearnedState } from './learner'

/** The kinds of task as the Settings page names them. */
const TASK_WORDS: Record<TaskType, string> = {
  chat: 'everyday questions',
  coding: 'coding questions',
  reasoning: 'maths and reasoning questions',
  agentic: 'requests to take actions',
  long_context: 'long texts',
  vision: 'questions about images',
}
const SIZE_WORDS: Record<LearnedComplexity, string> = { simple: 'Short', moderate: 'Medium-sized' }

/** The names the lines use for the local tiers' models now (null: none installed). */
export interface TierNames {
  fast: string | null
  quality: string | null
}

/**
 * What Auto learned, in plain words: one line per kind of task and size that now starts one tier
 * up, saying where it goes and why ("Short coding questions now go to Qwen3 8B first, after 3 answers you rated down…").
 */
export function summarize(state: LearnedState, now: number, names: TierNames): Learned {
  const adjustments: LearnedAdjustment[] = []
  let signals = 0
  for (const [key, cell] of Object.entries(state.cells) as [CellKey, Cell][]) {
    signals += cell.down + cell.up
    if (!isShifted(cell, now)) continue
    const [taskType, complexity] = key.split(':') as [TaskType, LearnedComplexity]
    const to = complexity === 'simple' ? 'local-quality' : 'cloud'
    const where = to === 'cloud' ? 'a cloud model (when the cloud is allowed and within budget)' : names.quality && names.quality !== names.fast ? names.quality : 'your larger local model (install one to make a difference)'
    const why = `after ${cell.down} ${cell.down === 1 ? 'answer' : 'answers'} you rated down or asked a stronger model for`
    adjustments.push({ taskType, complexity, from: complexity === 'simple' ? 'local-fast' : 'local-quality', to, text: `${SIZE_WORDS[complexity]} ${TASK_WORDS[taskType]} now go to ${where} first, ${why}.` })
  }
  return { adjustments, signals }
}
