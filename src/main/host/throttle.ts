export interface ThrottleOptions {
  /** Wrong tokens an address may offer before its answers are slowed down. */
  freeFailures?: number
  /** Delay of the first slowed answer; each further wrong token doubles it… */
  baseDelayMs?: number
  /** …up to this. */
  maxDelayMs?: number
  /** Slowed answers an address may have waiting at once; beyond, it is refused without a look at its token. */
  maxPending?: number
  /** An address that offered no wrong token for this long starts afresh. */
  forgetAfterMs?: number
  now?: () => number
}

interface AddressRecord {
  failures: number
  pending: number
  lastFailure: number
}

/** Addresses remembered at most (the host listens on loopback; this only bounds memory). */
const MAX_ADDRESSES = 10_000

/**
 * Slows down guessing of the access token, per remote address: after a few wrong tokens each
 * further wrong one is answered only after a delay that doubles up to a cap, and an address may
 * keep only a few such answers waiting — beyond that it is refused (429) without its token being
 * looked at, so the guesses an address can make per second are bounded (maxPending / delay).
 *
 * The right token is never delayed: it is checked first and always let in, unless the same address
 * is flooding with wrong ones at that very moment (all its slots taken).
 */
export class TokenThrottle {
  private readonly freeFailures: number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly maxPending: number
  private readonly forgetAfterMs: number
  private readonly now: () => number
  private readonly records = new Map<string, AddressRecord>()

  constructor(options: ThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5
    this.baseDelayMs = options.baseDelayMs ?? 500
    this.maxDelayMs = options.maxDelayMs ?? 30_000
    this.maxPending = options.maxPending ?? 4
    this.forgetAfterMs = options.forgetAfterMs ?? 10 * 60_000
    this.now = options.now ?? Date.now
  }

  private record(address: string): AddressRecord | undefined {
    const record = this.records.get(address)
    if (record && record.pending === 0 && this.now() - record.lastFailure > this.forgetAfterMs) {
      this.records.delete(address)
      return undefined
    }
    return record
  }

  /** Milliseconds to wait before trying again when the address may not even be heard now, else 0. */
  refusal(address: string): number {
    const record = this.record(address)
    if (!record || record.pending < this.maxPending) return 0
    return this.delayFor(record.failures)
  }

  /**
   * Notes a wrong token; returns how long to hold the answer (0 while the address is within its
   * free failures). Call `release` once that answer has gone.
   */
  failed(address: string): number {
    let record = this.record(address)
    if (!record) {
      if (this.records.size >= MAX_ADDRESSES) this.records.delete(this.records.keys().next().value as string)
      record = { failures: 0, pending: 0, lastFailure: 0 }
      this.records.set(address, record)
    }
    record.failures++
    record.lastFailure = this.now()
    const delay = this.delayFor(record.failures)
    if (delay > 0) record.pending++
    return delay
  }

  release(address: string): void {
    const record = this.records.get(address)
    if (record && record.pending > 0) record.pending--
  }

  /** Wrong tokens noted for the address (for tests and logs). */
  failures(address: string): number {
    return this.record(address)?.failures ?? 0
  }

  private delayFor(failures: number): number {
    const over = failures - this.freeFailures
    if (over <= 0) return 0
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(over - 1, 30))
  }
}
