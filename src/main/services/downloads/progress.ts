/** Seconds over which the speed is smoothed: steady enough to read, quick enough to follow a change. */
const SMOOTHING_SECONDS = 3

/** Download speed as an exponential moving average of the bytes seen at each tick. */
export class SpeedMeter {
  private lastBytes: number | null = null
  private lastAt = 0
  private value = 0

  get bytesPerSecond(): number {
    return this.value
  }

  sample(bytes: number, now: number): void {
    if (this.lastBytes === null || bytes < this.lastBytes) {
      this.lastBytes = bytes
      this.lastAt = now
      return
    }
    const seconds = (now - this.lastAt) / 1000
    if (seconds <= 0) return
    const instant = (bytes - this.lastBytes) / seconds
    // The first measurement is taken as it is; later ones weigh in by the time they cover.
    const alpha = this.value === 0 ? 1 : 1 - Math.exp(-seconds / SMOOTHING_SECONDS)
    this.value += alpha * (instant - this.value)
    this.lastBytes = bytes
    this.lastAt = now
  }

  /** Forget the past (paused, or restarted): the next sample starts afresh. */
  reset(): void {
    this.lastBytes = null
    this.value = 0
  }
}

/** Seconds left at the current speed; null while there is no speed to go by. */
export function etaSeconds(remainingBytes: number, bytesPerSecond: number): number | null {
  if (remainingBytes <= 0) return 0
  if (bytesPerSecond < 1) return null
  return Math.ceil(remainingBytes / bytesPerSecond)
}
