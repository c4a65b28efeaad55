import { z } from 'zod'
import { AuraErrorShapeSchema } from './errors'

export const ThreadsSchema = z.union([z.literal('auto'), z.number().int().min(1).max(256)])
export type Threads = z.infer<typeof ThreadsSchema>

const settingsFields = {
  /** null = `<data dir>/models` */
  modelsDir: z.string().min(1).nullable(),
  threads: ThreadsSchema,
  contextSize: z.number().int().min(256).max(131072),
  maxTokens: z.number().int().min(1).max(32768),
  temperature: z.number().min(0).max(2),
  /** The model picked last; a new conversation starts with it. */
  lastModelId: z.string().nullable(),
}

export const DEFAULT_SETTINGS = {
  modelsDir: null,
  threads: 'auto',
  contextSize: 4096,
  maxTokens: 1024,
  temperature: 0.7,
  lastModelId: null,
} as const satisfies { [K in keyof typeof settingsFields]: z.infer<(typeof settingsFields)[K]> }

/** Settings with their defaults: a missing or invalid field falls back to its default. */
export const SettingsSchema = z.object({
  modelsDir: settingsFields.modelsDir.default(DEFAULT_SETTINGS.modelsDir),
  threads: settingsFields.threads.default(DEFAULT_SETTINGS.threads),
  contextSize: settingsFields.contextSize.default(DEFAULT_SETTINGS.contextSize),
  maxTokens: settingsFields.maxTokens.default(DEFAULT_SETTINGS.maxTokens),
  temperature: settingsFields.temperature.default(DEFAULT_SETTINGS.temperature),
  lastModelId: settingsFields.lastModelId.default(DEFAULT_SETTINGS.lastModelId),
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
  /** Set when the file cannot be used: a plain-words reason. */
  problem: z.string().nullable(),
})
export type InstalledModel = z.infer<typeof InstalledModelSchema>

export const EngineStatusSchema = z.object({
  state: z.enum(['idle', 'loading', 'ready', 'generating']),
  modelId: z.string().nullable(),
  threads: z.number().int().nullable(),
})
export type EngineStatus = z.infer<typeof EngineStatusSchema>

export const GenerationStatsSchema = z.object({
  tokens: z.number().int(),
  tokensPerSecond: z.number(),
  timeToFirstTokenMs: z.number(),
})
export type GenerationStats = z.infer<typeof GenerationStatsSchema>

export const MessageStatusSchema = z.enum(['streaming', 'done', 'stopped', 'error', 'interrupted'])
export type MessageStatus = z.infer<typeof MessageStatusSchema>

export const MessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  createdAt: z.number(),
  status: MessageStatusSchema,
  modelId: z.string().nullable(),
  error: AuraErrorShapeSchema.nullable(),
  stats: GenerationStatsSchema.nullable(),
})
export type Message = z.infer<typeof MessageSchema>

export const ConversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  modelId: z.string().nullable(),
  messages: z.array(MessageSchema),
})
export type Conversation = z.infer<typeof ConversationSchema>

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
  /** Things the user should know since start-up (e.g. a damaged settings file was set aside). */
  notices: z.array(NoticeSchema),
})
export type AppInfo = z.infer<typeof AppInfoSchema>
