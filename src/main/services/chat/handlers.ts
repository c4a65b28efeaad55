import type { HandlersOf } from '../dispatch'
import type { AssistantStore } from '../assistants/assistantStore'
import type { FeedbackStore } from '../feedback/feedbackStore'
import { rateReply } from '../feedback/handlers'
import type { ChatService } from './chatService'
import type { ConversationStore } from './conversationStore'
import type { ChatSources } from './documents'

/** Conversations (kept on disk) and the replies in them. */
export function chatHandlers({
  conversations,
  chat,
  feedback,
  assistants,
  documents,
}: {
  conversations: ConversationStore
  chat: ChatService
  feedback: FeedbackStore
  assistants: AssistantStore
  documents: ChatSources
}): HandlersOf<'conversations' | 'chat'> {
  return {
    'conversations.list': ({ query }) => conversations.list(query),
    'conversations.get': ({ id }) => conversations.get(id),
    'conversations.create': ({ assistantId, ...input }) => {
      if (!assistantId) return conversations.create(input)
      // A chat from an assistant keeps its instructions, temperature and name as they are now.
      const { id, name, instructions, temperature, modelId } = assistants.get(assistantId)
      return conversations.create({ ...input, modelId: input.modelId ?? modelId, instructions: input.instructions ?? instructions, temperature, assistant: { id, name } })
    },
    'conversations.setInstructions': ({ id, instructions }) => conversations.setInstructions(id, instructions),
    'conversations.showVersion': ({ id, messageId }) => chat.showVersion({ conversationId: id, messageId }),
    'conversations.deleteMessage': ({ id, messageId }) => chat.deleteMessage({ conversationId: id, messageId }),
    'conversations.setDocuments': ({ id, documents }) => conversations.setDocuments(id, documents),
    'conversations.attachDocument': async ({ id, name, base64 }) => {
      const { documents: now } = await conversations.get(id)
      const file = await documents.attach(id, name, base64)
      const files = now?.files.includes(file) ? now.files : [...(now?.files ?? []), file]
      return conversations.setDocuments(id, { collections: now?.collections ?? [], allowCloud: now?.allowCloud ?? false, files })
    },
    'conversations.rename': ({ id, title }) => conversations.rename(id, title),
    'conversations.delete': async ({ id }) => {
      chat.stop(id)
      await conversations.delete(id)
      await documents.forget(id)
      return {}
    },
    'chat.send': (input) => chat.send(input),
    'chat.regenerate': (input) => chat.regenerate(input),
    'chat.edit': (input) => chat.edit(input),
    'chat.escalate': (input) => chat.escalate(input),
    'chat.stop': ({ conversationId }) => chat.stop(conversationId),
    'chat.answerTool': (input) => chat.answerTool(input),
    'chat.rate': (input) => rateReply(conversations, feedback, input),
  }
}
