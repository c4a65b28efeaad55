import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files'

/** One load: what the estimate said the model and its context would take, and what they took. */
export interface MeasuredLoad {
  modelId: string
  estimateBytes: number
  usedBytes: number
  /** ms since the epoch */
  at: number
}

/** How far off the estimate was on this computer: the largest error of the last `loads` loads. */
export interface EstimateError {
  loads: number
  /** |estimate − used| ÷ used, the largest of them, in percent (rounded up). */
  withinPercent: number
}

/** Loads kept per model, and loads the error is measured over. */
export const LOADS_KEPT = 12

/**
 * The estimate's record on this computer, in `<data folder>/memory-estimates.json`: the last
 * {@link LOADS_KEPT} loads of each model. A missing or unreadable file reads as empty (it is only
 * a record); writes replace the file whole.
 */
export class MemoryLog {
  private writing: Promise<void> = Promise.resolve()

  constructor(readonly file: string) {}

  async loads(): Promise<MeasuredLoad[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'))
      return Array.isArray(parsed) ? parsed.filter(isLoad) : []
    } catch {
      return []
    }
  }

  /** Adds a load, keeping the last {@link LOADS_KEPT} of its model; one write at a time. */
  record(load: MeasuredLoad): Promise<void> {
    const next = this.writing.then(async () => {
      const all = [...(await this.loads()), load]
      const own = all.filter((l) => l.modelId === load.modelId)
      const kept = all.filter((l) => l.modelId !== load.modelId || own.indexOf(l) >= own.length - LOADS_KEPT)
      await mkdir(dirname(this.file), { recursive: true, mode: PRIVATE_DIR_MODE })
      const part = `${this.file}.part`
      await writeFile(part, JSON.stringify(kept), { mode: PRIVATE_FILE_MODE })
      await rename(part, this.file)
    })
    this.writing = next.catch(() => {})
    return next
  }

  /** The error over the last {@link LOADS_KEPT} loads of any model; null before the first. */
  async error(): Promise<EstimateError | null> {
    return estimateError(await this.loads())
  }
}

export function estimateError(loads: readonly MeasuredLoad[]): EstimateError | null {
  const last = [...loads].sort((a, b) => a.at - b.at).slice(-LOADS_KEPT).filter((l) => l.usedBytes > 0)
  if (last.length === 0) return null
  const worst = Math.max(...last.map((l) => Math.abs(l.estimateBytes - l.usedBytes) / l.usedBytes))
  return { loads: last.length, withinPercent: Math.ceil(worst * 100) }
}

function isLoad(value: unknown): value is MeasuredLoad {
  const l = value as Partial<MeasuredLoad> | null
  return typeof l?.modelId === 'string' && typeof l.estimateBytes === 'number' && typeof l.usedBytes === 'number' && typeof l.at === 'number'
}
