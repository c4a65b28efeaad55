import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices, type Services } from '../createServices'
import { startGateway, type GatewayOptions, type GatewayServer } from '../gateway/server'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from './fakeCloud'
import { memoryStore } from './memoryStore'
import { writeTinyLlama, type TinyLlamaOptions } from './tinyLlama'

/** Aura's services on a temp data folder with the API's listener on a free port: what the API's tests start from. */
export interface ApiHarness {
  dir: string
  services: Services
  server: GatewayServer
  /** The fake cloud behind the providers asked for (else null). */
  fake: FakeCloud | null
  close(): Promise<void>
}

/** The API tests' usual local models: one that answers and stops, one that writes until it is cut off. */
export const ANSWERING_MODELS: Record<string, TinyLlamaOptions> = {
  chatty: { chatTemplate: true, eosBias: 2 },
  endless: { chatTemplate: true, eosBias: -8, seed: 7 },
}

export async function startApiHarness(options: {
  /** Generated models by id (file `<id>.gguf` in the models folder). */
  models?: Record<string, TinyLlamaOptions>
  settings?: Record<string, unknown>
  /** Providers answered by the fake cloud, with a key that works. */
  cloud?: ReadonlyArray<'openai' | 'anthropic'>
  gateway?: Pick<GatewayOptions, 'corsOrigins' | 'maxBodyBytes'>
}): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'aura-api-'))
  const fake = options.cloud?.length ? await startFakeCloud() : null
  for (const [id, model] of Object.entries(options.models ?? {})) await writeTinyLlama(join(dir, 'models', `${id}.gguf`), model)
  const env: Record<string, string> = {}
  for (const provider of options.cloud ?? []) {
    env[`AURA_${provider.toUpperCase()}_BASE_URL`] = fake!.baseUrls[provider]
    env[`${provider.toUpperCase()}_API_KEY`] = FAKE_CLOUD_VALID_KEY
  }
  const services = createServices({
    shell: 'host',
    version: '0.0.0-test',
    paths: { dataDir: dir },
    // No budget or cost question in the way: the tests that need one set it.
    settingsStore: memoryStore({ threads: 1, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null, ...options.settings }),
    env,
  })
  const server = await startGateway({ gateway: services.gateway, port: 0, logger: services.logger, ...options.gateway })
  return {
    dir,
    services,
    server,
    fake,
    async close() {
      await server.close()
      await services.dispose()
      await fake?.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
