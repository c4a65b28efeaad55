import type { HandlersOf } from '../dispatch'
import type { FeedbackStore } from '../feedback/feedbackStore'
import { rateReply } from '../feedback/handlers'
import type { ChatService } from './chatService'
import type { ConversationStore } from './conversationStore'

/** Conversations (kept on disk) and the replies in them. */
export function chatHandlers({ conversations, chat, feedback }: { conversations: ConversationStore; chat: ChatService; feedback: FeedbackStore }): HandlersOf<'conversations' | 'chat'> {
  return {
    'conversations.list': ({ query }) => conversations.list(query),
    'conversations.get': ({ id }) => conversations.get(id),
    'conversations.create': (input) => conversations.create(input),
    'conversations.rename': ({ id, title }) => conversations.rename(id, title),
    'conversations.delete': async ({ id }) => {
      chat.stop(id)
      await conversations.delete(id)
      return {}
    },
    'chat.send': (input) => chat.send(input),
    'chat.regenerate': (input) => chat.regenerate(input),
    'chat.escalate': (input) => chat.escalate(input),
    'chat.stop': ({ conversationId }) => chat.stop(conversationId),
    'chat.rate': (input) => rateReply(conversations, feedback, input),
  }
}
