import { z } from 'zod'
import { AuraErrorShapeSchema } from './errors'
import { DEFAULT_MODEL_NAMES, type ModelNameRule } from '../modelNames'
import { webOrigin } from '../webOrigin'
import { DOCUMENT_ATTACH_BYTES } from '../attachments'
import { AUTO_MODEL_ID, MessageRouteSchema, RatingSchema } from './router'

export const ThreadsSchema = z.union([z.literal('auto'), z.number().int().min(1).max(256)])
export type Threads = z.infer<typeof ThreadsSchema>

/** A rule for a model name an app asks for and Aura does not have (shared/modelNames.ts, gateway/modelNames.ts). */
export const ModelNameRuleSchema = z.object({ pattern: z.string().trim().min(1).max(200), target: z.string().trim().min(1).max(300) }) satisfies z.ZodType<ModelNameRule>
export { DEFAULT_MODEL_NAMES, type ModelNameRule }

const settingsFields = {
  /** null = `<data dir>/models` */
  modelsDir: z.string().min(1).nullable(),
  threads: ThreadsSchema,
  contextSize: z.number().int().min(256).max(131072),
  /** How the engine stores a conversation's memory (the KV cache): `auto` = f16 unless memory is short, then q8_0. */
  kvCacheType: z.enum(['auto', 'f16', 'q8_0']),
  maxTokens: z.number().int().min(1).max(32768),
  temperature: z.number().min(0).max(2),
  /**
   * Per local model id: its own context size and temperature over the two above, and how it is loaded
   * (layers on the graphics card, KV type, flash attention); an absent field is Automatic (shared/modelDefaults.ts).
   */
  modelDefaults: z.record(
    z.string(),
    z
      .object({
        contextSize: z.number().int().min(256).max(131072).optional(),
        temperature: z.number().min(0).max(2).optional(),
        gpuLayers: z.number().int().min(0).max(1000).optional(),
        kvCacheType: z.enum(['f16', 'q8_0']).optional(),
        flashAttention: z.boolean().optional(),
      })
      .strict(),
  ),
  /** The model picked last; a new conversation starts with it. */
  lastModelId: z.string().nullable(),
  /** Where models are downloaded from (`AURA_HF_ENDPOINT` overrides it). */
  hubUrl: z.url({ protocol: /^https?$/ }),
  /** .gguf files used in place, outside the models folder (imported from other apps). */
  importedModels: z.array(z.string().min(1)).max(1000),
  /** The first-run suggestion was answered (downloaded or dismissed). */
  onboardingDone: z.boolean(),
  /** Per provider id: a base URL replacing the provider's own (`AURA_<PROVIDER>_BASE_URL` overrides it). */
  providerBaseUrls: z.record(z.string(), z.url({ protocol: /^https?$/ })),
  /** Per cloud model id: prices the user edited, USD per million tokens. */
  priceOverrides: z.record(z.string(), z.object({ inputPerMTokens: z.number().min(0), outputPerMTokens: z.number().min(0) })),
  /** OpenAI-compatible servers the user added (Ollama, LM Studio, vLLM, llama.cpp server, …). */
  servers: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/),
        name: z.string().min(1).max(80),
        baseUrl: z.url({ protocol: /^https?$/ }),
        /** The user trusts this network server like this computer: Local only may use it. */
        private: z.boolean().default(false),
      }),
    )
    .max(50),
  /** The last key test per provider (never the key itself). */
  keyChecks: z.record(z.string(), z.object({ status: z.string(), message: z.string().nullable(), lastTestedAt: z.number() })),

  // Routing & Budget
  /** Local only: nothing leaves this computer (Auto picks among local models; cloud models are refused). */
  localOnly: z.boolean(),
  /** Moderate requests go to the cloud rather than the best local model. */
  preferQuality: z.boolean(),
  /** The local models Auto uses for quick and for harder requests; null = Aura picks (smallest / best that fits). */
  fastModelId: z.string().nullable(),
  qualityModelId: z.string().nullable(),
  /** The cloud model Auto uses; null = Aura picks one for the task among the keys you have. */
  autoCloudModelId: z.string().nullable(),
  /** Below this quality score (0–1) Auto asks the next model. */
  qualityThreshold: z.number().min(0).max(1),
  /** Whether Auto asks the next model when an answer looks weak (both answers stay visible). */
  retryWeakAnswers: z.boolean(),
  /** Show a reasoning model's thoughts (folded above its answer); off hides them (they are still kept). */
  showThoughts: z.boolean(),
  /** ISO 4217 code the budget and costs are shown in, and how many of it one US dollar buys. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  currencyPerUsd: z.number().positive().max(1_000_000),
  /** Spending limits in `currency`; null = no limit. */
  dailyBudget: z.number().min(0).max(1_000_000).nullable(),
  monthlyBudget: z.number().min(0).max(10_000_000).nullable(),
  /** Share of a budget at which Aura warns (0.8 = 80%). */
  budgetWarnShare: z.number().min(0.05).max(1),
  /** A request estimated above this (in `currency`) asks first; null = never ask. */
  confirmCostAbove: z.number().min(0).max(1_000_000).nullable(),
  /** Requests per provider per minute and per day, unless set for the provider. */
  rateLimitPerMinute: z.number().int().min(1).max(100_000),
  rateLimitPerDay: z.number().int().min(1).max(10_000_000),
  providerRateLimits: z.record(z.string(), z.object({ perMinute: z.number().int().min(1).max(100_000), perDay: z.number().int().min(1).max(10_000_000) })),
  /** Exact-match response cache: off, only for replies at temperature 0, or always. */
  responseCache: z.enum(['off', 'deterministic', 'always']),
  /** Savings = what the same tokens would have cost on this cloud model, minus what they did cost. */
  savingsBaselineModelId: z.string().min(3),

  // Connect apps (the API for other apps, services/gateway): off until the user turns it on.
  /**
   * Let other apps use Aura through its OpenAI-compatible API on 127.0.0.1:`port`. `modelNames`: what
   * a model name Aura does not have means, first rule that matches wins (gateway/modelNames.ts).
   * `network`: also from other computers on the local network. `corsOrigins`: web pages that may call
   * it from a browser (empty: none, no CORS headers at all).
   */
  api: z.object({
    enabled: z.boolean(),
    port: z.number().int().min(1024).max(65535),
    network: z.boolean().default(false),
    corsOrigins: z
      .array(z.string().refine((text) => webOrigin(text) === text, 'A web page’s address is its scheme, name and port, such as http://localhost:5173 — no path and no slash at the end.'))
      .max(20)
      .default([]),
    // Settings saved before the rules existed keep their switch and port.
    modelNames: z.array(ModelNameRuleSchema).max(100).default([...DEFAULT_MODEL_NAMES]),
  }),

  // Appearance
  /** Light, Dark, or System (follows the OS, live). */
  theme: z.enum(['system', 'light', 'dark']),
  /** The page's language: System follows the computer's languages (English when none fits). */
  language: z.enum(['system', 'en', 'es', 'zh-CN']),
  /** The chat list was hidden on a wide window (narrow windows always fold it away). */
  sidebarCollapsed: z.boolean(),
}

export const DEFAULT_SETTINGS = {
  modelsDir: null,
  threads: 'auto',
  contextSize: 4096,
  kvCacheType: 'auto',
  maxTokens: 1024,
  temperature: 0.7,
  modelDefaults: {},
  lastModelId: AUTO_MODEL_ID,
  hubUrl: 'https://huggingface.co',
  importedModels: [],
  onboardingDone: false,
  providerBaseUrls: {},
  priceOverrides: {},
  servers: [],
  keyChecks: {},
  localOnly: false,
  preferQuality: false,
  fastModelId: null,
  qualityModelId: null,
  autoCloudModelId: null,
  qualityThreshold: 0.7,
  retryWeakAnswers: true,
  showThoughts: true,
  currency: 'USD',
  currencyPerUsd: 1,
  dailyBudget: 1,
  monthlyBudget: 20,
  budgetWarnShare: 0.8,
  confirmCostAbove: 0.25,
  rateLimitPerMinute: 10,
  rateLimitPerDay: 100,
  providerRateLimits: {},
  responseCache: 'deterministic',
  savingsBaselineModelId: 'openai:gpt-6.1-terra',
  api: {
    enabled: false,
    port: 4891,
    network: false,
    corsOrigins: [],
    // Clients' small models run background chores (titles, summaries): a local model does them for free.
    modelNames: [...DEFAULT_MODEL_NAMES],
  },
  theme: 'system',
  language: 'system',
  sidebarCollapsed: false,
} as const satisfies { [K in keyof typeof settingsFields]: z.infer<(typeof settingsFields)[K]> }

/** Settings with their defaults: a missing or invalid field falls back to its default. */
export const SettingsSchema = z.object({
  modelsDir: settingsFields.modelsDir.default(DEFAULT_SETTINGS.modelsDir),
  threads: settingsFields.threads.default(DEFAULT_SETTINGS.threads),
  contextSize: settingsFields.contextSize.default(DEFAULT_SETTINGS.contextSize),
  kvCacheType: settingsFields.kvCacheType.default(DEFAULT_SETTINGS.kvCacheType),
  maxTokens: settingsFields.maxTokens.default(DEFAULT_SETTINGS.maxTokens),
  temperature: settingsFields.temperature.default(DEFAULT_SETTINGS.temperature),
  modelDefaults: settingsFields.modelDefaults.default({}),
  lastModelId: settingsFields.lastModelId.default(DEFAULT_SETTINGS.lastModelId),
  hubUrl: settingsFields.hubUrl.default(DEFAULT_SETTINGS.hubUrl),
  importedModels: settingsFields.importedModels.default([]),
  onboardingDone: settingsFields.onboardingDone.default(DEFAULT_SETTINGS.onboardingDone),
  providerBaseUrls: settingsFields.providerBaseUrls.default({}),
  priceOverrides: settingsFields.priceOverrides.default({}),
  servers: settingsFields.servers.default([]),
  keyChecks: settingsFields.keyChecks.default({}),
  localOnly: settingsFields.localOnly.default(DEFAULT_SETTINGS.localOnly),
  preferQuality: settingsFields.preferQuality.default(DEFAULT_SETTINGS.preferQuality),
  fastModelId: settingsFields.fastModelId.default(DEFAULT_SETTINGS.fastModelId),
  qualityModelId: settingsFields.qualityModelId.default(DEFAULT_SETTINGS.qualityModelId),
  autoCloudModelId: settingsFields.autoCloudModelId.default(DEFAULT_SETTINGS.autoCloudModelId),
  qualityThreshold: settingsFields.qualityThreshold.default(DEFAULT_SETTINGS.qualityThreshold),
  retryWeakAnswers: settingsFields.retryWeakAnswers.default(DEFAULT_SETTINGS.retryWeakAnswers),
  showThoughts: settingsFields.showThoughts.default(DEFAULT_SETTINGS.showThoughts),
  currency: settingsFields.currency.default(DEFAULT_SETTINGS.currency),
  currencyPerUsd: settingsFields.currencyPerUsd.default(DEFAULT_SETTINGS.currencyPerUsd),
  dailyBudget: settingsFields.dailyBudget.default(DEFAULT_SETTINGS.dailyBudget),
  monthlyBudget: settingsFields.monthlyBudget.default(DEFAULT_SETTINGS.monthlyBudget),
  budgetWarnShare: settingsFields.budgetWarnShare.default(DEFAULT_SETTINGS.budgetWarnShare),
  confirmCostAbove: settingsFields.confirmCostAbove.default(DEFAULT_SETTINGS.confirmCostAbove),
  rateLimitPerMinute: settingsFields.rateLimitPerMinute.default(DEFAULT_SETTINGS.rateLimitPerMinute),
  rateLimitPerDay: settingsFields.rateLimitPerDay.default(DEFAULT_SETTINGS.rateLimitPerDay),
  providerRateLimits: settingsFields.providerRateLimits.default({}),
  responseCache: settingsFields.responseCache.default(DEFAULT_SETTINGS.responseCache),
  savingsBaselineModelId: settingsFields.savingsBaselineModelId.default(DEFAULT_SETTINGS.savingsBaselineModelId),
  api: settingsFields.api.default(DEFAULT_SETTINGS.api),
  theme: settingsFields.theme.default(DEFAULT_SETTINGS.theme),
  language: settingsFields.language.default(DEFAULT_SETTINGS.language),
  sidebarCollapsed: settingsFields.sidebarCollapsed.default(DEFAULT_SETTINGS.sidebarCollapsed),
})
export type Settings = z.infer<typeof SettingsSchema>
/** Only the fields given; built from the fields without defaults, so a patch never resets the others. */
export const SettingsPatchSchema = z.object(settingsFields).partial().strict()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

export const InstalledModelSchema = z.object({
  /** Path relative to the models folder, without `.gguf` (e.g. `stories260K`, `qwen/Qwen3-4B-Q4_K_M`). */
  id: z.string(),
  name: z.string(),
  file: z.string(),
  sizeBytes: z.number(),
  architecture: z.string().nullable(),
  /** Parameter count when the file tells it (e.g. 260_000), else null. */
  parameters: z.number().nullable(),
  contextLength: z.number().nullable(),
  quantization: z.string().nullable(),
  hasChatTemplate: z.boolean(),
  /** A model for documents (embeddings), not for chat: never offered to chat with. */
  embedding: z.boolean().optional(),
  /** Set when the file cannot be used: a plain-words reason. */
  problem: z.string().nullable(),
})
export type InstalledModel = z.infer<typeof InstalledModelSchema>

/** How fast a model wrote on this computer (from the usage ledger): the median of its recent replies. */
export const ModelSpeedSchema = z.object({ modelId: z.string(), tokensPerSecond: z.number(), replies: z.number().int() })
export type ModelSpeed = z.infer<typeof ModelSpeedSchema>

export const EngineStatusSchema = z.object({
  state: z.enum(['idle', 'loading', 'ready', 'generating']),
  modelId: z.string().nullable(),
  threads: z.number().int().nullable(),
})
export type EngineStatus = z.infer<typeof EngineStatusSchema>

/** Where a reply being made is: see the `chat.phase` event. */
export const ReplyPhaseSchema = z.enum(['loading', 'reading', 'thinking', 'writing'])
export type ReplyPhase = z.infer<typeof ReplyPhaseSchema>

export const GenerationStatsSchema = z.object({
  /** Tokens written. */
  tokens: z.number().int(),
  tokensPerSecond: z.number(),
  timeToFirstTokenMs: z.number(),
  /** Tokens read (the prompt), when the model reports it (cloud replies do). */
  inputTokens: z.number().int().nullable().optional(),
  /** What the reply cost, in US dollars, from its real usage and the price table; 0 for local models. */
  costUsd: z.number().nullable().optional(),
  /** The cost was counted at a stand-in price (the model's price is unknown). */
  costEstimated: z.boolean().optional(),
  /** Of inputTokens, those the provider read from / wrote to its prompt cache; of tokens, the reasoning ones (when reported). */
  cacheReadTokens: z.number().int().optional(),
  cacheWriteTokens: z.number().int().optional(),
  reasoningTokens: z.number().int().optional(),
  /** The earliest messages of the conversation the model did not read (they did not fit its window). */
  leftOutMessages: z.number().int().optional(),
})
export type GenerationStats = z.infer<typeof GenerationStatsSchema>

export const MessageStatusSchema = z.enum(['streaming', 'done', 'stopped', 'error', 'interrupted'])
export type MessageStatus = z.infer<typeof MessageStatusSchema>

/** What a reasoning model thought before it answered: kept with the reply, never sent back to a model. */
export const ThoughtsSchema = z.object({
  text: z.string(),
  /** From the first thought to the first word of the answer (or the end). */
  ms: z.number().min(0),
})
export type Thoughts = z.infer<typeof ThoughtsSchema>

/**
 * Limits of the text files attached to a message (read in the page, sent as text): 1 MiB a file and
 * 2 MiB in all, so a message with its files stays well under the browser bridge's 4 MiB per message.
 */
export const ATTACHMENT_LIMITS = { files: 10, chars: 1_048_576, totalChars: 2_097_152 } as const

/** A text file attached to a user's message: its text goes into the prompt after the message. */
export const AttachmentSchema = z.object({
  name: z.string().min(1).max(255),
  /** The file's size on disk, in bytes. */
  size: z.number().int().min(0),
  text: z.string().max(ATTACHMENT_LIMITS.chars),
})
export type Attachment = z.infer<typeof AttachmentSchema>
export const AttachmentsSchema = z
  .array(AttachmentSchema)
  .max(ATTACHMENT_LIMITS.files)
  .refine((files) => files.reduce((sum, file) => sum + file.text.length, 0) <= ATTACHMENT_LIMITS.totalChars, 'The attached files add up to more than 2 MiB of text.')

/**
 * Where a tool call of a reply is: waiting for the user's yes (`asking`), running, finished (`done`),
 * the tool's error went back to the model (`failed`), the user said no (`denied`), or Stop ended it.
 */
export const ToolCallStateSchema = z.enum(['asking', 'running', 'done', 'failed', 'denied', 'stopped'])
export type ToolCallState = z.infer<typeof ToolCallStateSchema>

/** A tool a reply called (docs/tools.md): kept on the message, shown as a card. `result` is untrusted text, never HTML. */
export const MessageToolCallSchema = z.object({
  /** The model's id for the call. */
  id: z.string(),
  /** The MCP server's name as the user gave it, and the tool's own name on it. */
  server: z.string(),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  state: ToolCallStateSchema,
  /** What went back to the model (the tool's text, its error, or why it did not run); null while asking or running. */
  result: z.string().nullable(),
  /** The result was cut to the size cap. */
  truncated: z.boolean(),
  /** How long the tool ran; null when it did not run. */
  ms: z.number().min(0).nullable(),
  /** While `asking`: the id `chat.answerTool` answers. */
  askId: z.string().optional(),
})
export type MessageToolCall = z.infer<typeof MessageToolCallSchema>

/** A passage of the user's documents a reply was given to cite as [n] (docs/documents.md "In a chat"). */
export const SourceSchema = z.object({
  /** Its number in the reply: [1] is the first. */
  n: z.number().int().min(1),
  /** The file's absolute path, and the name shown (the document's title, else the file name). */
  path: z.string(),
  title: z.string(),
  page: z.number().int().min(1).optional(),
  heading: z.string().optional(),
  text: z.string(),
})
export type Source = z.infer<typeof SourceSchema>

/** A file for a chat's documents as base64 (shared/attachments.ts DOCUMENT_ATTACH_BYTES). */
export const DOCUMENT_BASE64_LIMIT = Math.ceil(DOCUMENT_ATTACH_BYTES / 3) * 4

/** The documents a chat searches each turn, and whether its replies may go to the cloud. */
export const ChatDocumentsSchema = z.object({
  /** Collections by name (Settings → Documents). */
  collections: z.array(z.string().min(1).max(200)).max(100),
  /** Files attached to this chat (absolute paths), indexed for it alone. */
  files: z.array(z.string().min(1).max(4096)).max(1000),
  /** "Allow cloud models for this chat's documents": off, Auto keeps the chat on this computer. */
  allowCloud: z.boolean(),
})
export type ChatDocuments = z.infer<typeof ChatDocumentsSchema>

export const MessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  createdAt: z.number(),
  status: MessageStatusSchema,
  modelId: z.string().nullable(),
  error: AuraErrorShapeSchema.nullable(),
  stats: GenerationStatsSchema.nullable(),
  /** How the reply was routed (absent on user messages and on replies from before routing). */
  route: MessageRouteSchema.nullable().optional(),
  /** The user's 👍 / 👎 on a reply (absent or null: not rated). */
  rating: RatingSchema.nullable().optional(),
  /** A reasoning model's thoughts before this reply (absent: none). */
  thoughts: ThoughtsSchema.optional(),
  /** Text files attached to a user's message. */
  attachments: AttachmentsSchema.optional(),
  /** The tools a reply called, in order (absent: none). */
  toolCalls: z.array(MessageToolCallSchema).optional(),
  /** The passages of the user's documents a reply was given, numbered as it cites them (absent: none). */
  sources: z.array(SourceSchema).optional(),
  /**
   * The message this one follows (null: the chat's first). Versions of a turn (a regenerated reply,
   * an edited message) share their parent. Absent in chats saved before versions: the one before it.
   */
  parentId: z.string().nullable().optional(),
})
export type Message = z.infer<typeof MessageSchema>

/** Which assistant a chat was started from (its name as it was then). */
export const ChatAssistantSchema = z.object({ id: z.string(), name: z.string() })
export type ChatAssistant = z.infer<typeof ChatAssistantSchema>

export const ConversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  modelId: z.string().nullable(),
  /**
   * The branch shown, oldest first: what the page shows and the model reads. Each message's parentId
   * is the one before it (the first's is null).
   */
  messages: z.array(MessageSchema),
  /**
   * Every other version (an earlier reply, the branch of an edited message), in the order written.
   * `messages` and these together are the chat's whole tree, linked by parentId. Absent: none.
   */
  otherBranches: z.array(MessageSchema).optional(),
  /** The chat's instructions (a system prompt) sent before its messages to every model; absent or '': none. */
  instructions: z.string().optional(),
  /** The temperature the chat's replies use (from its assistant); absent or null: the settings'. */
  temperature: z.number().min(0).max(2).nullable().optional(),
  /** The assistant the chat was started from; absent or null: none. */
  assistant: ChatAssistantSchema.nullable().optional(),
  /** Tools (their model-facing names) the user allowed for this chat ("Allow for this chat"); absent: none. */
  allowedTools: z.array(z.string()).optional(),
  /** The documents the chat searches each turn; absent: none. */
  documents: ChatDocumentsSchema.optional(),
})
export type Conversation = z.infer<typeof ConversationSchema>

/** A preset for new chats ("Assistants"): instructions, a model and a temperature under a name. */
export const AssistantSchema = z.object({
  id: z.string(),
  name: z.string().trim().min(1).max(60),
  /** A line under the name in lists. */
  description: z.string().max(200),
  instructions: z.string().max(20_000),
  /** The model a chat from it starts with; null: the one picked at the time. */
  modelId: z.string().nullable(),
  /** null: the settings' temperature. */
  temperature: z.number().min(0).max(2).nullable(),
  /** Aura's own (read-only; the user may copy it). */
  builtIn: z.boolean(),
})
export type Assistant = z.infer<typeof AssistantSchema>

export const ConversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.number(),
  messageCount: z.number().int(),
  /** Where a search matched (or the last message), a short excerpt. */
  snippet: z.string(),
})
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>

export const NoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
})
export type Notice = z.infer<typeof NoticeSchema>

export const AppInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'host']),
  dataDir: z.string(),
  modelsDir: z.string(),
  /** The desktop app's log file, where the reason for a failure is kept (Settings → About). */
  logFile: z.string().optional(),
  /** Things the user should know since start-up (e.g. a damaged settings file was set aside). */
  notices: z.array(NoticeSchema),
  /** Where models download from, as used now; `hubUrlFromEnv` when AURA_HF_ENDPOINT overrides the setting. */
  hubUrl: z.string(),
  hubUrlFromEnv: z.boolean(),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

// ---------------------------------------------------------------- model manager

export const HardwareTierSchema = z.enum(['laptop', 'gaming_pc', 'enthusiast', 'workstation', 'cpu_only'])
export type HardwareTier = z.infer<typeof HardwareTierSchema>

export const GpuSchema = z.object({
  vendor: z.string(),
  model: z.string(),
  vramTotalBytes: z.number().nullable(),
  vramFreeBytes: z.number().nullable(),
  /** Apple silicon and other integrated GPUs share the computer's memory. */
  unifiedMemory: z.boolean(),
})
export type Gpu = z.infer<typeof GpuSchema>

/** What runs the local models: a GPU back-end of node-llama-cpp, or the processor. */
export const BackendSchema = z.enum(['cuda', 'vulkan', 'metal', 'cpu'])
export type Backend = z.infer<typeof BackendSchema>

/** Why a faster back-end was passed over; the page words it (models area, `backendReason`). */
export const BackendReasonSchema = z.enum(['speedup_not_installed', 'driver_missing', 'driver_too_old', 'failed_to_start', 'no_device'])
export type BackendReason = z.infer<typeof BackendReasonSchema>

/** The back-end the engine uses (or would use) and the faster ones it passed over, fastest first. */
export const BackendChoiceSchema = z.object({
  backend: BackendSchema,
  /** The GPU it runs on ("NVIDIA GeForce RTX 4070"); null on the processor. */
  device: z.string().nullable(),
  vramBytes: z.number().nullable(),
  fallbacks: z.array(z.object({ backend: BackendSchema, reason: BackendReasonSchema, needs: z.string().nullable() })),
  /** True once the engine really loaded it; false when predicted from the hardware alone. */
  loaded: z.boolean(),
})
export type BackendChoice = z.infer<typeof BackendChoiceSchema>

export const HardwareProfileSchema = z.object({
  cpu: z.object({
    model: z.string(),
    cores: z.number().int(),
    threads: z.number().int(),
    /** e.g. avx, avx2, avx512, neon */
    features: z.array(z.string()),
  }),
  ramTotalBytes: z.number(),
  ramFreeBytes: z.number(),
  gpus: z.array(GpuSchema),
  /** GPU back-ends node-llama-cpp can use on this computer (metal, cuda, vulkan); empty = CPU only. */
  gpuBackends: z.array(z.string()),
  /** Free space where models are kept. */
  diskFreeBytes: z.number().nullable(),
  tier: HardwareTierSchema,
  /** What the local models run on, and why not on something faster. */
  backend: BackendChoiceSchema.optional(),
  /** How far off the memory estimate was on this computer: the largest error over its last `loads` loads (fit/memoryLog.ts). */
  estimateError: z.object({ loads: z.number().int(), withinPercent: z.number() }).optional(),
  /** The computer in plain words, e.g. "a gaming PC with an NVIDIA GeForce RTX 4070 (12 GiB) and 32 GiB of memory". */
  summary: z.string(),
})
export type HardwareProfile = z.infer<typeof HardwareProfileSchema>

export const FitLabelSchema = z.enum(['runs_well', 'runs_slowly', 'too_big'])
export type FitLabel = z.infer<typeof FitLabelSchema>

/** How a model would fit this computer at a context size; the label in plain words, the numbers one click away. */
export const FitEstimateSchema = z.object({
  label: FitLabelSchema,
  /** "Runs well", "Runs, but slowly (partly on the CPU)", "Too big for this computer" */
  labelText: z.string(),
  /** One sentence on why. */
  reason: z.string(),
  contextSize: z.number().int(),
  weightsBytes: z.number(),
  kvCacheBytes: z.number(),
  overheadBytes: z.number(),
  totalBytes: z.number(),
  /** Of the total, what would sit in GPU memory and in RAM. */
  vramBytes: z.number(),
  ramBytes: z.number(),
  /** Share of the layers on the GPU, 0–1. */
  gpuShare: z.number(),
})
export type FitEstimate = z.infer<typeof FitEstimateSchema>

export const CapabilitySchema = z.enum(['chat', 'coding', 'tools', 'reasoning', 'vision'])
export type Capability = z.infer<typeof CapabilitySchema>

export const CatalogQuantSchema = z.object({
  /** e.g. Q4_K_M */
  quant: z.string(),
  repo: z.string(),
  /** The file in the repo (the first part for split models). */
  file: z.string(),
  /** Approximate; the real size and SHA-256 come from the Hub at download time. */
  sizeBytes: z.number().nullable(),
  isDefault: z.boolean(),
})
export type CatalogQuant = z.infer<typeof CatalogQuantSchema>

export const CatalogEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  family: z.string(),
  /** One line a non-engineer understands. */
  description: z.string(),
  parameters: z.number(),
  contextLength: z.number().int(),
  capabilities: z.array(CapabilitySchema),
  license: z.string(),
  quants: z.array(CatalogQuantSchema),
  /** Requires accepting a licence on the Hub and a token. */
  gated: z.boolean(),
  /** A model for documents: it turns texts into vectors (embeddings) and cannot chat. */
  embedding: z.boolean().optional(),
})
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>

/** A catalog entry as shown on this computer: each quant with its fit at the default context. */
export const CatalogItemSchema = CatalogEntrySchema.extend({
  fits: z.array(z.object({ quant: z.string(), fit: FitEstimateSchema })),
  installedModelId: z.string().nullable(),
})
export type CatalogItem = z.infer<typeof CatalogItemSchema>

export const RecommendationSchema = z.object({
  entryId: z.string(),
  quant: z.string(),
  /** Why, in plain words: "A 4B coder that runs well on a laptop like yours." */
  reason: z.string(),
})
export type Recommendation = z.infer<typeof RecommendationSchema>

export const HubFileSchema = z.object({
  /** The path in the repo (the first part for split models). */
  file: z.string(),
  quant: z.string().nullable(),
  /** All parts together. */
  sizeBytes: z.number().nullable(),
  /** 1 for a single file. */
  parts: z.number().int(),
})
export type HubFile = z.infer<typeof HubFileSchema>

export const HubRepoSchema = z.object({
  repo: z.string(),
  downloads: z.number().nullable(),
  likes: z.number().nullable(),
  updatedAt: z.string().nullable(),
  gated: z.boolean(),
})
export type HubRepo = z.infer<typeof HubRepoSchema>

export const DownloadStateSchema = z.enum(['queued', 'downloading', 'paused', 'verifying', 'done', 'failed', 'canceled'])
export type DownloadState = z.infer<typeof DownloadStateSchema>

export const DownloadSchema = z.object({
  id: z.string(),
  repo: z.string(),
  file: z.string(),
  /** The installed model's id once done. */
  modelId: z.string(),
  state: DownloadStateSchema,
  receivedBytes: z.number(),
  totalBytes: z.number().nullable(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  error: AuraErrorShapeSchema.nullable(),
  startedAt: z.number(),
  /**
   * Downloading, but no byte arrived for a few seconds: for how long, and — when the connection is
   * being tried again — why and in how many seconds. Absent while bytes flow.
   */
  stall: z
    .object({
      quietSeconds: z.number(),
      retry: z.object({ reason: z.enum(['connection_lost', 'server_error', 'no_data']), inSeconds: z.number() }).nullable(),
    })
    .optional(),
})
export type Download = z.infer<typeof DownloadSchema>
export type DownloadStall = NonNullable<Download['stall']>

export const DiscoveredModelSchema = z.object({
  source: z.enum(['lm_studio', 'ollama', 'jan', 'gpt4all', 'hf_cache']),
  /** The app's own name for it, e.g. "llama3.2:3b" for Ollama. */
  name: z.string(),
  file: z.string(),
  sizeBytes: z.number(),
  /** Already used by Aura (imported or in the models folder). */
  imported: z.boolean(),
})
export type DiscoveredModel = z.infer<typeof DiscoveredModelSchema>

/** An installed model as the models screen shows it: with its fit on this computer. */
export const ModelListItemSchema = InstalledModelSchema.extend({
  /** null when the file cannot be used or its fit cannot be told. */
  fit: FitEstimateSchema.nullable(),
  /** Used in place from another folder (imported), not in the models folder. */
  imported: z.boolean(),
})
export type ModelListItem = z.infer<typeof ModelListItemSchema>

/** Whether a Hugging Face token is kept (for gated models); the token itself never leaves main. */
export const HubTokenStatusSchema = z.object({
  configured: z.boolean(),
  /** The last 4 characters, to tell tokens apart. */
  last4: z.string().nullable(),
  /**
   * Why the saved token is not being used: it does not open on this computer, or the download
   * address changed since it was saved (`savedFor` is the host it may be sent to). null = in use, or none.
   */
  problem: z.enum(['unreadable', 'address_changed']).nullable(),
  savedFor: z.string().nullable(),
})
export type HubTokenStatus = z.infer<typeof HubTokenStatusSchema>

// ---------------------------------------------------------------- cloud models

export const PROVIDER_IDS = ['openai', 'anthropic', 'google', 'xai', 'deepseek', 'moonshot', 'openrouter'] as const
export const ProviderIdSchema = z.enum(PROVIDER_IDS)
export type ProviderId = z.infer<typeof ProviderIdSchema>
/** A cloud provider, or an OpenAI-compatible server the user added: `server.<id>`. */
export const ProviderRefSchema = z.union([ProviderIdSchema, z.string().regex(/^server\.[a-z0-9-]{1,40}$/)])

export const KeyCheckStatusSchema = z.enum(['untested', 'valid', 'invalid', 'no_credit', 'rate_limited', 'unreachable', 'error'])
export type KeyCheckStatus = z.infer<typeof KeyCheckStatusSchema>

/**
 * A key's state: its last test, or why it is not used — it does not open on this computer
 * (`unreadable`), or the provider's address changed since it was saved (`address_changed`).
 */
export const KeyStateSchema = z.enum([...KeyCheckStatusSchema.options, 'unreadable', 'address_changed'])

/** All the page ever learns about a key. */
export const KeyStatusSchema = z.object({
  provider: z.string(),
  /** Empty when the key cannot be opened. */
  last4: z.string(),
  source: z.enum(['vault', 'environment']),
  status: KeyStateSchema,
  /** The host the key is sent to — the one it was saved for (null when it cannot be opened). */
  savedFor: z.string().nullable(),
  /** The last test's result in plain words. */
  message: z.string().nullable(),
  lastTestedAt: z.number().nullable(),
})
export type KeyStatus = z.infer<typeof KeyStatusSchema>

/** Where an added server runs: `this_computer` (a loopback address) or `network` (anywhere else). */
export const ServerWhereSchema = z.enum(['this_computer', 'network'])
export type ServerWhere = z.infer<typeof ServerWhereSchema>

/** `localhost`, 127.0.0.0/8 and ::1 are this computer; any other host is on the network. */
export function serverWhere(baseUrl: string): ServerWhere {
  // The host of `scheme://[user@]host[:port]/…` (shared code has no URL class in every layer).
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(baseUrl.trim())?.[1]?.toLowerCase().replace(/^\[|\]$/g, '') ?? ''
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host) || /^::ffff:127\./.test(host)) return 'this_computer'
  return 'network'
}

/** Local only may use a server on this computer, or one on the network the user marked private. */
export const staysPrivate = (server: { baseUrl: string; private?: boolean }): boolean => server.private === true || serverWhere(server.baseUrl) === 'this_computer'

export const ProviderInfoSchema = z.object({
  /** ProviderId, or `server.<id>` */
  id: z.string(),
  kind: z.enum(['cloud', 'server']),
  name: z.string(),
  /** Where the user makes a key (opened in the system browser). */
  keyUrl: z.string().nullable(),
  /** The conventional environment variable a key may come from. */
  envVar: z.string().nullable(),
  baseUrl: z.string(),
  /** `AURA_<PROVIDER>_BASE_URL` sets the base URL. */
  baseUrlFromEnv: z.boolean(),
  keyRequired: z.boolean(),
  key: KeyStatusSchema.nullable(),
  /** A server's place, from its address (null for cloud providers). */
  where: ServerWhereSchema.nullable().optional(),
  /** A network server the user marked private (Local only may use it). */
  private: z.boolean().optional(),
})
export type ProviderInfo = z.infer<typeof ProviderInfoSchema>

export const PriceSchema = z.object({
  inputPerMTokens: z.number(),
  outputPerMTokens: z.number(),
  /** The date the price was taken (YYYY-MM-DD), or when the user edited it. */
  asOf: z.string(),
  source: z.string(),
  edited: z.boolean(),
  /** A stand-in: Aura knows no price for this model and counts the provider's most expensive one. */
  estimated: z.boolean().optional(),
})
export type Price = z.infer<typeof PriceSchema>

/** OpenRouter's live price list: the date it was fetched (null: never) and how many models it prices. */
export const LivePricesSchema = z.object({ asOf: z.string().nullable(), models: z.number().int() })
export type LivePrices = z.infer<typeof LivePricesSchema>

export const CloudModelSchema = z.object({
  /** `<provider>:<model>`, e.g. `openai:gpt-6.1-terra`, `server.ollama:llama3.2:3b` */
  id: z.string(),
  provider: z.string(),
  providerName: z.string(),
  /** The provider's own model name. */
  model: z.string(),
  name: z.string(),
  contextWindow: z.number().nullable(),
  capabilities: z.array(CapabilitySchema),
  /** null when unknown (e.g. a model from a server's list); local servers cost nothing. */
  price: PriceSchema.nullable(),
})
export type CloudModel = z.infer<typeof CloudModelSchema>

/** How keys are kept on this computer, and what the user should know about it. */
export const VaultInfoSchema = z.object({
  backend: z.enum(['os_keychain', 'key_file']),
  /** e.g. that only a key file protects the keys (no OS keychain reachable). */
  notice: z.string().nullable(),
})
export type VaultInfo = z.infer<typeof VaultInfoSchema>

/** An app's key to Aura's API, as the page and the CLI see it: never the key, nor its hash. */
export const AppKeyInfoSchema = z.object({
  name: z.string(),
  /** The key's last 4 characters, to tell keys apart. */
  last4: z.string(),
  createdAt: z.number(),
  /** Cloud spending this app may do per day (USD); null: only the user's own budgets apply. */
  dailyBudgetUsd: z.number().nullable(),
  localOnly: z.boolean(),
  /** The models the app may use (as GET /v1/models names them); empty: all. */
  allowedModels: z.array(z.string()),
  /** What the app spent in the cloud today (USD). */
  spentTodayUsd: z.number(),
})
export type AppKeyInfo = z.infer<typeof AppKeyInfoSchema>

/** Whether other apps can reach Aura now, and where (null while the API is off or could not start). */
export const ApiStatusSchema = z.object({
  enabled: z.boolean(),
  port: z.number().int(),
  url: z.string().nullable(),
  /** Whether other computers on the local network can reach it now, and at which addresses (IPv4). */
  network: z.boolean(),
  networkUrls: z.array(z.string()),
  /** Why the listener is not running while it is on (another program holds the port), in plain words. */
  problem: z.string().nullable(),
})
export type ApiStatus = z.infer<typeof ApiStatusSchema>

/** The app the Test button's requests are booked under (Usage → By app). */
export const API_TEST_APP = 'Connection test'

/** The page's Test button: a real request through the listener, and what came back. */
export const ApiTestSchema = z.object({ text: z.string(), modelId: z.string(), latencyMs: z.number() })
export type ApiTest = z.infer<typeof ApiTestSchema>

/** MCP servers (docs/tools.md): a tool's own settings, as the page and the CLI see them. */
export const McpToolSchema = z.object({
  /** The tool's name on its server. */
  name: z.string(),
  /** The name a model sees and calls: `<server>__<tool>`, [A-Za-z0-9_-]{1,64}. */
  callName: z.string(),
  title: z.string().nullable(),
  description: z.string(),
  /** The tool's input as a JSON Schema object. */
  inputSchema: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  /** `ask`: every call is asked first (the default); `always`: the user chose "Always allow". */
  permission: z.enum(['ask', 'always']),
})
export type McpTool = z.infer<typeof McpToolSchema>

/** `starting` (launching or connecting), `running`, `stopped` (not started yet, or turned off), `failed` (see `problem`). */
export const McpServerStateSchema = z.enum(['stopped', 'starting', 'running', 'failed'])
export type McpServerState = z.infer<typeof McpServerStateSchema>

/** An MCP server the user added: how it starts, its state and tools. Environment and header values are never shown. */
export const McpServerSchema = z.object({
  name: z.string(),
  /** `stdio`: a command Aura starts; `http`: an address (Streamable HTTP). */
  transport: z.enum(['stdio', 'http']),
  command: z.string().nullable(),
  args: z.array(z.string()),
  /** The names of its environment variables (their values are kept sealed, like keys). */
  envNames: z.array(z.string()),
  url: z.string().nullable(),
  /** The names of the headers sent to its address (values sealed). */
  headerNames: z.array(z.string()),
  enabled: z.boolean(),
  /** The gallery entry it was added from, if any. */
  galleryId: z.string().nullable(),
  state: McpServerStateSchema,
  /** Why it failed or is unavailable, in plain words; null when all is well. */
  problem: z.string().nullable(),
  /** Its tools while it runs (empty before it has started). */
  tools: z.array(McpToolSchema),
})
export type McpServer = z.infer<typeof McpServerSchema>

/** A well-known server the user can add in one step. */
export const McpGalleryEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** What must be installed: Node.js (npx) or Python's uv (uvx). */
  needs: z.enum(['node', 'python']),
  /** It works on a folder the user picks (the files server). */
  needsFolder: z.boolean(),
  /** Whether what it needs was found on this computer; `problem` says what to install otherwise. */
  available: z.boolean(),
  problem: z.string().nullable(),
})
export type McpGalleryEntry = z.infer<typeof McpGalleryEntrySchema>

/** A tool call's outcome: its result as text (size-capped), or its error in words. */
export const McpCallResultSchema = z.object({ ok: z.boolean(), text: z.string(), truncated: z.boolean(), ms: z.number() })
export type McpCallResult = z.infer<typeof McpCallResultSchema>
