import { z } from 'zod'
import { LANGUAGES } from '../i18n/languages'
import {
  AttachmentsSchema,
  ChatDocumentsSchema,
  DOCUMENT_BASE64_LIMIT,
  ApiStatusSchema,
  ApiTestSchema,
  AppInfoSchema,
  AssistantSchema,
  AppKeyInfoSchema,
  CatalogItemSchema,
  CloudModelSchema,
  KeyStatusSchema,
  LivePricesSchema,
  McpCallResultSchema,
  McpGalleryEntrySchema,
  McpServerSchema,
  ProviderInfoSchema,
  ProviderRefSchema,
  VaultInfoSchema,
  ConversationSchema,
  ConversationSummarySchema,
  DiscoveredModelSchema,
  DownloadSchema,
  EngineStatusSchema,
  ModelSpeedSchema,
  FitEstimateSchema,
  HardwareProfileSchema,
  HubFileSchema,
  HubRepoSchema,
  HubTokenStatusSchema,
  MessageSchema,
  ModelListItemSchema,
  RecommendationSchema,
  SettingsPatchSchema,
  SettingsSchema,
} from './domain'
import { CollectionInfoSchema, DocumentInfoSchema, DocumentsStatusSchema, SearchResultSchema } from './documents'
import { ConnectionSchema } from './network'
import { LearnedSchema, RatingSchema, RouteDecisionSchema, UsageMeterSchema, UsageSummarySchema } from './router'
import { ImportedConversationSchema, MAX_BATCH } from '../chatTransfer'

const Empty = z.object({}).strict()
const Id = z.string().min(1).max(200)
const Title = z.string().trim().min(1).max(200)
/** A chat's or an assistant's instructions (a system prompt). */
const Instructions = z.string().max(20_000)
/** A Hugging Face repo: owner/name. */
const Repo = z.string().regex(/^(?![.-])[\w.-]+\/(?![.-])[\w.-]+$/, 'a Hugging Face repo looks like owner/name').max(200)
/** A file in a repo: no absolute paths, no `..`. */
const RepoFile = z.string().min(1).max(500).regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\]+$/, 'a file inside the repo')
const LocalPath = z.string().min(1).max(4096)
const CollectionName = z.string().trim().min(1).max(100).refine((name) => !name.startsWith('chat:'), 'A collection name cannot start with "chat:".')
/** Where documents go or come from: a collection, or a chat's own documents (`conversationId`). */
const DocumentsTarget = z.object({ collection: CollectionName.optional(), conversationId: Id.optional() })

/**
 * Every procedure Aura's shells expose, named `domain.verb`. Main validates each input with its
 * schema; the renderer's client infers its types from here (type-only).
 */
const AppName = z.string().trim().min(1).max(80)
/** What a key may do: its daily budget (null: only the user's budgets), Local only, its models (empty: all). */
const AppKeyLimits = {
  dailyBudgetUsd: z.number().min(0).max(1_000_000).nullable().optional(),
  localOnly: z.boolean().optional(),
  allowedModels: z.array(z.string().trim().min(1).max(300)).max(200).optional(),
}

/** An MCP server's name, as the user gave it (the model sees it sanitised, in its tools' names). */
const McpName = z.string().trim().min(1).max(40)
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name: letters, digits and _').max(200)
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name such as Authorization').max(200)
const McpCommand = z.string().trim().min(1).max(4096)
const McpArgs = z.array(z.string().max(4096)).max(100)
const McpUrl = z.url({ protocol: /^https?$/ }).max(4096)
const McpServerInput = z
  .object({
    name: McpName,
    command: McpCommand.optional(),
    args: McpArgs.optional(),
    env: z.record(EnvName, z.string().max(20_000)).optional(),
    url: McpUrl.optional(),
    headers: z.record(HeaderName, z.string().max(20_000)).optional(),
  })
  .strict()
  .refine((s) => (s.command === undefined) !== (s.url === undefined), 'give either a command or an address (url), not both')
const McpServerUpdate = z
  .object({
    name: McpName,
    enabled: z.boolean().optional(),
    command: McpCommand.optional(),
    args: McpArgs.optional(),
    env: z.record(EnvName, z.string().max(20_000).nullable()).optional(),
    url: McpUrl.optional(),
    headers: z.record(HeaderName, z.string().max(20_000).nullable()).optional(),
  })
  .strict()

export const procedures = {
  'app.info': { input: Empty, output: AppInfoSchema },
  /** The language the page shows (System already resolved): what the services word their messages in (docs/languages.md). */
  'app.setLanguage': { input: z.object({ language: z.enum(LANGUAGES) }).strict(), output: z.object({}) },

  'settings.get': { input: Empty, output: SettingsSchema },
  /** Not the models folder: only `models.setFolder` moves it, to a folder the user picked (or a verified one). */
  'settings.update': { input: SettingsPatchSchema.omit({ modelsDir: true }), output: SettingsSchema },

  'models.list': { input: Empty, output: z.array(ModelListItemSchema) },
  /** The fit of an installed model at a context size (default: the settings'). */
  'models.fit': {
    input: z.object({ id: Id.max(4096), contextSize: z.number().int().min(256).max(1_048_576).optional() }).strict(),
    output: FitEstimateSchema,
  },
  /** Deletes the model's file(s) from the models folder, or forgets an imported one (its file stays). */
  'models.delete': { input: z.object({ id: Id.max(4096) }).strict(), output: z.object({}) },
  /** Uses a .gguf the user already has, in place (no copy). */
  'models.import': { input: z.object({ path: LocalPath }).strict(), output: ModelListItemSchema },
  /** Models other apps downloaded (LM Studio, Ollama, Jan, GPT4All, the Hugging Face cache). */
  'models.discover': { input: Empty, output: z.array(DiscoveredModelSchema) },
  /** Moves (or just points) the models folder elsewhere. */
  'models.setFolder': {
    input: z.object({ path: LocalPath, moveFiles: z.boolean() }).strict(),
    output: z.object({ modelsDir: z.string(), moved: z.number().int() }),
  },
  /** Opens the system's folder picker (desktop app only); the folder picked, or null when cancelled. */
  'models.chooseFolder': { input: Empty, output: z.object({ path: z.string().nullable() }) },
  'models.openFolder': { input: Empty, output: z.object({}) },

  'hardware.get': { input: Empty, output: HardwareProfileSchema },
  /** The NVIDIA speed-up (docs/gpu.md): downloads node-llama-cpp's CUDA build; progress as `hardware.speedupProgress`. */
  'hardware.installSpeedup': { input: Empty, output: z.object({ installed: z.boolean() }) },

  'catalog.list': {
    input: Empty,
    output: z.object({ items: z.array(CatalogItemSchema), recommendation: RecommendationSchema.nullable() }),
  },

  'hub.search': { input: z.object({ query: z.string().trim().min(1).max(200) }).strict(), output: z.array(HubRepoSchema) },
  'hub.files': { input: z.object({ repo: Repo }).strict(), output: z.array(HubFileSchema) },
  'hub.tokenStatus': { input: Empty, output: HubTokenStatusSchema },
  /** Keeps (encrypted) or, with null, forgets the user's Hugging Face token. */
  'hub.setToken': {
    input: z.object({ token: z.string().trim().regex(/^hf_\w{8,200}$/, 'a Hugging Face token starts with hf_').nullable() }).strict(),
    output: HubTokenStatusSchema,
  },
  /** The user agreed to send the saved token to the Hub address now in use (the page showed both hosts). */
  'hub.confirmTokenAddress': { input: Empty, output: HubTokenStatusSchema },

  'downloads.list': { input: Empty, output: z.array(DownloadSchema) },
  'downloads.start': {
    input: z.object({ repo: Repo, file: RepoFile }).strict(),
    output: DownloadSchema,
  },
  'downloads.pause': { input: z.object({ id: Id }).strict(), output: DownloadSchema },
  'downloads.resume': { input: z.object({ id: Id }).strict(), output: DownloadSchema },
  'downloads.cancel': { input: z.object({ id: Id }).strict(), output: DownloadSchema },

  'engine.status': { input: Empty, output: EngineStatusSchema },
  'engine.unload': { input: Empty, output: EngineStatusSchema },
  /** Unit-length vectors for texts, from an installed model for documents (embeddings); for the CLI and the API. */
  'engine.embed': {
    input: z.object({ modelId: z.string().min(1).max(1000), texts: z.array(z.string().max(1_000_000)).min(1).max(4096) }).strict(),
    output: z.object({ vectors: z.array(z.array(z.number())), dimensions: z.number().int(), tokens: z.number().int() }),
  },

  'conversations.list': {
    input: z.object({ query: z.string().max(500).optional() }).strict(),
    output: z.array(ConversationSummarySchema),
  },
  'conversations.get': { input: z.object({ id: Id }).strict(), output: ConversationSchema },
  'conversations.create': {
    /** `assistantId`: start from an assistant (its instructions, temperature and model, unless `modelId` or `instructions` is given). */
    input: z.object({ title: Title.optional(), modelId: Id.nullable().optional(), instructions: Instructions.optional(), assistantId: Id.optional() }).strict(),
    output: ConversationSchema,
  },
  /** The chat's instructions (a system prompt) sent before its messages; '' for none. */
  'conversations.setInstructions': {
    input: z.object({ id: Id, instructions: Instructions }).strict(),
    output: ConversationSchema,
  },
  /** Shows another version of a turn (‹ 2/3 ›): the branch through `messageId`. */
  'conversations.showVersion': {
    input: z.object({ id: Id, messageId: Id }).strict(),
    output: ConversationSchema,
  },
  /** The documents the chat searches (collections, its own files) and whether it may use the cloud. */
  'conversations.setDocuments': {
    input: z.object({ id: Id, documents: ChatDocumentsSchema }).strict(),
    output: ConversationSchema,
  },
  /** A file for this chat's documents (a PDF, .docx, or text too big for the prompt): kept in Aura's data folder and indexed. */
  'conversations.attachDocument': {
    input: z.object({ id: Id, name: z.string().min(1).max(255), base64: z.string().min(1).max(DOCUMENT_BASE64_LIMIT) }).strict(),
    output: ConversationSchema,
  },
  /** Deletes a message with the messages after it in its branch; the newest other version of it takes its place. */
  'conversations.deleteMessage': {
    input: z.object({ id: Id, messageId: Id }).strict(),
    output: ConversationSchema,
  },

  /** Assistants: Aura's built-ins (read-only) and the user's own presets for new chats. */
  'assistants.list': { input: Empty, output: z.array(AssistantSchema) },
  /** Creates an assistant (no `id`) or changes one of the user's own. */
  'assistants.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1, 'Give the assistant a name.').max(60),
        description: z.string().trim().max(200),
        instructions: Instructions,
        modelId: Id.nullable(),
        temperature: z.number().min(0).max(2).nullable(),
      })
      .strict(),
    output: AssistantSchema,
  },
  'assistants.delete': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  'conversations.rename': {
    input: z.object({ id: Id, title: Title }).strict(),
    output: ConversationSummarySchema,
  },
  'conversations.delete': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  /** Chats read from an export (chatTransfer.ts), added as new conversations; one batch per call. */
  'transfer.importChats': {
    input: z.object({ conversations: z.array(ImportedConversationSchema).min(1).max(MAX_BATCH) }).strict(),
    output: z.object({ ids: z.array(z.string()) }),
  },

  'providers.list': { input: Empty, output: z.array(ProviderInfoSchema) },
  /** Base URL for a provider (self-hosted gateways, tests); null restores the provider's own. */
  'providers.setBaseUrl': {
    input: z.object({ provider: ProviderRefSchema, baseUrl: z.url({ protocol: /^https?$/ }).nullable() }).strict(),
    output: ProviderInfoSchema,
  },
  /** Keeps a key, encrypted; the page never sees it again (only its last 4 characters). */
  'keys.set': {
    input: z.object({ provider: ProviderRefSchema, key: z.string().trim().min(8).max(500).regex(/^\S+$/, 'a key has no spaces') }).strict(),
    output: KeyStatusSchema,
  },
  /** The cheapest authenticated call (e.g. listing models), its result in plain words. */
  'keys.test': { input: z.object({ provider: ProviderRefSchema }).strict(), output: KeyStatusSchema },
  /** The user agreed to send a saved key to the provider's new address (the page showed both hosts). */
  'keys.confirmAddress': { input: z.object({ provider: ProviderRefSchema }).strict(), output: KeyStatusSchema },
  /** Erases the key. */
  'keys.remove': { input: z.object({ provider: ProviderRefSchema }).strict(), output: ProviderInfoSchema },
  'vault.info': { input: Empty, output: VaultInfoSchema },
  /** Adds an OpenAI-compatible server (a base URL, an optional key). */
  'servers.add': {
    input: z.object({ name: z.string().trim().min(1).max(80), baseUrl: z.url({ protocol: /^https?$/ }), key: z.string().trim().min(1).max(500).optional(), private: z.boolean().optional() }).strict(),
    output: ProviderInfoSchema,
  },
  'servers.remove': { input: z.object({ id: z.string().regex(/^server\.[a-z0-9-]{1,40}$/) }).strict(), output: z.object({}) },
  /** Marks a network server private (trusted like this computer: Local only may use it) or not. */
  'servers.setPrivate': { input: z.object({ id: z.string().regex(/^server\.[a-z0-9-]{1,40}$/), private: z.boolean() }).strict(), output: ProviderInfoSchema },
  /** Cloud models of providers with a working key, and the models of added servers. */
  'cloud.models': { input: Empty, output: z.array(CloudModelSchema) },
  /** Edits a model's price (null restores the table's). */
  'prices.set': {
    input: z
      .object({ modelId: z.string().min(3).max(300), price: z.object({ inputPerMTokens: z.number().min(0).max(10_000), outputPerMTokens: z.number().min(0).max(10_000) }).strict().nullable() })
      .strict(),
    output: CloudModelSchema,
  },
  /** OpenRouter's live price list in use: its date and size. */
  'prices.live': { input: Empty, output: LivePricesSchema },
  /** Fetches OpenRouter's live price list now. */
  'prices.refresh': { input: Empty, output: LivePricesSchema },

  /** The route Auto would take for a message, without running a model. */
  'router.preview': {
    input: z.object({ text: z.string().trim().min(1).max(200_000), conversationId: Id.optional(), modelId: Id.optional() }).strict(),
    output: RouteDecisionSchema,
  },
  'usage.meter': { input: Empty, output: UsageMeterSchema },
  'usage.summary': { input: Empty, output: UsageSummarySchema },
  /** Each model's writing speed measured here (the chat's model picker). */
  'usage.speeds': { input: Empty, output: z.array(ModelSpeedSchema) },
  /** The whole ledger as a file's content, for the page to save. */
  'usage.export': {
    input: z.object({ format: z.enum(['jsonl', 'csv']) }).strict(),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
  },

  /** Every request Aura sent over the network (kept on this computer, the newest first): Settings → Privacy. */
  'network.connections': { input: Empty, output: z.array(ConnectionSchema) },

  'chat.send': {
    /** `modelId` may be `auto`. `confirmCost`: the user saw the cost estimate and agreed. */
    input: z
      .object({ conversationId: Id, text: z.string().trim().min(1).max(200_000), modelId: Id, confirmCost: z.boolean().optional(), attachments: AttachmentsSchema.optional() })
      .strict(),
    output: z.object({ userMessage: MessageSchema, assistantMessage: MessageSchema }),
  },
  'chat.regenerate': {
    /**
     * A new version of a reply (the last one, or `messageId`); the earlier one stays one ‹ › away.
     * `loadAnyway`: load a model whose memory estimate exceeds this computer (the user chose to).
     */
    input: z.object({ conversationId: Id, modelId: Id, messageId: Id.optional(), loadAnyway: z.boolean().optional(), confirmCost: z.boolean().optional() }).strict(),
    output: z.object({ assistantMessage: MessageSchema }),
  },
  /** Sends an edited copy of a message the user wrote as a new version of that turn; the earlier branch stays one ‹ › away. */
  'chat.edit': {
    input: z.object({ conversationId: Id, messageId: Id, text: z.string().trim().min(1).max(200_000), modelId: Id, confirmCost: z.boolean().optional() }).strict(),
    output: z.object({ userMessage: MessageSchema, assistantMessage: MessageSchema }),
  },
  'chat.escalate': {
    /** "Try a stronger model": the reply is asked again of the next stronger tier; the earlier answer stays with it, set aside. */
    input: z.object({ conversationId: Id, messageId: Id, confirmCost: z.boolean().optional() }).strict(),
    output: z.object({ assistantMessage: MessageSchema }),
  },
  'chat.stop': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
  /**
   * The user's answer to a tool call waiting for permission (docs/tools.md): `deny`; `once`; `chat`:
   * allowed for the rest of this chat; `always`: never asked again (the tool's permission).
   */
  'chat.answerTool': {
    input: z.object({ askId: Id, answer: z.enum(['deny', 'once', 'chat', 'always']) }).strict(),
    output: z.object({}),
  },
  /** 👍 / 👎 on a reply (null takes it back): kept on the message, and Auto learns from it. */
  'chat.rate': {
    input: z.object({ conversationId: Id, messageId: Id, rating: RatingSchema.nullable() }).strict(),
    output: MessageSchema,
  },
  /** What Auto learned from the ratings, in plain words (Settings → Routing & Budget). */
  'feedback.learned': { input: Empty, output: LearnedSchema },
  /** Forgets what Auto learned: it decides as before any rating. */
  'feedback.reset': { input: Empty, output: LearnedSchema },

  /** Connect apps (docs/api.md): whether the API is on and where; the apps' keys. */
  'api.status': { input: Empty, output: ApiStatusSchema },
  'api.keys': { input: Empty, output: z.array(AppKeyInfoSchema) },
  /** A key for an app: `key` is shown this once (Aura keeps only its hash). */
  'api.createKey': {
    input: z.object({ name: AppName, ...AppKeyLimits }).strict(),
    output: z.object({ key: z.string(), app: AppKeyInfoSchema }),
  },
  /** Changes a key's daily budget, Local only or models, from the app's next request on. */
  'api.updateKey': { input: z.object({ name: AppName, ...AppKeyLimits }).strict(), output: AppKeyInfoSchema },
  'api.revokeKey': { input: z.object({ name: AppName }).strict(), output: z.object({}) },
  /** A short real request to the running listener (model auto) with a key of this process only: the answer, who answered, how long. */
  'api.test': { input: Empty, output: ApiTestSchema },

  /** Tools through MCP servers (docs/tools.md). `start`: also start the enabled servers that are not running (in the background; `mcp.changed` follows). */
  'mcp.servers': { input: z.object({ start: z.boolean().optional() }).strict(), output: z.array(McpServerSchema) },
  /** Adds a server: a command to start (stdio) or an address (Streamable HTTP). It starts when first needed. */
  'mcp.add': { input: McpServerInput, output: McpServerSchema },
  /** Changes a server: `env` / `headers` name what changes (a value sets it, null removes it; names left out stay). Restarts it when it runs. */
  'mcp.update': { input: McpServerUpdate, output: McpServerSchema },
  'mcp.remove': { input: z.object({ name: McpName }).strict(), output: z.object({}) },
  /** Starts a server (when not running) and waits until it runs or fails; `restart` stops it first. */
  'mcp.start': { input: z.object({ name: McpName, restart: z.boolean().optional() }).strict(), output: McpServerSchema },
  /** Turns a tool on or off, or sets its permission. */
  'mcp.setTool': {
    input: z.object({ server: McpName, tool: z.string().min(1).max(200), enabled: z.boolean().optional(), permission: z.enum(['ask', 'always']).optional() }).strict(),
    output: McpServerSchema,
  },
  /** Runs a tool now (the CLI's `aura mcp call`), starting its server when needed. */
  'mcp.call': {
    input: z.object({ server: McpName, tool: z.string().min(1).max(200), args: z.record(z.string(), z.unknown()) }).strict(),
    output: McpCallResultSchema,
  },
  /** Well-known servers, with what each needs and whether it is here. */
  'mcp.gallery': { input: Empty, output: z.array(McpGalleryEntrySchema) },
  /** Adds a gallery server; the files server works on `folder` (or one picked in the system's dialog where there is one). */
  'mcp.addFromGallery': {
    input: z.object({ id: z.string().min(1).max(40), name: McpName.optional(), folder: LocalPath.optional() }).strict(),
    output: McpServerSchema,
  },

  /** Documents (docs/documents.md): collections, with their documents' counts and indexing progress. */
  'documents.collections': { input: Empty, output: z.array(CollectionInfoSchema) },
  /** A collection that follows a folder: its files are indexed in the background (`documents.progress`), and again when they change. */
  'documents.addCollection': { input: z.object({ name: CollectionName, folder: LocalPath }).strict(), output: CollectionInfoSchema },
  /** Removes a collection from the index (the files themselves stay). */
  'documents.removeCollection': { input: z.object({ name: CollectionName }).strict(), output: z.object({}) },
  /** Adds files (or every readable file in folders) to a collection (made when new) or to a chat's own documents; indexed in the background. */
  'documents.add': { input: DocumentsTarget.extend({ paths: z.array(LocalPath).min(1).max(10_000) }).strict(), output: z.array(DocumentInfoSchema) },
  /** The documents of a collection, of a chat, or all (neither given). */
  'documents.list': { input: DocumentsTarget.strict(), output: z.array(DocumentInfoSchema) },
  /** Removes files from the index (from one collection or chat, or from all). */
  'documents.remove': { input: DocumentsTarget.extend({ paths: z.array(LocalPath).min(1).max(10_000) }).strict(), output: z.object({ removed: z.number().int() }) },
  /** The passages that best answer a query, best first: keyword (BM25) and vectors fused, or keyword only without a model for documents. */
  'documents.search': {
    input: z
      .object({
        query: z.string().min(1).max(10_000),
        scope: z.object({ collections: z.array(CollectionName).max(100).optional(), files: z.array(LocalPath).max(10_000).optional(), conversationId: Id.optional() }).strict(),
        limit: z.number().int().min(1).max(100).default(8),
      })
      .strict(),
    output: SearchResultSchema,
  },
  /** The model for documents in use (null: keyword search only) and how much of the index has vectors. */
  'documents.status': { input: Empty, output: DocumentsStatusSchema },
} as const

export type Procedures = typeof procedures
export type ProcedureName = keyof Procedures
export type ProcedureInput<R extends ProcedureName> = z.input<Procedures[R]['input']>
export type ProcedureOutput<R extends ProcedureName> = z.infer<Procedures[R]['output']>
export const procedureNames = Object.keys(procedures) as ProcedureName[]
export const isProcedureName = (name: unknown): name is ProcedureName =>
  typeof name === 'string' && Object.hasOwn(procedures, name)
