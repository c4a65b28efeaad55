import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileStamp, makePrivateDir, PRIVATE_FILE_MODE, withLockSync } from '../files'
import type { Clock } from '../ports'
import { emptyState, learn, parseState, shiftsOf, type CellKey, type FeedbackSignal, type LearnedState } from './learner'

/**
 * What Auto learned, in `<data dir>/feedback.json` (0600): shared by every process on the data
 * folder, so each change is read-modify-write under the file's lock and replaces the file
 * atomically; reads are cached until the file's stamp changes (Auto reads it for every message).
 */
export class FeedbackStore {
  private cached: { stamp: string; state: LearnedState } | null = null

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
  ) {}

  /** The learner's one input: a 👍, 👎 or "Ask a stronger model" on an answer (or one taken back). */
  record(signal: FeedbackSignal): void {
    this.change((state) => learn(state, signal, this.clock.now()))
  }

  state(): LearnedState {
    const stamp = fileStamp(this.file)
    if (this.cached?.stamp !== stamp) {
      let text = ''
      try {
        text = readFileSync(this.file, 'utf8')
      } catch {
        // Missing or unreadable: nothing learned.
      }
      this.cached = { stamp, state: text ? parseState(text) : emptyState() }
    }
    return this.cached.state
  }

  /** The (task type, size) pairs whose requests start one tier up now. */
  shifts(): Set<CellKey> {
    return shiftsOf(this.state(), this.clock.now())
  }

  /** Forgets everything learned: Auto decides as it did before any rating. */
  reset(): void {
    withLockSync(this.file, 'files.whatLearned', () => rmSync(this.file, { force: true }))
    this.cached = null
  }

  private change(update: (state: LearnedState) => LearnedState): void {
    makePrivateDir(dirname(this.file))
    withLockSync(this.file, 'files.whatLearned', () => {
      this.cached = null
      const next = update(this.state())
      const temp = `${this.file}.${process.pid}.tmp`
      writeFileSync(temp, `${JSON.stringify(next)}\n`, { mode: PRIVATE_FILE_MODE })
      renameSync(temp, this.file)
    })
    this.cached = null
  }
}
