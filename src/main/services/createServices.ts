import { join } from 'node:path'
import type { Envelope, Notice } from '../../shared/api'
import { CatalogService } from './catalog'
import { ChatService } from './chats/chatService'
import { cloudHandlers } from './cloudKeys'
import { ConversationStore } from './chats/conversationStore'
import { createDispatcher, type Handlers } from './dispatch'
import { DownloadManager } from './downloads'
import { EventHub, type EventListener } from './events'
import { HardwareService } from './hardware'
import { HubClient } from './hub'
import type { InferenceEngine } from './inference/engine'
import { LlamaEngine } from './inference/llamaEngine'
import { modelManagerHandlers } from './modelManager'
import { ResponseCache } from './router/cache'
import { createRouting, type Routing } from './routing'
import { ModelLibrary } from './models'
import { silentLogger, systemClock, type Logger, type Ports } from './ports'
import { CloudProviders, isProviderId, parseCloudModelId, PROVIDERS, resolveBaseUrl } from './providers'
import { SettingsService } from './settings/settingsService'
import { KeyVault, keyFileCipher, noKeychainNotice, redactingLogger, SecretStore } from './vault'

export type { EventListener }

export interface Services {
  /** Validates `input` against the route's schema, runs its handler, and never throws. */
  dispatch(route: string, input: unknown): Promise<Envelope<unknown>>
  /** Every event the services emit; a shell forwards them to its page(s). */
  onEvent(listener: EventListener): () => void
  settings: SettingsService
  models: ModelLibrary
  engine: InferenceEngine
  /** Replies from cloud models (`<provider>:<model>`) with the user's keys. */
  cloud: { isCloudModel(modelId: string): boolean; generate: CloudProviders['generate']; providerOf(modelId: string): string; displayName(modelId: string): string }
  /** Routing decisions and the usage ledger (the CLI's `run` writes its requests there too). */
  routing: Pick<Routing, 'router' | 'usage'>
  modelsDir(): string
  /** The services' logger: every line redacted of the keys in use. Shells log through it too. */
  logger: Logger
  dispose(): Promise<void>
}

/** The name the Hugging Face token is kept under. */
const HUB_TOKEN = 'huggingface'

/** The composition root: every shell builds its services here, from its own ports. Nothing runs at import. */
export function createServices(ports: Ports): Services {
  const clock = ports.clock ?? systemClock
  const env = ports.env ?? process.env
  // Every log line passes through redaction of the keys in use (the vault exists only below).
  let vault: KeyVault | null = null
  const logger = redactingLogger(ports.logger ?? silentLogger, () => vault?.secrets() ?? [])
  const { dataDir } = ports.paths
  const events = new EventHub()
  const notices: Notice[] = [...(ports.startupNotices ?? [])]
  const notify = (notice: Notice) => {
    notices.push(notice)
    events.emit('app.notice', notice)
  }

  const settings = new SettingsService(ports.settingsStore, notify)
  const modelsDir = () => settings.get().modelsDir ?? join(dataDir, 'models')
  const models = new ModelLibrary(modelsDir, { importedModels: () => settings.get().importedModels })
  // The measured thread count (threads: auto) is kept per computer and model across starts.
  const engine: InferenceEngine = new LlamaEngine({ logger, cacheDir: join(dataDir, 'cache') })
  const hardware = new HardwareService({ modelsDir, clock, logger })
  const secrets = new SecretStore(dataDir, ports.secretCipher ?? keyFileCipher(join(dataDir, 'secret.key')))
  const hub = new HubClient({ hubUrl: () => settings.get().hubUrl, token: () => secrets.get(HUB_TOKEN), env: ports.env })
  const keys = new KeyVault({
    secrets,
    env,
    envVars: (provider) => (isProviderId(provider) ? [...PROVIDERS[provider].envVars] : []),
    checks: {
      get: () => settings.get().keyChecks,
      set: (provider, check) => {
        const keyChecks = { ...settings.get().keyChecks }
        if (check) keyChecks[provider] = check
        else delete keyChecks[provider]
        settings.update({ keyChecks })
      },
    },
    clock,
  })
  vault = keys
  const cloud = new CloudProviders({
    key: (provider) => keys.key(provider),
    baseUrl: (provider) => (isProviderId(provider) ? resolveBaseUrl(provider, settings.get().providerBaseUrls, env).override : null),
    servers: () => settings.get().servers,
    priceOverrides: () => settings.get().priceOverrides,
    clock,
    logger,
  })
  const cloudReplies = {
    isCloudModel: (modelId: string) => parseCloudModelId(modelId) !== null,
    generate: (request: Parameters<CloudProviders['generate']>[0]) => cloud.generate(request),
    providerOf: (modelId: string) => parseCloudModelId(modelId)?.provider ?? 'unknown',
    displayName: (modelId: string) => cloud.model(modelId)?.name ?? modelId,
  }
  const downloads = new DownloadManager({
    hub,
    modelsDir,
    clock,
    logger,
    emit: (download) => events.emit('downloads.progress', download),
    onInstalled: () => events.emit('models.changed', {}),
  })
  // Downloads a previous run left unfinished are listed again, paused, ready to resume.
  const restored = downloads.restore().catch((error: unknown) => logger.error('Could not restore downloads', { error: String(error) }))
  engine.onStatus((status) => events.emit('engine.status_changed', status))
  const conversations = new ConversationStore(join(dataDir, 'conversations'), clock, (file, backup) =>
    notify(
      backup
        ? { level: 'warning', message: `Part of a conversation file could not be read; the rest was kept, and a copy of the damaged file is at ${backup}` }
        : { level: 'warning', message: `A conversation file could not be read and was skipped: ${file}` },
    ),
  )
  const routing = createRouting({
    dataDir,
    settings,
    models,
    hardware,
    cloud,
    // A key its provider refused at the last test is not used by Auto until it is tested again.
    hasUsableKey: (provider) => keys.key(provider) !== null && !['invalid', 'no_credit'].includes(settings.get().keyChecks[provider]?.status ?? ''),
    conversations,
    events,
    notify,
    clock,
    logger,
  })
  const chat = new ChatService({
    cloud: cloudReplies,
    conversations,
    models,
    engine,
    router: routing.router,
    usage: routing.usage,
    cache: new ResponseCache(),
    settings,
    events,
    logger,
  })

  const handlers: Handlers = {
    ...cloudHandlers({ settings, vault: keys, cloud, env, vaultInfo: ports.vault ?? { backend: 'key_file', notice: noKeychainNotice(dataDir) } }),
    ...routing.handlers,
    ...modelManagerHandlers({
      settings,
      models,
      catalog: new CatalogService(),
      hardware,
      hub,
      hubToken: {
        get: () => secrets.get(HUB_TOKEN),
        set: (token) => secrets.set(HUB_TOKEN, token),
      },
      downloads,
      engine,
      events,
      modelsDir,
      folderOpener: ports.folderOpener,
      notify,
      logger,
    }),
    'app.info': () => ({
      version: ports.version,
      shell: ports.shell,
      dataDir,
      modelsDir: modelsDir(),
      notices,
      hubUrl: hub.hubUrl(),
      hubUrlFromEnv: Boolean((ports.env ?? process.env).AURA_HF_ENDPOINT),
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const updated = settings.update(patch)
      routing.settingsChanged()
      return updated
    },
    'engine.status': () => engine.status(),
    'engine.unload': async () => {
      await engine.unload()
      return engine.status()
    },
    'conversations.list': ({ query }) => conversations.list(query),
    'conversations.get': ({ id }) => conversations.get(id),
    'conversations.create': (input) => conversations.create(input),
    'conversations.rename': ({ id, title }) => conversations.rename(id, title),
    'conversations.delete': async ({ id }) => {
      chat.stop(id)
      await conversations.delete(id)
      return {}
    },
    'chat.send': (input) => chat.send(input),
    'chat.regenerate': (input) => chat.regenerate(input),
    'chat.stop': ({ conversationId }) => chat.stop(conversationId),
  }

  return {
    dispatch: createDispatcher(handlers, logger),
    onEvent: (listener) => events.on(listener),
    settings,
    models,
    engine,
    cloud: cloudReplies,
    routing,
    modelsDir,
    logger,
    async dispose() {
      await restored
      await downloads.dispose()
      await chat.dispose()
      await conversations.flush()
      await routing.flush()
      await engine.dispose()
      await hardware.dispose()
    },
  }
}
