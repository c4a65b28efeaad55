export interface ThrottleOptions {
  /** Wrong tokens answered at once before answers are slowed down. */
  freeFailures?: number
  /** Delay of the first slowed answer; each further wrong token doubles it… */
  baseDelayMs?: number
  /** …up to this. */
  maxDelayMs?: number
  /** Slowed answers that may wait at once (each holds a connection); beyond, wrong tokens are refused at once. */
  maxHeld?: number
  /** After this long without a wrong token, the count starts afresh. */
  forgetAfterMs?: number
  now?: () => number
}

/**
 * Slows down guessing of the access token. Wrong tokens are counted all together, never per
 * address: every local client is 127.0.0.1, so a per-address count would let anyone on the
 * computer lock the user out. The right token never meets the throttle: the host checks it first.
 *
 * After a few wrong tokens each further one is answered only after a delay that doubles up to a cap.
 * At most `maxHeld` such answers wait at once, so a flood cannot use up the host's connections;
 * beyond that a wrong token is refused at once (and learns nothing a 192-bit token would miss).
 */
export class TokenThrottle {
  private readonly freeFailures: number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly maxHeld: number
  private readonly forgetAfterMs: number
  private readonly now: () => number
  private count = 0
  private held = 0
  private lastFailure = 0

  constructor(options: ThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5
    this.baseDelayMs = options.baseDelayMs ?? 500
    this.maxDelayMs = options.maxDelayMs ?? 30_000
    this.maxHeld = options.maxHeld ?? 64
    this.forgetAfterMs = options.forgetAfterMs ?? 10 * 60_000
    this.now = options.now ?? Date.now
  }

  /**
   * Notes a wrong token. Returns how long to hold its answer: 0 to answer now, `null` when every
   * slot is taken (refuse now, as too many). Call `release` once a held answer has gone.
   */
  failed(): number | null {
    if (this.held === 0 && this.now() - this.lastFailure > this.forgetAfterMs) this.count = 0
    if (this.held >= this.maxHeld) return null
    this.count++
    this.lastFailure = this.now()
    const delay = this.delay()
    if (delay > 0) this.held++
    return delay
  }

  release(): void {
    if (this.held > 0) this.held--
  }

  /** Wrong tokens noted since the count last started afresh. */
  failures(): number {
    return this.count
  }

  /** How long a wrong token is held now. */
  delay(): number {
    const over = this.count - this.freeFailures
    if (over <= 0) return 0
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(over - 1, 30))
  }
}
