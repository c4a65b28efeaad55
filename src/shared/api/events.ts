import { z } from 'zod'
import { ConversationSummarySchema, ReplyPhaseSchema, DownloadSchema, EngineStatusSchema, McpServerSchema, MessageSchema, MessageToolCallSchema, NoticeSchema } from './domain'
import { CollectionInfoSchema, DocumentsProgressSchema } from './documents'
import { ConnectionSchema } from './network'
import { MessageRouteSchema, UsageMeterSchema } from './router'

/** Events main pushes to the renderer, named `domain.event_name`. The renderer trusts them. */
export const events = {
  /** New text of a streaming reply, batched about once per frame (never one message per token). */
  'chat.delta': z.object({ conversationId: z.string(), messageId: z.string(), text: z.string() }),
  /** New thoughts of a reasoning model's reply, batched like `chat.delta` (never part of its text). */
  'chat.thought': z.object({ conversationId: z.string(), messageId: z.string(), text: z.string() }),
  /**
   * Where a reply is, in order: loading the model (only when it is not loaded), reading the prompt,
   * thinking (only for a model that thinks), writing.
   */
  'chat.phase': z.object({ conversationId: z.string(), messageId: z.string(), phase: ReplyPhaseSchema }),
  /** A reply finished: done, stopped, or failed (the message carries the error). */
  'chat.done': z.object({ conversationId: z.string(), message: MessageSchema }),
  /**
   * A reply's route was decided, or it moved to the next model (the last one failed or answered
   * weakly; its text is now in `route.attempts`): the message's text starts over, from `modelId`.
   */
  'chat.route': z.object({ conversationId: z.string(), messageId: z.string(), modelId: z.string(), route: MessageRouteSchema }),
  /**
   * A reply's tool call started, changed state or ended (the whole call, as kept on the message).
   * State `asking`: the user's answer is awaited (`chat.answerTool` with its `askId`).
   */
  'chat.tool': z.object({ conversationId: z.string(), messageId: z.string(), call: MessageToolCallSchema }),
  'conversations.updated': ConversationSummarySchema,
  /** The cost meter after each request (and when budgets change). */
  'usage.updated': UsageMeterSchema,
  'engine.status_changed': EngineStatusSchema,
  'app.notice': NoticeSchema,
  /** A download's progress (a few times a second) or state change. */
  'downloads.progress': DownloadSchema,
  /** The NVIDIA speed-up's download (hardware.installSpeedup). */
  'hardware.speedupProgress': z.object({ receivedBytes: z.number(), totalBytes: z.number().nullable() }),
  /** Installed models changed (a download finished, a model was imported, deleted or moved). */
  'models.changed': z.object({}),
  /** Aura sent a request over the network (Settings → Privacy). */
  'network.connected': ConnectionSchema,
  /** An MCP server was added, changed or removed, or its state or tools changed: every server as it is now. */
  'mcp.changed': z.object({ servers: z.array(McpServerSchema) }),
  /** Documents being indexed: files done of total and the time left, a few times a second and at the end of a run. */
  'documents.progress': DocumentsProgressSchema,
  /** Collections changed (added, removed, indexed): every collection as it is now. */
  'documents.changed': z.object({ collections: z.array(CollectionInfoSchema) }),
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.infer<Events[E]>
export const eventNames = Object.keys(events) as EventName[]
