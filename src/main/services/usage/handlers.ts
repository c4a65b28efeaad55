import type { HandlersOf } from '../dispatch'
import type { Clock } from '../ports'
import { serverRef, type CloudProviders } from '../providers'
import type { SettingsService } from '../settings/settingsService'
import { exportFilename, exportRecords } from './export'
import { measuredSpeeds } from './speeds'
import { defaultProviderName, summarize } from './summary'
import type { UsageService } from './usageService'

interface Deps {
  usage: UsageService
  settings: SettingsService
  cloud: Pick<CloudProviders, 'model'>
  clock: Clock
}

/** The cost meter, the Usage page's summary, and the ledger as a file. */
export function usageHandlers({ usage, settings, cloud, clock }: Deps): HandlersOf<'usage'> {
  return {
    'usage.meter': async () => {
      await usage.ready
      return usage.meter()
    },
    'usage.summary': async () => {
      await usage.ready
      const s = settings.get()
      const baseline = cloud.model(s.savingsBaselineModelId)
      // A server still in the list is named as the user named it ("Ollama"), not by its id.
      const serverName = (ref: string) => s.servers.find((server) => serverRef(server.id) === ref)?.name ?? defaultProviderName(ref)
      return summarize(usage.ledger.records(), clock.now(), s, { modelId: s.savingsBaselineModelId, name: baseline?.name ?? s.savingsBaselineModelId }, serverName)
    },
    'usage.speeds': async () => {
      await usage.ready
      return measuredSpeeds(usage.ledger.records())
    },
    'usage.export': async ({ format }) => {
      await usage.ready
      return {
        filename: exportFilename(format, clock.now()),
        mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
        content: exportRecords(usage.ledger.records(), format),
      }
    },
  }
}
