import type { BackendChoice, HardwareProfile } from '../../../shared/api'
import { silentLogger, systemClock, type Clock, type Logger } from '../ports'
import { buildHardwareProfile } from './profile'
import { readSystem, type ReadingTimings, type SystemProbe, type SystemReadings } from './readings'
import { createSystemProbe } from './systemProbe'

export interface HardwareServiceOptions {
  modelsDir: () => string
  /** Default: the real probe (systeminformation, statfs, node-llama-cpp). */
  probe?: SystemProbe
  /** How long a profile is reused. Default 5 s: free memory and disk move, the rest does not. */
  ttlMs?: number
  clock?: Clock
  logger?: Logger
  /** The back-end the engine loaded, once it has (until then the profile predicts it from the hardware). */
  backend?: () => BackendChoice | null
  /** The memory estimate's measured error on this computer (fit/memoryLog.ts), null before any load. */
  estimateError?: () => Promise<{ loads: number; withinPercent: number } | null>
}

export const DEFAULT_PROFILE_TTL_MS = 5_000

/** What this computer has, in plain words and numbers; read on demand and reused for a few seconds. */
export class HardwareService {
  private readonly probe: SystemProbe
  private readonly ownProbe: (SystemProbe & { dispose(): Promise<void> }) | null
  private readonly ttlMs: number
  private readonly clock: Clock
  private readonly logger: Logger
  private cached: { at: number; modelsDir: string; reading: Promise<{ readings: SystemReadings; timings: ReadingTimings }> } | null = null
  private last: { readings: SystemReadings; timings: ReadingTimings } | null = null

  constructor(private readonly options: HardwareServiceOptions) {
    this.ownProbe = options.probe ? null : createSystemProbe()
    this.probe = options.probe ?? (this.ownProbe as SystemProbe)
    this.ttlMs = options.ttlMs ?? DEFAULT_PROFILE_TTL_MS
    this.clock = options.clock ?? systemClock
    this.logger = options.logger ?? silentLogger
  }

  /**
   * Concurrent callers share one reading of the system; a failed reading is not cached. The engine's
   * back-end and the estimate's measured error are added on every call: a load changes both, and a
   * reading reused from just before it (Auto reads one per message) must not hide them.
   */
  async profile(): Promise<HardwareProfile> {
    const reading = await this.reading()
    const backend = this.options.backend?.() ?? undefined
    const profile = buildHardwareProfile(backend ? { ...reading.readings, llama: { ...reading.readings.llama, backend } } : reading.readings)
    const estimateError = (await this.options.estimateError?.()) ?? null
    return estimateError ? { ...profile, estimateError } : profile
  }

  /** The readings and timings behind the last profile (for `aura hardware --json` and diagnostics). */
  lastReading(): { readings: SystemReadings; timings: ReadingTimings } | null {
    return this.last
  }

  async dispose(): Promise<void> {
    this.cached = null
    await this.ownProbe?.dispose()
  }

  private reading(): Promise<{ readings: SystemReadings; timings: ReadingTimings }> {
    const now = this.clock.now()
    const modelsDir = this.options.modelsDir()
    const cached = this.cached
    if (cached && cached.modelsDir === modelsDir && now - cached.at < this.ttlMs) return cached.reading
    const reading = this.read(modelsDir)
    const entry = { at: now, modelsDir, reading }
    this.cached = entry
    reading.catch(() => {
      if (this.cached === entry) this.cached = null
    })
    return reading
  }

  private async read(modelsDir: string): Promise<{ readings: SystemReadings; timings: ReadingTimings }> {
    const reading = await readSystem(this.probe, modelsDir)
    this.last = reading
    this.logger.info('hardware: read', { ms: reading.timings })
    return reading
  }
}
