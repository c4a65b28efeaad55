import { join } from 'node:path'
import { DEFAULT_SETTINGS, type Envelope, type Notice } from '../../shared/api'
import { currentLanguage, pickLanguage, say, setLanguage, terminalLanguages } from '../../shared/i18n'
import { appHandlers } from './app/handlers'
import { CatalogService } from './catalog'
import { catalogHandlers } from './catalog/handlers'
import { Attempts } from './chat/attempts'
import { ChatService, type ReplySignal } from './chat/chatService'
import { ConversationStore } from './chat/conversationStore'
import { ChatSources } from './chat/documents'
import { AssistantStore } from './assistants/assistantStore'
import { assistantHandlers } from './assistants/handlers'
import { chatHandlers } from './chat/handlers'
import { transferHandlers } from './transfer/handlers'
import { createDispatcher, type Handlers } from './dispatch'
import { DocumentsService, documentsHandlers } from './documents'
import { DownloadManager } from './downloads'
import { downloadHandlers } from './downloads/handlers'
import { engineHandlers } from './engine/handlers'
import type { InferenceEngine } from './engine/inferenceEngine'
import { LlamaEngine } from './engine/llamaEngine'
import { EventHub, type EventListener } from './events'
import { FeedbackStore } from './feedback/feedbackStore'
import { ApiSwitch, AppKeys, Gateway } from './gateway'
import { apiHandlers } from './gateway/handlers'
import { feedbackHandlers } from './feedback/handlers'
import { makePrivateDir, tightenDataFolder } from './files'
import { MemoryLog } from './fit/memoryLog'
import { HardwareService } from './hardware'
import { hardwareHandlers } from './hardware/handlers'
import { SpeedupService } from './hardware/speedupService'
import { HubClient } from './hub'
import { McpService, McpStore, mcpHandlers } from './mcp'
import { hubHandlers } from './hub/handlers'
import { defaultModelsDir } from './models/defaultFolder'
import { ModelLibrary } from './models'
import { modelHandlers } from './models/handlers'
import { NetworkLog } from './network'
import { networkHandlers } from './network/handlers'
import { silentLogger, systemClock, type Logger, type Ports } from './ports'
import { CloudProviders, isProviderId, normalizeServerBaseUrl, parseCloudModelId, PROVIDERS, resolveBaseUrl, serverRef } from './providers'
import { providerHandlers } from './providers/handlers'
import { ResponseCache } from './router/cache'
import { createRouter } from './router/createRouter'
import { routerHandlers } from './router/handlers'
import { SettingsService } from './settings/settingsService'
import { settingsHandlers } from './settings/handlers'
import { UsageService } from './usage'
import { usageHandlers } from './usage/handlers'
import { KeyVault, keyFileCipher, noKeychainNotice, redactingLogger, SecretStore, TokenVault } from './vault'

export type { EventListener }

export interface Services {
  /** Validates `input` against the route's schema, runs its handler, and never throws. */
  dispatch(route: string, input: unknown): Promise<Envelope<unknown>>
  /** Every event the services emit; a shell forwards them to its page(s). */
  onEvent(listener: EventListener): () => void
  settings: SettingsService
  engine: InferenceEngine
  /** The fallback loop of every reply (the CLI's `run` goes through it too). */
  attempts: Attempts
  /** The API for other apps (services/gateway): its keys, and the core its listener answers through. */
  apiKeys: AppKeys
  gateway: Gateway
  /** The user's MCP servers (services/mcp): the tools a reply may use (its Toolbox), and their management. */
  mcp: McpService
  /** The documents index (services/documents): collections, background indexing, the search a chat uses (its Library). */
  documents: DocumentsService
  /**
   * From now on, serve the API while `settings.api.enabled` is on (on `settings.api.port`): what the
   * shells that stay up call (the desktop app, `aura serve`), not one-off commands.
   */
  serveApi(): Promise<void>
  /** Reply signals ("the user asked a stronger model"), for what learns from them; returns the unsubscribe. */
  onReplySignal(listener: (signal: ReplySignal) => void): () => void
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
  // Chats, usage, settings and keys are this user's alone (0700 / 0600), also what an older version left.
  makePrivateDir(dataDir)
  tightenDataFolder(dataDir, logger)
  const events = new EventHub()
  const notices: Notice[] = [...(ports.startupNotices ?? [])]
  const notify = (notice: Notice) => {
    notices.push(notice)
    events.emit('app.notice', notice)
  }

  // Until the page says which language it shows (`app.setLanguage`): the setting, else the computer's.
  const computerLanguages = ports.systemLanguages?.() ?? terminalLanguages(env)
  setLanguage(pickLanguage('system', computerLanguages))
  const settings = new SettingsService(ports.settingsStore, notify)
  setLanguage(pickLanguage(settings.get().language, computerLanguages))
  // Every request the services send goes through this log's fetch, with its purpose (Settings → Privacy).
  const network = new NetworkLog({ file: join(dataDir, 'connections.jsonl'), clock, logger, onConnection: (c) => events.emit('network.connected', c) })
  const memoryLog = new MemoryLog(join(dataDir, 'memory-estimates.json'))
  const modelsDir = () => settings.get().modelsDir ?? defaultModelsDir(dataDir)
  const models = new ModelLibrary(modelsDir, { importedModels: () => settings.get().importedModels })
  // The measured thread count (threads: auto) is kept per computer and model across starts.
  const engine: InferenceEngine = ports.engine ?? new LlamaEngine({ logger, cacheDir: join(dataDir, 'cache'), speedupDir: join(dataDir, 'gpu'), memoryLogFile: memoryLog.file })
  const hardware = new HardwareService({ modelsDir, probe: ports.systemProbe, clock, logger, backend: () => engine.backend?.() ?? null, estimateError: () => memoryLog.error() })
  const speedup = new SpeedupService({
    dir: join(dataDir, 'gpu'),
    fetch: network.fetcher('download'),
    backend: async () => (await hardware.profile()).backend,
    onProgress: (progress) => events.emit('hardware.speedupProgress', progress),
    onInstalled: async () => engine.restartBackend?.(),
  })
  const secrets = new SecretStore(dataDir, ports.secretCipher ?? keyFileCipher(join(dataDir, 'secret.key')), {
    now: () => clock.now(),
    onDamaged: (movedTo) => {
      logger.warn('The keys file was damaged and was set aside', { movedTo })
      notify({ level: 'warning', message: say('notices.keysDamaged', { movedTo }) })
    },
  })
  // Read now, so a damaged file is set aside (and the user told) at start, before anything saves over it.
  secrets.names()
  const hubToken = new TokenVault({
    secrets,
    name: HUB_TOKEN,
    address: (): string => hub.hubUrl(),
    ownAddress: () => env.AURA_HF_ENDPOINT?.trim() || DEFAULT_SETTINGS.hubUrl,
  })
  const hub = new HubClient({ hubUrl: () => settings.get().hubUrl, token: (hubUrl): string | null => hubToken.value(hubUrl), env: ports.env, fetcher: network.fetcher })
  /** Where a provider's (or server's) requests go, with the given base URL overrides. */
  const addressOf = (provider: string, overrides: Record<string, string>): string => {
    if (isProviderId(provider)) return resolveBaseUrl(provider, overrides, env).baseUrl
    const server = settings.get().servers.find((candidate) => serverRef(candidate.id) === provider)
    return server ? normalizeServerBaseUrl(server.baseUrl) : ''
  }
  const keys = new KeyVault({
    secrets,
    env,
    address: (provider) => addressOf(provider, settings.get().providerBaseUrls),
    ownAddress: (provider) => addressOf(provider, {}),
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
    key: (provider, baseUrl) => keys.key(provider, baseUrl),
    baseUrl: (provider) => (isProviderId(provider) ? resolveBaseUrl(provider, settings.get().providerBaseUrls, env).override : null),
    servers: () => settings.get().servers,
    priceOverrides: () => settings.get().priceOverrides,
    livePricesFile: join(dataDir, 'openrouter-prices.json'),
    fetcher: network.fetcher,
    clock,
    logger,
  })
  const cloudReplies = {
    isCloudModel: (modelId: string) => parseCloudModelId(modelId) !== null,
    generate: (request: Parameters<CloudProviders['generate']>[0]) => cloud.generate(request),
    providerOf: (modelId: string) => parseCloudModelId(modelId)?.provider ?? 'unknown',
    cost: (modelId: string, usage: { inputTokens: number; outputTokens: number }) => cloud.cost(modelId, usage),
  }
  const downloads = new DownloadManager({
    hub,
    modelsDir,
    fetch: network.fetcher('download'),
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
        ? { level: 'warning', message: say('notices.chatPartDamaged', { backup }) }
        : { level: 'warning', message: say('notices.chatDamaged', { file }) },
    ),
  )
  const usage = new UsageService({ dataDir, settings, cloud, events, notify, clock, logger })
  // What Auto learned from the user's ratings (👍 / 👎, "Ask a stronger model"): Settings → Routing & Budget.
  const feedback = new FeedbackStore(join(dataDir, 'feedback.json'), clock)
  const assistants = new AssistantStore(join(dataDir, 'assistants.json'))
  const router = createRouter({
    settings,
    models,
    hardware,
    cloud,
    // A key its provider refused at the last test is not used by Auto until it is tested again.
    hasUsableKey: (provider) => keys.key(provider) !== null && !['invalid', 'no_credit'].includes(settings.get().keyChecks[provider]?.status ?? ''),
    ledger: usage.ledger,
    clock,
    learned: () => feedback.shifts(),
  })
  const attempts = new Attempts({ cloud: cloudReplies, models, engine, router, usage, cache: new ResponseCache(), settings, logger })
  // Tools through the user's MCP servers; their env and header values are sealed beside the keys.
  const mcp = new McpService({
    store: new McpStore(join(dataDir, 'mcp.json'), secrets),
    version: ports.version,
    logger,
    memoryFile: join(dataDir, 'mcp-memory.jsonl'),
    folderPicker: ports.folderPicker,
    confirmer: ports.confirmer,
    fetch: network.fetcher('mcp_tool'),
    onChange: (servers) => events.emit('mcp.changed', { servers }),
  })
  // Documents indexed on this computer (documents.db): background indexing, keyword + vector search.
  const documents = new DocumentsService({
    file: join(dataDir, 'documents.db'),
    engine,
    models,
    threads: () => settings.get().threads,
    onProgress: (progress) => events.emit('documents.progress', progress),
    onChange: (collections) => events.emit('documents.changed', { collections }),
    logger,
  })
  events.on((event) => {
    if (event === 'models.changed') void documents.modelsChanged()
  })
  // A chat's documents: sources for each turn from the index, the chat kept local unless allowed; a file attached to it is indexed as its own.
  const sources = new ChatSources({
    library: documents,
    settings: () => settings.get(),
    isCloudModel: cloudReplies.isCloudModel,
    dir: join(dataDir, 'documents', 'chats'),
    index: async (path, conversationId) => void (await documents.add([path], { conversationId })),
    forget: (conversationId) => documents.forgetChat(conversationId),
    logger,
  })
  const chat = new ChatService({ attempts, cloud: cloudReplies, conversations, settings, events, logger, toolbox: ports.toolbox ?? mcp, documents: sources })
  // "Try a stronger model" teaches Auto as a 👎 on the answer that was set aside does.
  chat.onSignal(({ taskType, complexity, fromTier, fromModelId }) => {
    if (taskType !== null) feedback.record({ kind: 'escalated', taskType, complexity, tier: fromTier, modelId: fromModelId })
  })

  const apiKeys = new AppKeys(join(dataDir, 'api-keys.json'), clock)
  let apiSwitch: ApiSwitch | null = null

  const handlers: Handlers = {
      ...appHandlers(
        () => ({ version: ports.version, shell: ports.shell, dataDir, modelsDir: modelsDir(), logFile: ports.paths.logFile, hubUrl: hub.hubUrl(), hubUrlFromEnv: Boolean(env.AURA_HF_ENDPOINT) }),
        notices,
      ),
      ...settingsHandlers(settings, () => {
        usage.settingsChanged()
        void apiSwitch?.sync()
      }),
      ...modelHandlers({ settings, models, hardware, downloads, engine, events, modelsDir, folderOpener: ports.folderOpener, folderPicker: ports.folderPicker, logger }),
      ...hardwareHandlers(hardware, speedup),
      ...catalogHandlers({ catalog: new CatalogService(), settings, models, hardware }),
      ...hubHandlers({ hub, token: hubToken }),
      ...downloadHandlers(downloads),
      ...engineHandlers({ engine, models, settings }),
      ...chatHandlers({ conversations, chat, feedback, assistants, documents: sources }),
      ...assistantHandlers({ assistants }),
      ...transferHandlers({ conversations }),
      ...feedbackHandlers({ feedback, router, clock }),
      ...providerHandlers({
        settings,
        vault: keys,
        cloud,
        env,
        vaultInfo: ports.vault ?? { backend: 'key_file', notice: noKeychainNotice(dataDir) },
        estimatedModels: () => usage.estimatedModels(),
      }),
      ...routerHandlers({ router, conversations, settings }),
      ...usageHandlers({ usage, settings, cloud, clock }),
      ...networkHandlers(network),
      ...mcpHandlers(mcp),
      ...documentsHandlers(documents),
      ...apiHandlers({
        keys: apiKeys,
        settings: () => settings.get().api,
        listener: async () => (await apiSwitch?.state()) ?? { url: null, problem: null, network: false, networkUrls: [] },
        spentToday: (name) => gateway.spentToday(name),
      }),
  }
  // The shells' door says errors in the user's language; the API for other apps reads English.
  const dispatch = createDispatcher(handlers, logger, currentLanguage)
  const gateway = new Gateway({ keys: apiKeys, attempts, dispatch: createDispatcher(handlers, logger), settings, records: () => usage.ledger.records(), clock })
  events.on((event) => event === 'models.changed' && gateway.forgetModels())

  return {
    dispatch,
    onEvent: (listener) => events.on(listener),
    settings,
    engine,
    attempts,
    apiKeys,
    gateway,
    mcp,
    documents,
    serveApi() {
      apiSwitch ??= new ApiSwitch({ gateway, settings: () => settings.get().api, logger, onProblem: (message) => notify({ level: 'warning', message }) })
      return apiSwitch.sync()
    },
    onReplySignal: (listener) => chat.onSignal(listener),
    modelsDir,
    logger,
    async dispose() {
      await restored
      await apiSwitch?.close()
      // Every server Aura started stops with it.
      await mcp.close()
      await documents.dispose()
      await downloads.dispose()
      await chat.dispose()
      await conversations.flush()
      await usage.flush()
      await network.flush()
      await engine.dispose()
      await hardware.dispose()
    },
  }
}
