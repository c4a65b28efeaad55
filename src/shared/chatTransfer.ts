import { z } from 'zod'
import type { Conversation } from './api/domain'

/**
 * Chats in and out of Aura: export as Markdown or Aura's JSON, import Aura's JSON or ChatGPT's data
 * export (`conversations.json`). Pure, so the page can read a big file in pieces and show progress;
 * the services take the result through `conversations.import`, one batch at a time.
 */

export const AURA_CHATS_FORMAT = 'aura.chats'
const MAX_TITLE = 200
const MAX_CONTENT = 200_000
/** A chat is sent to the services in one request, which the browser bridge caps at 4 MiB. */
const MAX_CHAT_CHARS = 500_000

export const ImportedMessageSchema = z
  .object({
    role: z.enum(['user', 'assistant']),
    content: z.string().min(1).max(MAX_CONTENT),
    createdAt: z.number().nullable(),
  })
  .strict()
export const ImportedConversationSchema = z
  .object({
    title: z.string().min(1).max(MAX_TITLE),
    createdAt: z.number().nullable(),
    /** The chat's instructions (Aura's exports only; ChatGPT keeps custom instructions per account, not per chat). */
    instructions: z.string().max(20_000).optional(),
    messages: z.array(ImportedMessageSchema).min(1).max(10_000),
  })
  .strict()
export type ImportedMessage = z.infer<typeof ImportedMessageSchema>
export type ImportedConversation = z.infer<typeof ImportedConversationSchema>

export interface ParsedChats {
  source: 'aura' | 'chatgpt'
  conversations: ImportedConversation[]
  /** Chats in the file that cannot be imported, each with why (the page words it: chats.skip*). */
  skipped: SkippedChat[]
}

/** Why a chat was left out: no user or assistant text, or more than `limit` characters. */
export type SkippedChat = { title: string; why: 'empty' } | { title: string; why: 'tooLong'; limit: number }

/** A file that is not a chats file at all, nothing imported; `problem` is what the page words (chats.notJson, chats.notChats). */
export class ChatsFileError extends Error {
  constructor(readonly problem: 'notJson' | 'notChats') {
    super(CHATS_FILE_PROBLEMS[problem])
  }
}

/** In English, for the logs and the tests; the page says them in the reader's language. */
const CHATS_FILE_PROBLEMS = {
  notJson: 'This file is not JSON, so it is neither an Aura export nor ChatGPT’s conversations.json. Nothing was imported.',
  notChats: 'This file is JSON, but not a chats export Aura knows: use a file Aura exported (JSON), or conversations.json from ChatGPT’s data export. Nothing was imported.',
} as const

// ------------------------------------------------------------------ export

/** Aura's own JSON: every field of every chat, to import back (here or on another computer). */
export function toAuraJson(conversations: Conversation[], exportedAt: number): string {
  return JSON.stringify({ format: AURA_CHATS_FORMAT, version: 1, exportedAt: new Date(exportedAt).toISOString(), conversations }, null, 2)
}

/** Markdown to read or share: a heading per chat, its instructions, "You" and the model for each turn. */
export function toMarkdown(conversations: Conversation[]): string {
  return conversations
    .map((conversation) => {
      const turns = conversation.messages
        .filter((message) => message.content.trim() !== '')
        .map((message) => `### ${message.role === 'user' ? 'You' : (message.modelId ?? 'Assistant')}\n\n${message.content.trim()}`)
      const instructions = conversation.instructions?.trim() ? [`> **Instructions:** ${conversation.instructions.trim().replace(/\n/g, '\n> ')}`] : []
      return [`# ${oneLine(conversation.title)}`, `_${new Date(conversation.createdAt).toISOString().slice(0, 10)}_`, ...instructions, ...turns].join('\n\n')
    })
    .join('\n\n---\n\n')
    .concat('\n')
}

/** A file name for an export: one chat's title (`pasta-for-four.md`), or `aura-chats-2026-12-06.json` for all. */
export function exportFileName(title: string | null, format: 'markdown' | 'json', now: number): string {
  const base =
    title === null
      ? `aura-chats-${new Date(now).toISOString().slice(0, 10)}`
      : oneLine(title).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase() || 'chat'
  return `${base}.${format === 'json' ? 'json' : 'md'}`
}

// ------------------------------------------------------------------ import

/** Reads an exported file: Aura's JSON or ChatGPT's `conversations.json`. Throws ChatsFileError for anything else. */
export function parseChatsFile(text: string): ParsedChats {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new ChatsFileError('notJson')
  }
  if (isRecord(data) && data.format === AURA_CHATS_FORMAT && Array.isArray(data.conversations)) return fromAura(data.conversations)
  if (Array.isArray(data) && data.every((item) => isRecord(item) && isRecord(item.mapping))) return fromChatGpt(data as Record<string, unknown>[])
  throw new ChatsFileError('notChats')
}

function fromAura(items: unknown[]): ParsedChats {
  const result: ParsedChats = { source: 'aura', conversations: [], skipped: [] }
  for (const item of items) {
    const title = isRecord(item) && typeof item.title === 'string' ? item.title : 'Untitled chat'
    const messages = isRecord(item) && Array.isArray(item.messages) ? item.messages : []
    const raw = messages.map((message) => (isRecord(message) ? { role: message.role, content: message.content, createdAt: message.createdAt } : {}))
    const instructions = isRecord(item) && typeof item.instructions === 'string' ? item.instructions.slice(0, 20_000) : ''
    add(result, title, isRecord(item) && typeof item.createdAt === 'number' ? item.createdAt : null, raw, instructions)
  }
  return result
}

/** ChatGPT keeps every branch of a chat as a tree; the one shown is the path from `current_node` up to the root. */
function fromChatGpt(items: Record<string, unknown>[]): ParsedChats {
  const result: ParsedChats = { source: 'chatgpt', conversations: [], skipped: [] }
  for (const item of items) {
    const mapping = item.mapping as Record<string, unknown>
    const title = typeof item.title === 'string' && item.title.trim() ? item.title : 'Untitled chat'
    const path: unknown[] = []
    const seen = new Set<string>()
    for (let id = typeof item.current_node === 'string' ? item.current_node : null; id && !seen.has(id); ) {
      seen.add(id)
      const node = mapping[id]
      if (!isRecord(node)) break
      path.push(node.message)
      id = typeof node.parent === 'string' ? node.parent : null
    }
    const messages = path.reverse().flatMap((message) => {
      if (!isRecord(message) || !isRecord(message.author) || !isRecord(message.content)) return []
      if (isRecord(message.metadata) && message.metadata.is_visually_hidden_from_conversation === true) return []
      const parts = Array.isArray(message.content.parts) ? message.content.parts.filter((part): part is string => typeof part === 'string') : []
      const seconds = typeof message.create_time === 'number' ? message.create_time : null
      return [{ role: message.author.role, content: parts.join('\n').trim(), createdAt: seconds === null ? null : Math.round(seconds * 1000) }]
    })
    add(result, title, typeof item.create_time === 'number' ? Math.round(item.create_time * 1000) : null, messages)
  }
  return result
}

/** Keeps a chat's user and assistant turns with text (system notes, tool calls and images are left out); a chat with none is skipped, with why. */
function add(result: ParsedChats, title: string, createdAt: number | null, raw: { role?: unknown; content?: unknown; createdAt?: unknown }[], instructions = ''): void {
  const messages: ImportedMessage[] = []
  for (const message of raw) {
    if ((message.role !== 'user' && message.role !== 'assistant') || typeof message.content !== 'string' || message.content.trim() === '') continue
    messages.push({
      role: message.role,
      content: message.content.length > MAX_CONTENT ? message.content.slice(0, MAX_CONTENT) : message.content,
      createdAt: typeof message.createdAt === 'number' ? message.createdAt : null,
    })
  }
  const name = oneLine(title).slice(0, MAX_TITLE) || 'Untitled chat'
  const chars = messages.reduce((sum, message) => sum + message.content.length, 0)
  if (messages.length === 0) result.skipped.push({ title: name, why: 'empty' })
  else if (chars > MAX_CHAT_CHARS) result.skipped.push({ title: name, why: 'tooLong', limit: MAX_CHAT_CHARS })
  else result.conversations.push({ title: name, createdAt, messages: messages.slice(0, 10_000), ...(instructions.trim() ? { instructions } : {}) })
}

export const MAX_BATCH = 100

/** Batches of chats that fit in one request (well under the browser bridge's 4 MiB). */
export function importBatches(conversations: ImportedConversation[], maxChars = MAX_CHAT_CHARS): ImportedConversation[][] {
  const batches: ImportedConversation[][] = []
  let batch: ImportedConversation[] = []
  let size = 0
  for (const conversation of conversations) {
    const chars = conversation.messages.reduce((sum, message) => sum + message.content.length, conversation.title.length)
    if (batch.length > 0 && (size + chars > maxChars || batch.length >= MAX_BATCH)) {
      batches.push(batch)
      batch = []
      size = 0
    }
    batch.push(conversation)
    size += chars
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()
