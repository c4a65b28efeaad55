import { join } from 'node:path'
import type { Notice, UsageMeter } from '../../../shared/api'
import type { EventHub } from '../events'
import type { Clock, Logger } from '../ports'
import type { CloudProviders } from '../providers'
import type { SettingsService } from '../settings/settingsService'
import { crossings, meter } from './budget'
import { UsageLedger, type UsageFields } from './ledger'
import { baselineCost } from './savings'

interface Deps {
  dataDir: string
  settings: SettingsService
  cloud: Pick<CloudProviders, 'cost'>
  events: EventHub
  notify(notice: Notice): void
  clock: Clock
  logger: Logger
}

/** The usage ledger and the cost meter: every request recorded, budget crossings told once. */
export class UsageService {
  readonly ledger: UsageLedger
  /** Resolves once the ledger's files are read (never rejects: an unreadable ledger is logged). */
  readonly ready: Promise<void>
  // The meter as last sent: each record moves it once, in order, so a crossing is told once even
  // when two replies finish together.
  private lastMeter: UsageMeter | null = null

  constructor(private readonly deps: Deps) {
    this.ledger = new UsageLedger({ dir: join(deps.dataDir, 'usage'), clock: deps.clock, logger: deps.logger, notify: deps.notify })
    this.ready = this.ledger.load().catch((error: unknown) => deps.logger.error('Could not read the usage ledger', { error: String(error) }))
    void this.ready.then(() => (this.lastMeter = this.meter()))
    this.ledger.onAppend(() => {
      const after = this.meter()
      if (this.lastMeter) for (const notice of crossings(this.lastMeter, after)) deps.notify(notice)
      this.lastMeter = after
      deps.events.emit('usage.updated', after)
    })
  }

  meter(): UsageMeter {
    return meter(this.ledger.records(), this.deps.clock.now(), this.deps.settings.get())
  }

  async record(fields: UsageFields): Promise<void> {
    await this.ready
    await this.ledger.append(fields)
  }

  /** Cloud model ids booked at a stand-in price (their price is unknown), most recent first. */
  estimatedModels(): string[] {
    const ids = new Set<string>()
    const records = this.ledger.records()
    for (let i = records.length - 1; i >= 0; i--) if (records[i]!.costEstimated) ids.add(records[i]!.modelId)
    return [...ids]
  }

  /** What the savings baseline cloud model would have cost for these tokens. */
  baselineCost(inputTokens: number, outputTokens: number): number {
    return baselineCost((id, usage) => this.deps.cloud.cost(id, usage)?.usd ?? null, this.deps.settings.get().savingsBaselineModelId, { inputTokens, outputTokens })
  }

  /** Budgets may have changed: the meter is sent again. A new budget is not a crossing: only spending tells. */
  settingsChanged(): void {
    void this.ready.then(() => {
      this.lastMeter = this.meter()
      this.deps.events.emit('usage.updated', this.lastMeter)
    })
  }

  async flush(): Promise<void> {
    await this.ready
    await this.ledger.flush()
  }
}
