import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { AuraError, type ChatDocuments, type Conversation, type Settings, type Source } from '../../../shared/api'
import { headingUnder } from '../../../shared/attachments'
import { say, words } from '../../../shared/i18n'
import { modelDefaultsOf } from '../../../shared/modelDefaults'
import { estimateTokens } from '../../../shared/units'
import type { Library, Passage } from '../documents/contract'
import type { Logger } from '../ports'
import type { RouteRequest, RouteScope } from '../router/types'
import type { Plan } from './attempts'
import { isConversationId } from './conversationStore'

/** How many passages a turn asks for; the model's window decides how many go in. */
export const SEARCH_LIMIT = 8
/** The sources' share of the smallest window among the models that may answer (the rest: the chat and the reply). */
const SOURCES_SHARE = 0.5
/** A cloud model's window is large; the sources stay within this all the same (time and cost). */
const CLOUD_WINDOW = 32_768

/** A plan with the passages its prompt carries, numbered as the model cites them. */
export type SourcedPlan = Plan & { sources?: Source[] }

interface Deps {
  /** The documents index; absent: a chat with documents still stays local, without sources. */
  library?: Library
  settings(): Settings
  isCloudModel(modelId: string): boolean
  /** Where the files attached to a chat are kept, one folder per chat. */
  dir: string
  /** Hands an attached file to the index (in the background); absent: kept, found once an index reads it. */
  index?: (path: string, conversationId: string) => Promise<void>
  /** Drops a chat's own documents from the index. */
  forget?: (conversationId: string) => void
  logger: Logger
}

/**
 * The documents in a chat: each turn searches them with the user's message and gives the model the
 * best passages as numbered sources it cites as [1], [2]; and keeps the chat on this computer unless
 * the user allowed the cloud for it.
 */
export class ChatSources {
  constructor(private readonly deps: Deps) {}

  /**
   * The plan for a turn. `plan` asks the router within a scope: a chat with documents and without
   * "Allow cloud" is routed as under Local only, and its reason says why.
   */
  async plan(conversation: Conversation, request: RouteRequest, plan: (request: RouteRequest, scope?: RouteScope) => Promise<Plan>): Promise<SourcedPlan> {
    const documents = inScope(conversation.documents)
    if (!documents) return plan(request)
    const local = !documents.allowCloud && !this.deps.settings().localOnly
    const planned = local ? await plan(request, { localOnly: true }).catch(refusedLocally) : await plan(request)
    if (local && planned.decision.mode === 'local_only') planned.decision = { ...planned.decision, reason: say('route.keptForDocuments', { head: planned.decision.reason.split(' — ')[0] ?? planned.decision.reason }) }
    const passages = this.deps.library ? await this.deps.library.search(request.text, { collections: documents.collections, files: documents.files }, SEARCH_LIMIT) : []
    const sources = this.fit(passages, planned)
    if (sources.length === 0) return planned
    const text = withSources(request.text, sources)
    const added = estimateTokens(text) - estimateTokens(request.text)
    return { ...planned, request: { ...planned.request, text }, decision: { ...planned.decision, promptTokens: planned.decision.promptTokens + added }, sources }
  }

  /** The best passages that fit within a share of the smallest window among the models that may answer. */
  private fit(passages: Passage[], plan: Plan): Source[] {
    const settings = this.deps.settings()
    const window = Math.min(...plan.chain.map((c) => (this.deps.isCloudModel(c.modelId) ? CLOUD_WINDOW : modelDefaultsOf(settings, c.modelId).contextSize)))
    const chat = estimateTokens([...plan.request.history.map((turn) => turn.content), plan.request.text].join('\n'))
    let room = Math.floor(window * SOURCES_SHARE) - chat
    const sources: Source[] = []
    for (const passage of passages) {
      const source: Source = { n: sources.length + 1, path: passage.path, title: passage.title, text: passage.text, ...(passage.page !== undefined && { page: passage.page }), ...(passage.heading && { heading: passage.heading }) }
      const tokens = estimateTokens(block(source))
      if (tokens > room) continue
      room -= tokens
      sources.push(source)
    }
    return sources
  }

  /** Keeps a file attached to a chat in Aura's data folder, adds it to the chat's documents and has it indexed. */
  async attach(conversationId: string, name: string, base64: string): Promise<string> {
    const folder = join(this.deps.dir, conversationId)
    await mkdir(folder, { recursive: true })
    // The name as given, never a path: a name cannot write outside the chat's folder.
    const file = join(folder, basename(name.replace(/\\/g, '/')) || 'document')
    await writeFile(file, Buffer.from(base64, 'base64'))
    this.deps.index?.(file, conversationId).catch((error: unknown) => this.deps.logger.warn('An attached document could not be indexed', { error: String(error) }))
    return file
  }

  /** A deleted chat's own documents go with it: the kept copies and what the index holds of them. */
  async forget(conversationId: string): Promise<void> {
    // Only a chat's own folder is removed.
    if (!isConversationId(conversationId)) return
    this.deps.forget?.(conversationId)
    await rm(join(this.deps.dir, conversationId), { recursive: true, force: true })
  }
}

/** The chat's documents when it has any in scope. */
function inScope(documents: ChatDocuments | undefined): ChatDocuments | null {
  return documents && (documents.collections.length > 0 || documents.files.length > 0) ? documents : null
}

/** Nothing local can answer a chat kept on this computer: say so, and what the user can do (the page offers the switch: `data.documents`). */
function refusedLocally(error: unknown): never {
  if (!(error instanceof AuraError) || (error.code !== 'local_only' && error.code !== 'no_model_available')) throw error
  throw new AuraError(
    'local_only',
    words('route.documentsNoLocal'),
    { documents: true },
  )
}

/** Where a source is: "report.pdf, page 3" or "Guide › Install". */
export function sourcePlace(source: Pick<Source, 'title' | 'page' | 'heading'>): string {
  if (source.page !== undefined) return `${source.title}, page ${source.page}`
  const heading = headingUnder(source)
  return heading ? `${source.title} › ${heading}` : source.title
}

function block(source: Source): string {
  return `[${source.n}] ${sourcePlace(source)}\n${source.text.trim()}`
}

/** The user's message as the model reads it: the sources first, then how to cite them, then the question. */
function withSources(text: string, sources: Source[]): string {
  return [
    'Sources from my documents:',
    ...sources.map(block),
    'Answer from these sources where they help, and cite each one you use by its number, like [1] or [2]. If they do not hold the answer, say so.',
    `Question: ${text}`,
  ].join('\n\n')
}
