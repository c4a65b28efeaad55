import { create } from 'zustand'
import type { ChatDocuments, CollectionInfo } from '../api'
import { DOCUMENT_ATTACH_BYTES } from '../../../shared/attachments'
import { i18n } from '../i18n'
import { formatBytes } from '../lib/format'
import { errorMessage, getClient, request } from '../lib/client'
import { useChat } from './chat'
import { useConversations } from './conversations'

/** Reads of the open chat's documents; a change bumps it, so an older read does not undo it. */
let reads = 0

const NONE: ChatDocuments = { collections: [], files: [], allowCloud: false }

interface DocumentsStore {
  /** The open chat's documents (NONE for a new chat). */
  chat: ChatDocuments
  /** The names of the collections (Settings → Documents), for the chat's picker. */
  collections: string[]
  /** The collections with their counts and indexing (Settings → Documents). */
  collectionInfo: CollectionInfo[]
  collectionsError: string | null
  refreshCollections(): Promise<void>
  /** Makes a collection that follows a folder; resolves to the refusal in plain words, or null. */
  addCollection(name: string, folder: string): Promise<string | null>
  removeCollection(name: string): Promise<void>
  /** Names of files being added to the open chat's documents. */
  attaching: string[]
  /** Reads the open chat's documents again. */
  load(conversationId: string | null): Promise<void>
  /** Changes the open chat's documents (a new chat is made first); resolves to the refusal in plain words, or null. */
  update(patch: Partial<ChatDocuments>): Promise<string | null>
  /** Adds files (PDF, Word, big text) to the open chat's documents; resolves to what went wrong, in plain words. */
  attach(files: File[]): Promise<string[]>
}

/** The documents of the open chat: collections in scope, its own files, and whether it may use the cloud. */
export const useDocuments = create<DocumentsStore>((set, get) => ({
  chat: NONE,
  collections: [],
  collectionInfo: [],
  collectionsError: null,
  attaching: [],

  async refreshCollections() {
    listen()
    const result = await request('documents.collections', {})
    if (result.ok) showCollections(result.data)
    else set({ collectionsError: result.error.message })
  },

  async addCollection(name, folder) {
    const result = await request('documents.addCollection', { name, folder })
    if (!result.ok) return result.error.message
    await get().refreshCollections()
    return null
  },

  async removeCollection(name) {
    const result = await request('documents.removeCollection', { name })
    if (!result.ok) set({ collectionsError: result.error.message })
    await get().refreshCollections()
    // A chat that searched it searches it no more.
    if (get().chat.collections.includes(name)) await get().update({ collections: get().chat.collections.filter((c) => c !== name) })
  },

  async load(conversationId) {
    const mine = ++reads
    if (!conversationId) return set({ chat: NONE })
    const result = await request('conversations.get', { id: conversationId })
    // A change made meanwhile (a new chat's first pick) is newer than what was read.
    if (result.ok && mine === reads && useChat.getState().activeId === conversationId) set({ chat: result.data.documents ?? NONE })
  },

  async update(patch) {
    const id = await openChat()
    if (typeof id !== 'string') return id.problem
    reads++
    const documents = { ...get().chat, ...patch }
    set({ chat: documents })
    const result = await request('conversations.setDocuments', { id, documents })
    if (!result.ok) return result.error.message
    set({ chat: result.data.documents ?? NONE })
    return null
  },

  async attach(files) {
    const problems: string[] = []
    const fit = files.filter((file) => {
      if (file.size <= DOCUMENT_ATTACH_BYTES) return true
      problems.push(i18n.t('documents.tooBig', { name: file.name, size: formatBytes(file.size), max: formatBytes(DOCUMENT_ATTACH_BYTES) }))
      return false
    })
    if (fit.length === 0) return problems
    const id = await openChat()
    if (typeof id !== 'string') return [...problems, id.problem]
    for (const file of fit) {
      set((s) => ({ attaching: [...s.attaching, file.name] }))
      try {
        reads++
        const result = await request('conversations.attachDocument', { id, name: file.name, base64: await base64Of(file) })
        if (result.ok) set({ chat: result.data.documents ?? NONE })
        else problems.push(i18n.t('documents.attachFailed', { name: file.name, problem: result.error.message }))
      } catch (error) {
        problems.push(i18n.t('documents.attachFailed', { name: file.name, problem: errorMessage(error) }))
      } finally {
        set((s) => ({ attaching: s.attaching.filter((name) => name !== file.name) }))
      }
    }
    return problems
  },
}))

/** The collections as the index says they are now (a chat's own documents are not collections to pick). */
function showCollections(collections: CollectionInfo[]): void {
  const shown = collections.filter((c) => !c.name.startsWith('chat:'))
  useDocuments.setState({ collectionInfo: shown, collections: shown.map((c) => c.name), collectionsError: null })
}

let listening = false
/** Indexing moves on and collections change while the page is open: their events keep the list current. */
function listen(): void {
  if (listening) return
  listening = true
  const client = getClient()
  client.on('documents.changed', ({ collections }) => showCollections(collections))
  client.on('documents.progress', (progress) =>
    useDocuments.setState((s) => ({
      collectionInfo: s.collectionInfo.map((c) => (c.name === progress.collection ? { ...c, status: progress.file === null ? c.status : 'indexing', progress } : c)),
    })),
  )
}

/** The open chat's id; a new chat is made (and opened) first, as sending would. */
async function openChat(): Promise<string | { problem: string }> {
  const chat = useChat.getState()
  if (chat.activeId) return chat.activeId
  const created = await request('conversations.create', { ...(chat.selectedModelId && { modelId: chat.selectedModelId }) })
  if (!created.ok) return { problem: created.error.message }
  const { id, title, updatedAt } = created.data
  useConversations.getState().upsert({ id, title, updatedAt, messageCount: 0, snippet: '' })
  await useChat.getState().open(id)
  return id
}

/** A file's bytes as base64 (they travel in one message to the services). */
function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'))
    reader.readAsDataURL(file)
  })
}

// The open chat changes: its documents are read.
useChat.subscribe((state, before) => {
  if (state.activeId !== before.activeId) void useDocuments.getState().load(state.activeId)
})
