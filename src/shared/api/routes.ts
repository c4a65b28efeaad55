import { z } from 'zod'
import {
  AppInfoSchema,
  ConversationSchema,
  ConversationSummarySchema,
  EngineStatusSchema,
  InstalledModelSchema,
  MessageSchema,
  SettingsPatchSchema,
  SettingsSchema,
} from './domain'

const Empty = z.object({}).strict()
const Id = z.string().min(1).max(200)
const Title = z.string().trim().min(1).max(200)

/**
 * Every route Aura's shells expose, named `domain.verb`. Main validates each input with its
 * schema; the renderer's client infers its types from here (type-only).
 */
export const routes = {
  'app.info': { input: Empty, output: AppInfoSchema },

  'settings.get': { input: Empty, output: SettingsSchema },
  'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },

  'models.list': { input: Empty, output: z.array(InstalledModelSchema) },

  'engine.status': { input: Empty, output: EngineStatusSchema },
  'engine.unload': { input: Empty, output: EngineStatusSchema },

  'conversations.list': {
    input: z.object({ query: z.string().max(500).optional() }).strict(),
    output: z.array(ConversationSummarySchema),
  },
  'conversations.get': { input: z.object({ id: Id }).strict(), output: ConversationSchema },
  'conversations.create': {
    input: z.object({ title: Title.optional(), modelId: Id.nullable().optional() }).strict(),
    output: ConversationSchema,
  },
  'conversations.rename': {
    input: z.object({ id: Id, title: Title }).strict(),
    output: ConversationSummarySchema,
  },
  'conversations.delete': { input: z.object({ id: Id }).strict(), output: z.object({}) },

  'chat.send': {
    input: z.object({ conversationId: Id, text: z.string().trim().min(1).max(200_000), modelId: Id }).strict(),
    output: z.object({ userMessage: MessageSchema, assistantMessage: MessageSchema }),
  },
  'chat.regenerate': {
    input: z.object({ conversationId: Id, modelId: Id }).strict(),
    output: z.object({ assistantMessage: MessageSchema }),
  },
  'chat.stop': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
} as const

export type Routes = typeof routes
export type RouteName = keyof Routes
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>
export type RouteOutput<R extends RouteName> = z.infer<Routes[R]['output']>
export const routeNames = Object.keys(routes) as RouteName[]
export const isRouteName = (name: unknown): name is RouteName =>
  typeof name === 'string' && Object.hasOwn(routes, name)
