import { join } from 'node:path'
import { AUTO_MODEL_ID, type CloudModel, type HardwareProfile, type Notice, type UsageMeter } from '../../shared/api'
import type { ConversationStore } from './chats/conversationStore'
import type { Handlers } from './dispatch'
import type { EventHub } from './events'
import { estimateForModelFile } from './fit'
import type { ModelLibrary } from './models'
import type { Clock, Logger } from './ports'
import { catalogModel, CLOUD_CATALOG, cloudModelId, parseCloudModelId, type CloudProviders } from './providers'
import { Router } from './router/router'
import type { CloudOption, LocalOption } from './router/types'
import type { SettingsService } from './settings/settingsService'
import { crossings, exportFilename, exportRecords, meter, summarize, UsageLedger, type UsageFields } from './usage'

interface Deps {
  dataDir: string
  settings: SettingsService
  models: ModelLibrary
  hardware: { profile(): Promise<HardwareProfile> }
  cloud: CloudProviders
  /** Whether a provider has a key Aura may use (present, and not refused at its last test). */
  hasUsableKey(provider: string): boolean
  conversations: ConversationStore
  events: EventHub
  notify(notice: Notice): void
  clock: Clock
  logger: Logger
}

type RoutingRoutes = 'router.preview' | 'usage.meter' | 'usage.summary' | 'usage.export'

/** Routing, the usage ledger and the cost meter, wired to the rest of the services. */
export function createRouting(deps: Deps) {
  const { settings, cloud, events, clock } = deps
  const ledger = new UsageLedger({ dir: join(deps.dataDir, 'usage'), clock, logger: deps.logger, notify: deps.notify })
  const ready = ledger.load().catch((error: unknown) => deps.logger.error('Could not read the usage ledger', { error: String(error) }))
  const localModels = localModelOptions(deps)

  const router = new Router({
    settings: () => settings.get(),
    localModels,
    cloudModels: () =>
      CLOUD_CATALOG.filter((entry) => deps.hasUsableKey(entry.provider)).flatMap((entry) => {
        const model = cloud.model(cloudModelId(entry.provider, entry.model))
        return model ? [cloudOption(model)] : []
      }),
    cloudModel: (id) => {
      const model = cloud.model(id)
      return model ? cloudOption(model) : null
    },
    isCloudModel: (id) => parseCloudModelId(id) !== null,
    ledger,
    clock,
  })

  const currentMeter = () => meter(ledger.records(), clock.now(), settings.get())
  // The meter as last sent: each record moves it once, in order, so a crossing is told once even
  // when two replies finish together.
  let lastMeter: UsageMeter | null = null
  void ready.then(() => (lastMeter = currentMeter()))
  ledger.onAppend(() => {
    const after = currentMeter()
    if (lastMeter) for (const notice of crossings(lastMeter, after)) deps.notify(notice)
    lastMeter = after
    events.emit('usage.updated', after)
  })

  const usage = {
    async record(fields: UsageFields): Promise<void> {
      await ready
      await ledger.append(fields)
    },
    baselineCost(inputTokens: number, outputTokens: number): number {
      return cloud.cost(settings.get().savingsBaselineModelId, { inputTokens, outputTokens }) ?? 0
    },
  }

  const handlers: Pick<Handlers, RoutingRoutes> = {
    'router.preview': async ({ text, conversationId, modelId }) => {
      const history = conversationId ? (await deps.conversations.get(conversationId)).messages.map((m) => ({ role: m.role, content: m.content })) : []
      return router.decide({ text, history }, modelId ?? settings.get().lastModelId ?? AUTO_MODEL_ID)
    },
    'usage.meter': async () => {
      await ready
      return currentMeter()
    },
    'usage.summary': async () => {
      await ready
      const s = settings.get()
      const baseline = cloud.model(s.savingsBaselineModelId)
      return summarize(ledger.records(), clock.now(), s, { modelId: s.savingsBaselineModelId, name: baseline?.name ?? s.savingsBaselineModelId })
    },
    'usage.export': async ({ format }) => {
      await ready
      return {
        filename: exportFilename(format, clock.now()),
        mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
        content: exportRecords(ledger.records(), format),
      }
    },
  }

  return {
    router,
    usage,
    ledger,
    handlers,
    /** Budgets may have changed: the meter is sent again. */
    settingsChanged: () =>
      void ready.then(() => {
        // A new budget is not a crossing: only spending tells.
        lastMeter = currentMeter()
        events.emit('usage.updated', lastMeter)
      }),
    flush: async () => {
      await ready
      await ledger.flush()
    },
  }
}

/**
 * Installed, usable models with their fit here. A model's fit is worked out once per file and
 * context size: the hardware is read only then, never on the way of every message.
 */
function localModelOptions(deps: Deps): () => Promise<LocalOption[]> {
  const fits = new Map<string, LocalOption['fit']>()
  return async () => {
    const list = (await deps.models.list()).filter((model) => model.problem === null)
    const { contextSize } = deps.settings.get()
    const options = list.map((model) => {
      const contextTokens = Math.min(contextSize, model.contextLength ?? contextSize)
      return { model, contextTokens, key: `${model.file}:${model.sizeBytes}:${contextTokens}` }
    })
    const unknown = options.filter((option) => !fits.has(option.key))
    if (unknown.length > 0) {
      const profile = await deps.hardware.profile()
      await Promise.all(
        unknown.map(async ({ model, contextTokens, key }) => {
          const estimate = await estimateForModelFile(model.file, contextTokens, profile).catch(() => null)
          fits.set(key, estimate?.label ?? null)
        }),
      )
    }
    return options.map(({ model, contextTokens, key }): LocalOption => ({
      id: model.id,
      name: model.name,
      parameters: model.parameters,
      sizeBytes: model.sizeBytes,
      contextTokens,
      fit: fits.get(key) ?? null,
    }))
  }
}

function cloudOption(model: CloudModel): CloudOption {
  const entry = catalogModel(model.provider, model.model)
  return {
    id: model.id,
    name: model.name,
    provider: model.provider,
    // A server's model (Ollama, LM Studio…) is whatever the user runs there: counted as balanced.
    strength: entry?.strength ?? 'balanced',
    capabilities: model.capabilities,
    contextWindow: model.contextWindow,
    price: model.price && { inputPerMTokens: model.price.inputPerMTokens, outputPerMTokens: model.price.outputPerMTokens },
  }
}

export type Routing = ReturnType<typeof createRouting>
