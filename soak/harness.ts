/**
 * The soak: faults injected many times over (`npm run soak`), each fault's count and outcome
 * recorded for docs/reliability.md. The same code runs at small sizes in `npm test`.
 */

export interface SoakContext {
  /** Small counts for the test suite; full counts for `npm run soak`. */
  small: boolean
  /** A scratch folder, deleted after the run. */
  workDir: string
  /** The repository root (the built app is in `<root>/out`). */
  root: string
  log(line: string): void
}

/** One kind of fault and what became of it. */
export interface SoakFinding {
  /** e.g. "download: connection dropped at a random offset" */
  fault: string
  /** How many times it was injected. */
  injected: number
  /** Runs whose outcome was right (completed with the right SHA-256, or stopped with a clear message, …). */
  passed: number
  /** What a right outcome is, in words: "completed with the right SHA-256 or stopped with a clear message". */
  expected: string
  /** The first few wrong outcomes, if any. */
  failures: string[]
}

export interface SoakSection {
  /** `downloads`, `models`, `conversations`, `files`, `cloud`, `memory` */
  name: string
  run(ctx: SoakContext): Promise<SoakFinding[]>
}
