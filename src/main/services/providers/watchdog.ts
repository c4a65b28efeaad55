import type { CloudTimeouts } from './deps'
import type { Problem } from './problems'

/**
 * Cuts a reply off when it never starts (firstTokenMs), goes quiet once started (idleMs) or runs too
 * long (requestMs). One timer, re-armed lazily: no clearTimeout/setTimeout per streamed piece.
 */
export class Watchdog {
  private readonly startedAt = performance.now()
  private lastActivity = this.startedAt
  private started = false
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly timeouts: CloudTimeouts,
    private readonly cut: (problem: Problem) => void,
  ) {
    this.arm(Math.min(timeouts.firstTokenMs, timeouts.requestMs))
  }

  /** A piece of the reply (text or thinking) arrived. */
  content(): void {
    this.lastActivity = performance.now()
    if (this.started) return
    this.started = true
    // From now on silence is measured by the (usually shorter) idle timeout.
    this.stop()
    this.arm(Math.min(this.timeouts.idleMs, this.timeouts.requestMs - (this.lastActivity - this.startedAt)))
  }

  /** Anything arrived from the stream. */
  activity(): void {
    if (this.started) this.lastActivity = performance.now()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), Math.max(1, ms))
  }

  private check(): void {
    const now = performance.now()
    const t = this.timeouts
    const total = now - this.startedAt
    if (total >= t.requestMs) return this.cut({ kind: 'timed_out', phase: 'total', seconds: seconds(t.requestMs) })
    let due: number
    if (!this.started) {
      if (total >= t.firstTokenMs) return this.cut({ kind: 'timed_out', phase: 'start', seconds: seconds(t.firstTokenMs) })
      due = t.firstTokenMs - total
    } else {
      const quiet = now - this.lastActivity
      if (quiet >= t.idleMs) return this.cut({ kind: 'timed_out', phase: 'idle', seconds: seconds(t.idleMs) })
      due = t.idleMs - quiet
    }
    this.arm(Math.min(due, t.requestMs - total))
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000))
}
